import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0009 (follow-up questions) on a database seeded just before it.

/** The follow-ups migration's number; one place to change if it is renumbered. */
const FOLLOW_UPS_MIGRATION = 9;

function seededBefore() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version < FOLLOW_UPS_MIGRATION));
  db.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
      VALUES ('s1', 'c1', 'behavioral', 'practice', 'ava', 1, 1),
             ('s2', 'c1', 'behavioral', 'assessment', 'ava', 1, 1);
    INSERT INTO session_questions (id, session_id, position, text) VALUES ('q1', 's1', 0, 'One?'), ('q2', 's1', 1, 'Two?');
  `);
  migrate(db, all.filter((m) => m.version <= FOLLOW_UPS_MIGRATION), { backupDir: tempDir() });
  return db;
}

const followUp = (db: BetterSqlite3.Database, id: string, position: number, parent: string) =>
  db.prepare("INSERT INTO session_questions (id, session_id, position, text, follow_up_of) VALUES (?, 's1', ?, 'Why?', ?)").run(id, position, parent);

describe(`migration ${FOLLOW_UPS_MIGRATION} (follow-up questions)`, () => {
  it('keeps existing sessions and questions, with follow-ups off and no parent', () => {
    const db = seededBefore();
    expect(db.pragma('user_version', { simple: true })).toBe(FOLLOW_UPS_MIGRATION);
    expect(db.prepare('SELECT id, follow_ups FROM sessions ORDER BY id').all()).toEqual([
      { id: 's1', follow_ups: 0 },
      { id: 's2', follow_ups: 0 },
    ]);
    expect(db.prepare('SELECT id, follow_up_of FROM session_questions ORDER BY position').all()).toEqual([
      { id: 'q1', follow_up_of: null },
      { id: 'q2', follow_up_of: null },
    ]);
  });

  it('allows follow-ups only in practice with AI processing', () => {
    const db = seededBefore();
    db.exec("UPDATE sessions SET follow_ups = 1 WHERE id = 's1'");
    expect(() => db.exec("UPDATE sessions SET follow_ups = 1 WHERE id = 's2'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE sessions SET ai_processing = 0 WHERE id = 's1'")).toThrow(/CHECK/);
    expect(() => db.exec("UPDATE sessions SET follow_ups = 2 WHERE id = 's1'")).toThrow(/CHECK/);
  });

  it('links a follow-up to one existing parent, at most one each, removed with it', () => {
    const db = seededBefore();
    followUp(db, 'f1', 2, 'q1');
    expect(() => followUp(db, 'f2', 3, 'q1')).toThrow(/UNIQUE/);
    expect(() => followUp(db, 'f3', 3, 'nope')).toThrow(/FOREIGN KEY/);
    db.exec("DELETE FROM session_questions WHERE id = 'q1'");
    expect(db.prepare('SELECT id FROM session_questions ORDER BY position').pluck().all()).toEqual(['q2']);
  });
});
