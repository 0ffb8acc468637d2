import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { JobKind, WaitReason } from '../../shared/domain/enums';
import type { Job } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import type { EventHub } from '../ipc/eventHub';
import type { Logger } from '../log';
import type { JobStore, Tx } from './jobStore';

export type JobOutcome =
  /**
   * Done: `commit` writes the results and enqueues what follows, in the completing transaction;
   * `afterCommit` then cleans up what the committed rows no longer point at (old files).
   */
  | { type: 'done'; commit?: (tx: Tx) => void; afterCommit?: () => Promise<void> }
  /** Try again later (after `retryAfterMs` when the service said so, else with backoff). */
  | { type: 'retry'; message: string; retryAfterMs?: number | null }
  /** Cannot run until something outside changes (settings, network, ffmpeg); not an attempt. */
  | { type: 'wait'; reason: WaitReason; message: string }
  /** Will never work: fail now with this sentence. */
  | { type: 'fail'; message: string };

export interface JobContext<P> {
  job: Job;
  payload: P;
  /** Aborted when the user cancels the job or the app quits. */
  signal: AbortSignal;
  progress(fraction: number, etaMs: number | null): void;
}

/** Resource pools: at most `concurrency` jobs of a group run at once (ffmpeg: one). */
export type JobGroup = 'ffmpeg' | 'ai';

export interface JobHandler<P = unknown> {
  kind: JobKind;
  group: JobGroup;
  /** Runs counted before the job fails for good; a value of 1 never retries. */
  maxAttempts: number;
  payload: z.ZodType<P>;
  run(ctx: JobContext<P>): Promise<JobOutcome>;
}

export interface RunnerOptions {
  store: JobStore;
  hub: EventHub;
  log: Logger;
  now: () => number;
  concurrency: Record<JobGroup, number>;
  /** First retry delay; doubles per attempt, with ±25% jitter, up to maxBackoffMs. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
  /** How often to look for due jobs and to retry jobs waiting for the network or ffmpeg. */
  pollMs?: number;
  recheckWaitingMs?: number;
  /** Progress events per job at most this often. */
  progressIntervalMs?: number;
}

interface Running {
  controller: AbortController;
  group: JobGroup;
  lastProgressAt: number;
}

export function backoffMs(attempt: number, base: number, max: number, random: () => number): number {
  const raw = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.75 + random() * 0.5));
}

/**
 * Runs the jobs table: leases due jobs per group up to its concurrency, runs their handler,
 * records the outcome (retry with backoff, wait, fail, done with results), and tells the
 * renderer. One runner per database file.
 */
export class JobRunner {
  private readonly owner = randomUUID();
  private readonly handlers = new Map<JobKind, JobHandler<unknown>>();
  private readonly running = new Map<number, Running>();
  private readonly idleWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private recheckTimer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly o: Required<RunnerOptions>;

  constructor(options: RunnerOptions) {
    this.o = {
      baseBackoffMs: 2000,
      maxBackoffMs: 10 * 60_000,
      random: Math.random,
      pollMs: 1000,
      recheckWaitingMs: 30_000,
      progressIntervalMs: 250,
      ...options,
    };
  }

  register<P>(handler: JobHandler<P>): void {
    if (this.handlers.has(handler.kind)) throw new Error(`Two handlers for job kind ${handler.kind}`);
    this.handlers.set(handler.kind, handler as JobHandler<unknown>);
  }

  /** Releases leases a crash left behind, then starts running due jobs. */
  start(): void {
    const released = this.o.store.releaseLeases();
    if (released) this.o.log.warn('released jobs left running by a previous run', { released });
    this.stopped = false;
    this.recheckTimer = setInterval(() => {
      if (this.o.store.wake('network') + this.o.store.wake('ffmpeg') > 0) this.poke();
    }, this.o.recheckWaitingMs);
    this.recheckTimer.unref();
    this.poke();
  }

  /** Stops leasing and aborts what runs; aborted jobs go back to the queue at the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    for (const r of this.running.values()) r.controller.abort();
    await this.waitFor(() => this.running.size === 0);
  }

  /** Look for work now (after an enqueue, a settings change, a finished job). */
  poke(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.fill();
    this.schedule();
    this.checkIdle();
  }

  wake(reason: WaitReason): void {
    if (this.o.store.wake(reason) > 0) this.poke();
  }

  cancel(id: number): Job | null {
    const job = this.o.store.cancel(id);
    this.running.get(id)?.controller.abort();
    if (job) this.o.hub.emit('jobs:onUpdated', job);
    return job;
  }

  restart(id: number): Job | null {
    const job = this.o.store.restart(id);
    if (job) this.o.hub.emit('jobs:onUpdated', job);
    this.poke();
    return job;
  }

  /** Resolves when nothing runs and nothing queued is due (tests wait on this, never sleep). */
  waitForIdle(): Promise<void> {
    return this.waitFor(() => this.isIdle());
  }

  private isIdle(): boolean {
    const due = this.o.store.nextDueAt();
    return this.running.size === 0 && (due === null || due > this.o.now());
  }

  private waitFor(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (condition()) resolve();
        else this.idleWaiters.push(check);
      };
      this.idleWaiters.push(check);
    });
  }

  private checkIdle(): void {
    const waiters = this.idleWaiters.splice(0);
    for (const check of waiters) check();
  }

  private schedule(): void {
    if (this.stopped) return;
    const due = this.o.store.nextDueAt();
    const delay = due === null ? this.o.pollMs : Math.min(this.o.pollMs, Math.max(0, due - this.o.now()));
    this.timer = setTimeout(() => this.poke(), Math.max(delay, 10));
    this.timer.unref();
  }

  private fill(): void {
    for (const group of Object.keys(this.o.concurrency) as JobGroup[]) {
      const kinds = [...this.handlers.values()].filter((h) => h.group === group).map((h) => h.kind);
      while (!this.stopped && this.runningIn(group) < this.o.concurrency[group]) {
        const leased = this.o.store.leaseNext(kinds, this.owner);
        if (!leased) break;
        this.launch(leased.job, leased.payload);
      }
    }
  }

  private runningIn(group: JobGroup): number {
    let n = 0;
    for (const r of this.running.values()) if (r.group === group) n++;
    return n;
  }

  private launch(job: Job, rawPayload: unknown): void {
    const handler = this.handlers.get(job.kind)!;
    const controller = new AbortController();
    const entry: Running = { controller, group: handler.group, lastProgressAt: 0 };
    this.running.set(job.id, entry);
    this.o.hub.emit('jobs:onUpdated', job);
    const log = this.o.log.child(job.kind);

    const parsed = handler.payload.safeParse(rawPayload);
    const outcome: Promise<JobOutcome> = !parsed.success
      ? Promise.resolve({ type: 'fail', message: 'This step’s saved data is damaged, so it cannot run.' })
      : handler
          .run({
            job,
            payload: parsed.data,
            signal: controller.signal,
            progress: (fraction, etaMs) => this.progress(job, entry, fraction, etaMs),
          })
          .catch((error: unknown): JobOutcome => {
            if (controller.signal.aborted) return { type: 'retry', message: 'Stopped before it finished.', retryAfterMs: 0 };
            log.error('job threw', { jobId: job.id, error });
            return {
              type: 'retry',
              message: error instanceof AppError ? error.message : 'This step failed unexpectedly; it will be tried again.',
            };
          });

    void outcome.then((result) => {
      this.running.delete(job.id);
      // Quitting is not the job's fault: it goes back to the queue without using an attempt.
      if (this.stopped && controller.signal.aborted) this.o.store.release(job.id, this.owner);
      else this.settle(job, result, log);
      this.poke();
      this.checkIdle();
    });
  }

  private settle(job: Job, outcome: JobOutcome, log: Logger): void {
    const { store } = this.o;
    let updated: Job | null;
    try {
      switch (outcome.type) {
        case 'done':
          if (!store.succeed(job.id, this.owner, outcome.commit)) {
            log.info('finished after being cancelled; result dropped', { jobId: job.id });
          } else if (outcome.afterCommit) {
            outcome.afterCommit().catch((error: unknown) => log.warn('clean-up after a job failed', { jobId: job.id, error }));
          }
          updated = store.get(job.id);
          break;
        case 'retry': {
          const delay = outcome.retryAfterMs ?? backoffMs(job.attempts, this.o.baseBackoffMs, this.o.maxBackoffMs, this.o.random);
          updated = store.retryOrFail(job.id, this.owner, outcome.message, delay);
          break;
        }
        case 'wait':
          updated = store.wait(job.id, this.owner, outcome.reason, outcome.message);
          break;
        case 'fail':
          updated = store.fail(job.id, this.owner, outcome.message);
          break;
      }
    } catch (error) {
      // Writing the results failed (e.g. a constraint): the job is not done; try again later.
      log.error('could not record job outcome', { jobId: job.id, error });
      updated = store.retryOrFail(job.id, this.owner, 'Its results could not be saved.', backoffMs(job.attempts, this.o.baseBackoffMs, this.o.maxBackoffMs, this.o.random));
    }
    if (updated) {
      if (updated.status === 'failed') log.warn('job failed', { jobId: job.id, error: updated.error, attempts: updated.attempts });
      this.o.hub.emit('jobs:onUpdated', updated);
    }
  }

  private progress(job: Job, entry: Running, fraction: number, etaMs: number | null): void {
    const now = this.o.now();
    if (now - entry.lastProgressAt < this.o.progressIntervalMs) return;
    entry.lastProgressAt = now;
    const clamped = Math.min(1, Math.max(0, fraction));
    const eta = etaMs === null ? null : Math.max(0, Math.round(etaMs));
    this.o.store.setProgress(job.id, clamped, eta);
    this.o.hub.emit('jobs:onProgress', { jobId: job.id, sessionId: job.sessionId, kind: job.kind, progress: clamped, etaMs: eta });
  }
}
