import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  DIFFICULTIES,
  EVENT_LEVELS,
  EXPERIENCE_LEVELS,
  INTERVIEW_TYPES,
  RECORDING_STATUSES,
  SESSION_EVENT_KINDS,
  SESSION_MODES,
  SESSION_STATUSES,
} from '../../shared/domain/enums';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0001 on a seeded database: its CHECK lists must accept exactly the values in
// shared/domain/enums.ts, and its invariants must hold.

function seeded() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  migrate(db, loadMigrations(MIGRATIONS_DIR).filter((m) => m.version <= 1));
  db.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
      VALUES ('s1', 'c1', 'behavioral', 'practice', 'ava', 1, 1);
    INSERT INTO session_questions (id, session_id, position, text) VALUES ('q1', 's1', 0, 'Why us?');
    INSERT INTO recordings (id, session_id, path, mime_type, started_at) VALUES ('r1', 's1', 'recordings/s1/r1.webm', 'video/webm', 1);
    INSERT INTO session_events (session_id, at, kind, level, message) VALUES ('s1', 1, 'log', 'info', 'hello');
  `);
  return db;
}

function accepts(db: BetterSqlite3.Database, sql: string, value: string): boolean {
  try {
    db.transaction(() => db.prepare(sql).run(value))();
    return true;
  } catch {
    return false;
  }
}

describe('migration 0001', () => {
  const cases: [string, readonly string[], string][] = [
    ['interview types', INTERVIEW_TYPES, "UPDATE sessions SET interview_type = ? WHERE id = 's1'"],
    ['modes', SESSION_MODES, "UPDATE sessions SET mode = ? WHERE id = 's1'"],
    ['experience levels', EXPERIENCE_LEVELS, "UPDATE sessions SET experience_level = ? WHERE id = 's1'"],
    ['difficulties', DIFFICULTIES, "UPDATE session_questions SET difficulty = ? WHERE id = 'q1'"],
    ['recording statuses', RECORDING_STATUSES, "UPDATE recordings SET status = ? WHERE id = 'r1'"],
    ['event kinds', SESSION_EVENT_KINDS, "UPDATE session_events SET kind = ?"],
    ['event levels', EVENT_LEVELS, "UPDATE session_events SET level = ?"],
  ];
  it.each(cases)('CHECK accepts exactly the shared %s', (_name, values, sql) => {
    const db = seeded();
    for (const value of values) expect(accepts(db, sql, value), value).toBe(true);
    expect(accepts(db, sql, 'bogus')).toBe(false);
  });

  it('ties completed_at to the completed status', () => {
    const db = seeded();
    for (const status of SESSION_STATUSES.filter((s) => s !== 'completed')) {
      expect(accepts(db, `UPDATE sessions SET status = ?, completed_at = NULL WHERE id = 's1'`, status)).toBe(true);
      expect(accepts(db, `UPDATE sessions SET status = ?, completed_at = 5 WHERE id = 's1'`, status)).toBe(false);
    }
    expect(accepts(db, `UPDATE sessions SET status = ?, completed_at = NULL WHERE id = 's1'`, 'completed')).toBe(false);
    expect(accepts(db, `UPDATE sessions SET status = ?, completed_at = 5 WHERE id = 's1'`, 'completed')).toBe(true);
  });

  it('keeps one "Me" candidate and cascades deletes', () => {
    const db = seeded();
    db.exec("INSERT INTO candidates (id, name, is_self, created_at, updated_at) VALUES ('me', 'Me', 1, 1, 1)");
    expect(() =>
      db.exec("INSERT INTO candidates (id, name, is_self, created_at, updated_at) VALUES ('me2', 'Me', 1, 1, 1)"),
    ).toThrow(/UNIQUE/);
    expect(() => db.exec("INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at) VALUES ('s2', 'nobody', 'hr', 'practice', 'ava', 1, 1)")).toThrow(/FOREIGN KEY/);
    db.exec("DELETE FROM candidates WHERE id = 'c1'");
    for (const table of ['sessions', 'session_questions', 'recordings', 'session_events']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it('rejects negative offsets and invalid JSON', () => {
    const db = seeded();
    expect(() => db.exec("UPDATE session_questions SET asked_offset_ms = -1 WHERE id = 'q1'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE session_questions SET keywords = 'not json' WHERE id = 'q1'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE sessions SET avatar_settings = '{' WHERE id = 's1'")).toThrow(/CHECK/);
  });

  it('answers a session\'s questions and recordings by index', () => {
    const db = seeded();
    const plan = (sql: string) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all().map((r) => (r as { detail: string }).detail).join('\n');
    expect(plan("SELECT * FROM session_questions WHERE session_id = 's1' ORDER BY position")).toMatch(/USING INDEX/);
    expect(plan("SELECT * FROM recordings WHERE session_id = 's1'")).toMatch(/USING INDEX recordings_session/);
    expect(plan("SELECT * FROM session_events WHERE session_id = 's1' ORDER BY at")).toMatch(/USING INDEX session_events_session/);
  });
});
