import type BetterSqlite3 from 'better-sqlite3';
import type { JobKind, JobStatus, WaitReason } from '../../shared/domain/enums';
import type { Job } from '../../shared/domain/types';

// The jobs table, with synchronous SQL: completing a job and writing its results must be one
// transaction, which better-sqlite3 gives directly.

export type Tx = BetterSqlite3.Database;

interface JobRow {
  id: number;
  kind: string;
  session_id: string;
  recording_id: string;
  payload: string;
  status: string;
  wait_reason: string | null;
  attempts: number;
  max_attempts: number;
  run_after: number;
  progress: number | null;
  eta_ms: number | null;
  error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

export interface LeasedJob {
  job: Job;
  payload: unknown;
}

export interface NewJob {
  kind: JobKind;
  sessionId: string;
  recordingId: string;
  payload?: unknown;
  maxAttempts: number;
  runAfter?: number;
}

export function toJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    sessionId: row.session_id,
    recordingId: row.recording_id,
    status: row.status as JobStatus,
    waitReason: row.wait_reason as WaitReason | null,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: row.run_after,
    progress: row.progress,
    etaMs: row.eta_ms,
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

export class JobStore {
  constructor(
    readonly db: BetterSqlite3.Database,
    private readonly now: () => number,
  ) {}

  /** Adds a job unless the recording already has one of that kind. Call inside the causing transaction. */
  enqueue(tx: Tx, job: NewJob): void {
    const now = this.now();
    tx.prepare(
      `INSERT INTO jobs (kind, session_id, recording_id, payload, max_attempts, run_after, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (recording_id, kind) DO NOTHING`,
    ).run(job.kind, job.sessionId, job.recordingId, JSON.stringify(job.payload ?? {}), job.maxAttempts, job.runAfter ?? now, now, now);
  }

  /** Enqueues the job, or starts an existing one of that kind over (unless it is running). */
  enqueueOrRestart(tx: Tx, job: NewJob): Job {
    const now = this.now();
    tx.prepare(
      `UPDATE jobs SET status = 'queued', attempts = 0, run_after = ?, error = NULL, wait_reason = NULL,
              progress = NULL, eta_ms = NULL, updated_at = ?, finished_at = NULL
       WHERE recording_id = ? AND kind = ? AND status <> 'running'`,
    ).run(now, now, job.recordingId, job.kind);
    this.enqueue(tx, job);
    const row = tx.prepare('SELECT * FROM jobs WHERE recording_id = ? AND kind = ?').get(job.recordingId, job.kind) as JobRow;
    return toJob(row);
  }

  get(id: number): Job | null {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  /** The failed jobs of these kinds, oldest first. */
  failedIds(kinds: readonly JobKind[]): number[] {
    return this.db
      .prepare(`SELECT id FROM jobs WHERE status = 'failed' AND kind IN (${kinds.map(() => '?').join(', ')}) ORDER BY id`)
      .pluck()
      .all(...kinds) as number[];
  }

  forSession(sessionId: string): Job[] {
    return (this.db.prepare('SELECT * FROM jobs WHERE session_id = ? ORDER BY id').all(sessionId) as JobRow[]).map(toJob);
  }

  /** Claims the next due job of these kinds for `owner`, counting the attempt. */
  leaseNext(kinds: readonly JobKind[], owner: string): LeasedJob | null {
    if (kinds.length === 0) return null;
    const now = this.now();
    const row = this.db
      .prepare(
        `UPDATE jobs SET status = 'running', lease_owner = ?, attempts = attempts + 1, progress = NULL,
                eta_ms = NULL, updated_at = ?
         WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND run_after <= ?
                       AND kind IN (${kinds.map(() => '?').join(', ')})
                     ORDER BY run_after, id LIMIT 1)
         RETURNING *`,
      )
      .get(owner, now, now, ...kinds) as JobRow | undefined;
    // json_valid() is a CHECK on the column; the shape is the handler's schema to judge.
    return row ? { job: toJob(row), payload: JSON.parse(row.payload) as unknown } : null;
  }

  /**
   * Marks a job done and runs `commit` (its results, follow-up jobs) in the same transaction.
   * Returns false, writing nothing, if the job is no longer ours (cancelled meanwhile).
   */
  succeed(id: number, owner: string, commit?: (tx: Tx) => void): boolean {
    return this.db.transaction(() => {
      const now = this.now();
      const changed = this.db
        .prepare(
          `UPDATE jobs SET status = 'succeeded', lease_owner = NULL, progress = 1, eta_ms = 0, error = NULL,
                  updated_at = ?, finished_at = ?
           WHERE id = ? AND status = 'running' AND lease_owner = ?`,
        )
        .run(now, now, id, owner).changes;
      if (changed === 0) return false;
      commit?.(this.db);
      return true;
    }).immediate();
  }

  /** Back to the queue after `delayMs`, or failed for good once the attempts are used up. */
  retryOrFail(id: number, owner: string, message: string, delayMs: number): Job | null {
    const now = this.now();
    this.db
      .prepare(
        `UPDATE jobs SET
           status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
           finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE NULL END,
           run_after = ?, lease_owner = NULL, error = ?, updated_at = ?
         WHERE id = ? AND status = 'running' AND lease_owner = ?`,
      )
      .run(now, now + delayMs, message, now, id, owner);
    return this.get(id);
  }

  fail(id: number, owner: string, message: string): Job | null {
    const now = this.now();
    this.db
      .prepare(
        `UPDATE jobs SET status = 'failed', lease_owner = NULL, error = ?, updated_at = ?, finished_at = ?
         WHERE id = ? AND status = 'running' AND lease_owner = ?`,
      )
      .run(message, now, now, id, owner);
    return this.get(id);
  }

  /** Parks a job until what it needs is there; waiting does not use up an attempt. */
  wait(id: number, owner: string, reason: WaitReason, message: string): Job | null {
    this.db
      .prepare(
        `UPDATE jobs SET status = 'waiting', wait_reason = ?, lease_owner = NULL, attempts = attempts - 1,
                error = ?, updated_at = ?
         WHERE id = ? AND status = 'running' AND lease_owner = ?`,
      )
      .run(reason, message, this.now(), id, owner);
    return this.get(id);
  }

  /** Gives a running job back to the queue as if it had not started (the app is quitting). */
  release(id: number, owner: string): void {
    this.db
      .prepare(
        `UPDATE jobs SET status = 'queued', lease_owner = NULL, attempts = max(attempts - 1, 0), updated_at = ?
         WHERE id = ? AND status = 'running' AND lease_owner = ?`,
      )
      .run(this.now(), id, owner);
  }

  /** Waiting jobs with this reason go back to the queue; returns how many. */
  wake(reason: WaitReason): number {
    const now = this.now();
    return this.db
      .prepare(
        `UPDATE jobs SET status = 'queued', wait_reason = NULL, run_after = ?, updated_at = ?
         WHERE status = 'waiting' AND wait_reason = ?`,
      )
      .run(now, now, reason).changes;
  }

  cancel(id: number): Job | null {
    const now = this.now();
    this.db
      .prepare(
        `UPDATE jobs SET status = 'cancelled', wait_reason = NULL, lease_owner = NULL, error = NULL,
                updated_at = ?, finished_at = ?
         WHERE id = ? AND status IN ('queued', 'running', 'waiting')`,
      )
      .run(now, now, id);
    return this.get(id);
  }

  /** The user's "retry": a failed or cancelled job starts over with fresh attempts. */
  restart(id: number): Job | null {
    const now = this.now();
    this.db
      .prepare(
        `UPDATE jobs SET status = 'queued', attempts = 0, run_after = ?, error = NULL, progress = NULL,
                eta_ms = NULL, updated_at = ?, finished_at = NULL
         WHERE id = ? AND status IN ('failed', 'cancelled')`,
      )
      .run(now, now, id);
    return this.get(id);
  }

  /**
   * At start-up: jobs left running were cut off by a crash. They go back to the queue, or fail
   * if that crash used their last attempt.
   */
  releaseLeases(): number {
    const now = this.now();
    return this.db
      .prepare(
        `UPDATE jobs SET
           status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
           error = CASE WHEN attempts >= max_attempts
                        THEN 'This step stopped unexpectedly every time it ran.' ELSE error END,
           finished_at = CASE WHEN attempts >= max_attempts THEN ? ELSE NULL END,
           lease_owner = NULL, run_after = ?, updated_at = ?
         WHERE status = 'running'`,
      )
      .run(now, now, now).changes;
  }

  setProgress(id: number, progress: number, etaMs: number | null): void {
    this.db.prepare("UPDATE jobs SET progress = ?, eta_ms = ? WHERE id = ? AND status = 'running'").run(progress, etaMs, id);
  }

  /** When the next queued job becomes due, or null if none is queued. */
  nextDueAt(): number | null {
    const row = this.db.prepare("SELECT min(run_after) AS t FROM jobs WHERE status = 'queued'").get() as { t: number | null };
    return row.t;
  }

  hasStatus(status: JobStatus): boolean {
    return this.db.prepare('SELECT 1 FROM jobs WHERE status = ? LIMIT 1').get(status) !== undefined;
  }
}
