import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0007 (consent, per-session AI switch) on a database seeded just before it.

/** The consent migration's number; one place to change if it is renumbered. */
const CONSENT_MIGRATION = 7;

function seededBefore() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version < CONSENT_MIGRATION));
  db.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
      VALUES ('s1', 'c1', 'behavioral', 'practice', 'ava', 1, 1);
  `);
  migrate(db, all.filter((m) => m.version <= CONSENT_MIGRATION), { backupDir: tempDir() });
  return db;
}

const consent = (db: BetterSqlite3.Database, values: Record<string, unknown>) =>
  db
    .prepare(
      `INSERT INTO session_consents (session_id, candidate_id, text_version, ai_endpoint, data_dir, retention_days, given_at, carried_from)
       VALUES (@session_id, @candidate_id, @text_version, @ai_endpoint, @data_dir, @retention_days, @given_at, @carried_from)`,
    )
    .run({ session_id: 's1', candidate_id: 'c1', text_version: 'v1', ai_endpoint: null, data_dir: '/d', retention_days: null, given_at: 5, carried_from: null, ...values });

describe(`migration ${CONSENT_MIGRATION} (consent)`, () => {
  it('keeps existing sessions, with AI processing on as before', () => {
    const db = seededBefore();
    expect(db.pragma('user_version', { simple: true })).toBe(CONSENT_MIGRATION);
    expect(db.prepare('SELECT id, ai_processing FROM sessions').all()).toEqual([{ id: 's1', ai_processing: 1 }]);
    expect(() => db.exec("UPDATE sessions SET ai_processing = 2 WHERE id = 's1'")).toThrow(/CHECK/);
  });

  it('stores one consent per session, checked, and removed with its session', () => {
    const db = seededBefore();
    consent(db, { ai_endpoint: 'https://api.openai.com/v1', retention_days: 30 });
    expect(() => consent(db, {})).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT ai_endpoint, retention_days, given_at FROM session_consents').get()).toEqual({
      ai_endpoint: 'https://api.openai.com/v1',
      retention_days: 30,
      given_at: 5,
    });
    db.exec('DELETE FROM session_consents');
    for (const bad of [{ text_version: '' }, { retention_days: 0 }, { ai_endpoint: '' }, { session_id: 'nope' }, { candidate_id: 'nope' }]) {
      expect(() => consent(db, bad), JSON.stringify(bad)).toThrow(/constraint/i);
    }
    consent(db, {});
    db.exec("DELETE FROM sessions WHERE id = 's1'");
    expect(db.prepare('SELECT count(*) FROM session_consents').pluck().get()).toBe(0);
  });

  it('finds a candidate’s consents through its index', () => {
    const db = seededBefore();
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM session_consents WHERE candidate_id = 'c1' AND text_version = 'v1' ORDER BY given_at DESC")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('session_consents_candidate');
  });
});
