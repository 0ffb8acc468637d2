import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0008 (interview kits) on a database seeded just before it.

/** The kits migration's number; one place to change if it is renumbered. */
const KITS_MIGRATION = 8;

function seededBefore() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version < KITS_MIGRATION));
  db.exec(`
    INSERT INTO candidates (id, name, email, created_at, updated_at) VALUES ('c1', 'Ada', 'ada@example.com', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
      VALUES ('s1', 'c1', 'behavioral', 'practice', 'ava', 1, 1);
  `);
  migrate(db, all.filter((m) => m.version <= KITS_MIGRATION), { backupDir: tempDir() });
  return db;
}

const kit = (db: BetterSqlite3.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO kits (id, origin, name, question_set_id, interview_type, mode, candidate_id, created_at)
       VALUES (@id, @origin, @name, @question_set_id, 'technical', @mode, @candidate_id, 1)`,
    )
    .run({ id: 'k1', origin: 'exported', name: 'Kit', question_set_id: 'behavioral', mode: 'assessment', candidate_id: 'c1', ...values });

describe(`migration ${KITS_MIGRATION} (interview kits)`, () => {
  it('keeps existing sessions, with no kit', () => {
    const db = seededBefore();
    expect(db.pragma('user_version', { simple: true })).toBe(KITS_MIGRATION);
    expect(db.prepare('SELECT id, kit_id FROM sessions').all()).toEqual([{ id: 's1', kit_id: null }]);
  });

  it('checks origin, mode and name; a deleted candidate leaves the kit without one', () => {
    const db = seededBefore();
    expect(() => kit(db, { origin: 'stolen' })).toThrow(/CHECK/);
    expect(() => kit(db, { mode: 'exam' })).toThrow(/CHECK/);
    expect(() => kit(db, { name: ' ' })).toThrow(/CHECK/);
    kit(db, {});
    db.exec("DELETE FROM sessions; DELETE FROM candidates WHERE id = 'c1'");
    expect(db.prepare('SELECT candidate_id FROM kits').pluck().get()).toBeNull();
  });

  it('holds one imported kit per question set, and finds sessions by kit through its index', () => {
    const db = seededBefore();
    kit(db, { id: 'k1', origin: 'imported', question_set_id: 'set1' });
    expect(() => kit(db, { id: 'k2', origin: 'imported', question_set_id: 'set1' })).toThrow(/UNIQUE/);
    kit(db, { id: 'k3', origin: 'exported', question_set_id: 'set1' });
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE kit_id = 'k1'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/sessions_kit/);
  });
});
