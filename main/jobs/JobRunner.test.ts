import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { z } from 'zod';
import type { JobKind } from '../../shared/domain/enums';
import { AppError } from '../../shared/ipc/result';
import { openDatabase } from '../db/connection';
import { EventHub } from '../ipc/eventHub';
import { MIGRATIONS_DIR, quietLog, tempDir } from '../testing/fixtures';
import { JobRunner, type JobHandler, type JobOutcome } from './JobRunner';
import { JobStore } from './jobStore';

// The queue on a real SQLite file with handlers written for the test: ordering, concurrency,
// retries, waiting, cancel, crash recovery, atomic results.

function setup(options: { recordings?: number } = {}) {
  const database = openDatabase({ file: join(tempDir(), 'q.sqlite'), migrationsDir: MIGRATIONS_DIR });
  const raw = database.raw;
  raw.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c', 'C', 0, 0);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
      VALUES ('s', 'c', 'hr', 'practice', 'ava', 0, 0);
    CREATE TABLE results (recording_id TEXT NOT NULL, kind TEXT NOT NULL, UNIQUE (recording_id, kind));
  `);
  const recordings = Array.from({ length: options.recordings ?? 1 }, (_, i) => `r${i}`);
  for (const id of recordings) {
    raw.prepare("INSERT INTO recordings (id, session_id, path, mime_type, started_at) VALUES (?, 's', 'p', 'video/webm', 0)").run(id);
  }
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const store = new JobStore(raw, clock.now);
  const hub = new EventHub();
  const events: { name: string; payload: unknown }[] = [];
  hub.subscribe((name, payload) => events.push({ name, payload }));
  const make = (o: Partial<ConstructorParameters<typeof JobRunner>[0]> = {}) =>
    new JobRunner({ store, hub, log: quietLog, now: clock.now, concurrency: { ffmpeg: 1, ai: 2 }, random: () => 0.5, ...o });
  const runner = make();
  onTestFinished(async () => {
    await runner.stop();
    await database.close();
  });
  const enqueue = (kind: JobKind, recordingId = 'r0', payload: unknown = {}, maxAttempts = 3) =>
    raw.transaction(() => store.enqueue(raw, { kind, sessionId: 's', recordingId, payload, maxAttempts }))();
  const job = (kind: JobKind, recordingId = 'r0') =>
    raw.prepare('SELECT * FROM jobs WHERE kind = ? AND recording_id = ?').get(kind, recordingId) as Record<string, unknown>;
  return { raw, store, runner, make, clock, events, enqueue, job, recordings };
}

function handler(kind: JobKind, group: 'ffmpeg' | 'ai', run: JobHandler['run'], maxAttempts = 3): JobHandler {
  return { kind, group, maxAttempts, payload: z.unknown(), run };
}

const done = (): JobOutcome => ({ type: 'done' });

describe('JobRunner', () => {
  it('runs every job once, never more ffmpeg jobs at a time than allowed, and records results atomically', async () => {
    const t = setup({ recordings: 4 });
    let active = 0;
    let maxActive = 0;
    t.runner.register(
      handler('thumbnail', 'ffmpeg', async ({ job }) => {
        maxActive = Math.max(maxActive, ++active);
        await new Promise((r) => setTimeout(r, 20));
        active--;
        return {
          type: 'done',
          commit: (tx) => {
            tx.prepare('INSERT INTO results VALUES (?, ?)').run(job.recordingId, job.kind);
            // The next step is enqueued in the same transaction.
            t.store.enqueue(tx, { kind: 'transcribe', sessionId: 's', recordingId: job.recordingId, maxAttempts: 3 });
          },
        };
      }),
    );
    t.runner.register(handler('transcribe', 'ai', async () => done()));
    for (const r of t.recordings) t.enqueue('thumbnail', r);
    t.enqueue('thumbnail', 'r0'); // a second enqueue of the same step is a no-op
    t.runner.start();
    await t.runner.waitForIdle();
    expect(maxActive).toBe(1);
    expect(t.raw.prepare("SELECT kind, status, attempts FROM jobs ORDER BY kind, recording_id").all()).toEqual([
      ...t.recordings.map(() => ({ kind: 'thumbnail', status: 'succeeded', attempts: 1 })),
      ...t.recordings.map(() => ({ kind: 'transcribe', status: 'succeeded', attempts: 1 })),
    ]);
    expect(t.raw.prepare('SELECT count(*) FROM results').pluck().get()).toBe(4);
  });

  it('retries with exponential backoff, honours Retry-After, and fails with the reason after the last attempt', async () => {
    const t = setup();
    const runsAt: number[] = [];
    t.runner.register(
      handler('transcribe', 'ai', async ({ job }) => {
        runsAt.push(t.clock.now());
        return job.attempts === 1
          ? { type: 'retry', message: 'Rate limited.', retryAfterMs: 7000 }
          : { type: 'retry', message: 'The AI service is busy (500).' };
      }),
    );
    t.enqueue('transcribe');
    t.runner.start();
    await t.runner.waitForIdle();
    expect(t.job('transcribe')).toMatchObject({ status: 'queued', attempts: 1, error: 'Rate limited.', run_after: 1_000_000 + 7000 });
    t.clock.advance(7000);
    t.runner.poke();
    await t.runner.waitForIdle();
    // Second failure: base 2 s * 2^(2-1) = 4 s, jitter at 0.5 -> x1.
    expect(t.job('transcribe')).toMatchObject({ status: 'queued', attempts: 2, run_after: 1_007_000 + 4000 });
    t.clock.advance(4000);
    t.runner.poke();
    await t.runner.waitForIdle();
    expect(t.job('transcribe')).toMatchObject({ status: 'failed', attempts: 3, error: 'The AI service is busy (500).' });
    expect(runsAt).toHaveLength(3);
  });

  it('turns a thrown AppError into a retry with its sentence, and other errors into a generic one', async () => {
    const t = setup();
    t.runner.register(handler('thumbnail', 'ffmpeg', async () => { throw new AppError('ffmpeg/failed', 'The video could not be read.'); }, 1));
    t.runner.register(handler('transcribe', 'ai', async () => { throw new TypeError('x is undefined'); }, 1));
    t.enqueue('thumbnail', 'r0', {}, 1);
    t.enqueue('transcribe', 'r0', {}, 1);
    t.runner.start();
    await t.runner.waitForIdle();
    expect(t.job('thumbnail')).toMatchObject({ status: 'failed', error: 'The video could not be read.' });
    expect(t.job('transcribe')).toMatchObject({ status: 'failed', error: 'This step failed unexpectedly; it will be tried again.' });
  });

  it('parks jobs that wait for settings without using attempts, and runs them when woken', async () => {
    const t = setup();
    let configured = false;
    t.runner.register(
      handler('score', 'ai', async () => (configured ? done() : { type: 'wait', reason: 'ai_settings', message: 'Waiting for AI settings.' })),
    );
    t.enqueue('score');
    t.runner.start();
    await t.runner.waitForIdle();
    expect(t.job('score')).toMatchObject({ status: 'waiting', wait_reason: 'ai_settings', attempts: 0 });
    configured = true;
    t.runner.wake('ai_settings');
    await t.runner.waitForIdle();
    expect(t.job('score')).toMatchObject({ status: 'succeeded', attempts: 1, wait_reason: null });
  });

  it('cancel aborts a running job, drops its result, and restart runs it again', async () => {
    const t = setup();
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    let runs = 0;
    t.runner.register(
      handler('transcode_mp4', 'ffmpeg', ({ signal, job }) => {
        runs++;
        if (runs > 1) return Promise.resolve({ type: 'done', commit: (tx) => { tx.prepare('INSERT INTO results VALUES (?, ?)').run(job.recordingId, 'mp4'); } });
        started();
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('killed'))));
      }),
    );
    t.enqueue('transcode_mp4');
    t.runner.start();
    await isRunning;
    const id = t.job('transcode_mp4').id as number;
    expect(t.runner.cancel(id)?.status).toBe('cancelled');
    await t.runner.waitForIdle();
    expect(t.job('transcode_mp4')).toMatchObject({ status: 'cancelled' });
    expect(t.raw.prepare('SELECT count(*) FROM results').pluck().get()).toBe(0);
    t.runner.restart(id);
    await t.runner.waitForIdle();
    expect(t.job('transcode_mp4')).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(t.raw.prepare('SELECT count(*) FROM results').pluck().get()).toBe(1);
  });

  it('fails a job whose saved payload is damaged and goes on with the rest', async () => {
    const t = setup({ recordings: 2 });
    t.runner.register({ kind: 'score', group: 'ai', maxAttempts: 3, payload: z.object({ model: z.string() }), run: async () => done() });
    t.enqueue('score', 'r0', { model: 42 });
    t.enqueue('score', 'r1', { model: 'm' });
    t.runner.start();
    await t.runner.waitForIdle();
    expect(t.job('score', 'r0')).toMatchObject({ status: 'failed', error: 'This step’s saved data is damaged, so it cannot run.' });
    expect(t.job('score', 'r1')).toMatchObject({ status: 'succeeded' });
  });

  it('a result that cannot be written leaves the job unfinished, with nothing half-written', async () => {
    const t = setup();
    let runs = 0;
    t.runner.register(
      handler('voice_metrics', 'ffmpeg', async ({ job }) => ({
        type: 'done',
        commit: (tx) => {
          runs++;
          tx.prepare('INSERT INTO results VALUES (?, ?)').run(job.recordingId, 'a');
          if (runs === 1) tx.prepare('INSERT INTO results VALUES (?, ?)').run(job.recordingId, 'a');
        },
      })),
    );
    t.enqueue('voice_metrics');
    t.runner.start();
    await t.runner.waitForIdle();
    expect(t.job('voice_metrics')).toMatchObject({ status: 'queued', attempts: 1, error: 'Its results could not be saved.' });
    expect(t.raw.prepare('SELECT count(*) FROM results').pluck().get()).toBe(0);
    t.clock.advance(60_000);
    t.runner.poke();
    await t.runner.waitForIdle();
    expect(t.job('voice_metrics')).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(t.raw.prepare('SELECT count(*) FROM results').pluck().get()).toBe(1);
  });

  it('after a crash, releases leases: requeued if attempts remain, failed if not', async () => {
    const t = setup({ recordings: 2 });
    t.enqueue('thumbnail', 'r0', {}, 3);
    t.enqueue('thumbnail', 'r1', {}, 1);
    t.raw.prepare("UPDATE jobs SET status = 'running', lease_owner = 'dead-process', attempts = 1").run();
    t.runner.register(handler('thumbnail', 'ffmpeg', async () => done()));
    t.runner.start();
    await t.runner.waitForIdle();
    expect(t.job('thumbnail', 'r0')).toMatchObject({ status: 'succeeded', attempts: 2 });
    expect(t.job('thumbnail', 'r1')).toMatchObject({ status: 'failed', error: 'This step stopped unexpectedly every time it ran.' });
  });

  it('stopping the app gives running jobs back without using an attempt', async () => {
    const t = setup();
    let started!: () => void;
    const isRunning = new Promise<void>((r) => (started = r));
    t.runner.register(
      handler('transcode_mp4', 'ffmpeg', ({ signal }) => {
        started();
        return new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('killed'))));
      }),
    );
    t.enqueue('transcode_mp4');
    t.runner.start();
    await isRunning;
    await t.runner.stop();
    expect(t.job('transcode_mp4')).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('reports progress at most every 250 ms, clamped, with ETA', async () => {
    const t = setup();
    t.runner.register(
      handler('transcode_mp4', 'ffmpeg', async ({ progress }) => {
        for (const f of [0.1, 0.2, 0.3, 1.4]) {
          progress(f, 5000 * (1 - f));
          t.clock.advance(150);
        }
        return done();
      }),
    );
    t.enqueue('transcode_mp4');
    t.runner.start();
    await t.runner.waitForIdle();
    const progress = t.events.filter((e) => e.name === 'jobs:onProgress').map((e) => e.payload as { progress: number; etaMs: number });
    expect(progress.map((p) => [p.progress, p.etaMs])).toEqual([
      [0.1, 4500],
      [0.3, 3500],
    ]);
    const states = t.events.filter((e) => e.name === 'jobs:onUpdated').map((e) => (e.payload as { status: string }).status);
    expect(states).toEqual(['running', 'succeeded']);
  });
});
