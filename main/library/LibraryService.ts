import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/ipc/result';
import type { Logger } from '../log';
import type { SessionLocks } from './sessionLocks';

// Deleting sessions and candidates, and the retention rule. Rows go in one transaction (the
// schema cascades to questions, recordings, jobs, results, reviews and search entries); the
// session folders are removed only after it commits. A crash in between leaves folders no
// session owns, which removeOrphanFolders() clears at the next start.

export interface LibraryServiceDeps {
  dataDir: string;
  raw: BetterSqlite3.Database;
  locks: SessionLocks;
  /** Stops the background jobs of a session before its rows go. */
  cancelJobs: (sessionId: string) => void;
  log: Logger;
  now: () => number;
}

const DAY_MS = 24 * 3600 * 1000;
/** Session ids are UUIDs. */
const SESSION_FOLDER = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LibraryService {
  private retentionTimer: NodeJS.Timeout | null = null;

  constructor(private readonly d: LibraryServiceDeps) {}

  private folder(sessionId: string): string {
    return join(this.d.dataDir, 'recordings', sessionId);
  }

  /** Why a session may not be deleted now, or null if it may. */
  private blocker(sessionId: string): string | null {
    const row = this.d.raw
      .prepare(
        `SELECT s.status, EXISTS (SELECT 1 FROM recordings r WHERE r.session_id = s.id AND r.status = 'recording') AS recording
         FROM sessions s WHERE s.id = ?`,
      )
      .get(sessionId) as { status: string; recording: number } | undefined;
    if (!row) return null;
    if (row.status === 'in_progress' || row.recording) return 'it is being recorded';
    if (this.d.locks.isHeld(sessionId)) return 'it is being exported';
    return null;
  }

  async deleteSession(sessionId: string): Promise<void> {
    const exists = this.d.raw.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sessionId);
    if (!exists) throw new AppError('not_found', 'That interview no longer exists.');
    const why = this.blocker(sessionId);
    if (why) throw new AppError('conflict', `This interview cannot be deleted while ${why}.`);
    await this.remove([sessionId], () => {
      this.d.raw.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
    });
    this.d.log.info('session deleted', { sessionId });
  }

  async deleteCandidate(candidateId: string): Promise<{ sessions: number }> {
    const exists = this.d.raw.prepare('SELECT 1 FROM candidates WHERE id = ?').get(candidateId);
    if (!exists) throw new AppError('not_found', 'That candidate no longer exists.');
    const ids = this.d.raw.prepare('SELECT id FROM sessions WHERE candidate_id = ?').pluck().all(candidateId) as string[];
    for (const id of ids) {
      const why = this.blocker(id);
      if (why) throw new AppError('conflict', `This candidate cannot be deleted while one of their interviews ${why.replace('it is', 'is')}.`);
    }
    await this.remove(ids, () => {
      this.d.raw.prepare('DELETE FROM candidates WHERE id = ?').run(candidateId);
    });
    this.d.log.info('candidate deleted', { candidateId, sessions: ids.length });
    return { sessions: ids.length };
  }

  private async remove(sessionIds: string[], deleteRows: () => void): Promise<void> {
    for (const id of sessionIds) this.d.cancelJobs(id);
    this.d.raw.transaction(deleteRows).immediate();
    for (const id of sessionIds) {
      await rm(this.folder(id), { recursive: true, force: true }).catch((error: unknown) =>
        // Left for the start-up clean-up; the rows are already gone.
        this.d.log.warn('could not remove a deleted session folder', { sessionId: id, error }),
      );
    }
  }

  /**
   * Folders under recordings/ whose session is gone (a crash after a delete committed). Only
   * folders named like a session id: anything else there was not put there by the app.
   */
  async removeOrphanFolders(): Promise<string[]> {
    const root = join(this.d.dataDir, 'recordings');
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    const known = this.d.raw.prepare('SELECT 1 FROM sessions WHERE id = ?');
    const removed: string[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || !SESSION_FOLDER.test(entry.name) || known.get(entry.name)) continue;
      await rm(join(root, entry.name), { recursive: true, force: true });
      removed.push(entry.name);
    }
    if (removed.length) this.d.log.info('removed folders of deleted sessions', { sessions: removed });
    return removed;
  }

  /**
   * Deletes sessions created more than `days` days ago, except those being recorded or
   * exported (they wait for the next run). Returns the ids deleted.
   */
  async applyRetention(days: number | null): Promise<string[]> {
    if (days === null) return [];
    const cutoff = this.d.now() - days * DAY_MS;
    const old = this.d.raw
      .prepare('SELECT id FROM sessions WHERE created_at < ? ORDER BY created_at')
      .pluck()
      .all(cutoff) as string[];
    const deletable = old.filter((id) => this.blocker(id) === null);
    if (!deletable.length) return [];
    await this.remove(deletable, () => {
      const del = this.d.raw.prepare('DELETE FROM sessions WHERE id = ?');
      for (const id of deletable) del.run(id);
    });
    this.d.log.info('retention deleted old sessions', { days, deleted: deletable, kept: old.length - deletable.length });
    return deletable;
  }

  /** Runs the retention rule now (resolving when done) and then once a day; `days` is read each time. */
  async startRetention(days: () => number | null, everyMs = DAY_MS): Promise<void> {
    const run = () =>
      this.applyRetention(days()).then(
        () => undefined,
        (error: unknown) => this.d.log.error('retention failed', { error }),
      );
    this.retentionTimer = setInterval(() => void run(), everyMs);
    this.retentionTimer.unref();
    await run();
  }

  stop(): void {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.retentionTimer = null;
  }
}
