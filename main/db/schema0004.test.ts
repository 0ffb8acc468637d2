import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { INTERVIEW_TYPES } from '../../shared/domain/enums';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0004 (question sets, timing rules, takes) on a database seeded at the version before
// it: sessions and answers already there stay, and each recorded answer becomes its first take.

/** The migration under test; one constant so it can be renumbered. */
const MIGRATION = 4;

function seededBefore() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version < MIGRATION));
  db.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at, question_set_id)
      VALUES ('s1', 'c1', 'behavioral', 'practice', 'ava', 1, 1, 'behavioral');
    INSERT INTO session_questions (id, session_id, position, text, answer_started_offset_ms, answer_ended_offset_ms, answer_started_at, answer_ended_at)
      VALUES ('q1', 's1', 0, 'Why us?', 1000, 4000, 10, 40),
             ('q2', 's1', 1, 'Why now?', 5000, NULL, 50, NULL),
             ('q3', 's1', 2, 'Skipped?', NULL, NULL, NULL, NULL);
  `);
  migrate(db, all.filter((m) => m.version <= MIGRATION), { backupDir: tempDir() });
  return db;
}

const set = (db: BetterSqlite3.Database, id: string, type = 'custom') =>
  db.prepare(`INSERT INTO question_sets (id, name, interview_type, created_at, updated_at) VALUES (?, 'Mine', ?, 1, 1)`).run(id, type);
const question = (db: BetterSqlite3.Database, id: string, setId: string, position: number, extra: Record<string, number> = {}) => {
  const columns = Object.keys(extra);
  db.prepare(
    `INSERT INTO questions (id, question_set_id, position, text, category, difficulty, keywords${columns.map((c) => `, ${c}`).join('')})
     VALUES (?, ?, ?, 'Q?', 'c', 'easy', '[]'${columns.map(() => ', ?').join('')})`,
  ).run(id, setId, position, ...Object.values(extra));
};

describe(`migration ${String(MIGRATION).padStart(4, '0')}`, () => {
  it('keeps earlier rows, gives them the default rules, and turns recorded answers into chosen first takes', () => {
    const db = seededBefore();
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATION);
    const questions = db
      .prepare('SELECT id, text, think_time_ms, answer_limit_ms, retakes_allowed, look_for FROM session_questions ORDER BY position')
      .all();
    expect(questions).toEqual([
      { id: 'q1', text: 'Why us?', think_time_ms: 0, answer_limit_ms: null, retakes_allowed: 0, look_for: null },
      { id: 'q2', text: 'Why now?', think_time_ms: 0, answer_limit_ms: null, retakes_allowed: 0, look_for: null },
      { id: 'q3', text: 'Skipped?', think_time_ms: 0, answer_limit_ms: null, retakes_allowed: 0, look_for: null },
    ]);
    expect(db.prepare('SELECT session_question_id, take_number, started_offset_ms, ended_offset_ms, started_at, ended_at, chosen FROM answer_takes ORDER BY session_question_id').all()).toEqual([
      { session_question_id: 'q1', take_number: 1, started_offset_ms: 1000, ended_offset_ms: 4000, started_at: 10, ended_at: 40, chosen: 1 },
      { session_question_id: 'q2', take_number: 1, started_offset_ms: 5000, ended_offset_ms: null, started_at: 50, ended_at: null, chosen: 1 },
    ]);
    expect(db.prepare('SELECT question_set_name, instructions FROM sessions').get()).toEqual({ question_set_name: null, instructions: null });
  });

  it('question sets: interview types match shared/, positions unique per set, rules checked, deleted with their set', () => {
    const db = seededBefore();
    for (const type of INTERVIEW_TYPES) set(db, `set-${type}`, type);
    expect(() => set(db, 'bad', 'poetry')).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO question_sets (id, name, interview_type, created_at, updated_at) VALUES ('blank', '  ', 'custom', 1, 1)`).run()).toThrow(/CHECK/);
    set(db, 'a');
    question(db, 'a1', 'a', 0, { think_time_ms: 2000, answer_limit_ms: 3000, retakes_allowed: 1 });
    expect(() => question(db, 'a2', 'a', 0)).toThrow(/UNIQUE/);
    expect(() => question(db, 'a3', 'a', 1, { think_time_ms: -1 })).toThrow(/CHECK/);
    expect(() => question(db, 'a4', 'a', 1, { answer_limit_ms: 0 })).toThrow(/CHECK/);
    expect(() => question(db, 'a5', 'a', 1, { retakes_allowed: -1 })).toThrow(/CHECK/);
    expect(() => question(db, 'a6', 'nope', 1)).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM question_sets WHERE id = 'a'").run();
    expect(db.prepare('SELECT count(*) FROM questions').pluck().get()).toBe(0);
    // Sessions keep their copy: nothing of theirs points at a set.
    expect(db.prepare('SELECT count(*) FROM session_questions').pluck().get()).toBe(3);
  });

  it('takes: numbered per question, one chosen at most, an end never before the start, deleted with the question', () => {
    const db = seededBefore();
    const take = (id: string, n: number, start: number, end: number | null, chosen = 0) =>
      db
        .prepare('INSERT INTO answer_takes (id, session_question_id, take_number, started_offset_ms, ended_offset_ms, started_at, chosen) VALUES (?, ?, ?, ?, ?, 0, ?)')
        .run(id, 'q1', n, start, end, chosen);
    take('t2', 2, 4500, 6000);
    expect(() => take('t2b', 2, 7000, 8000)).toThrow(/UNIQUE/);
    expect(() => take('t3', 3, 7000, 8000, 1)).toThrow(/UNIQUE/); // the migrated first take is chosen
    expect(() => take('t4', 4, 7000, 6000)).toThrow(/CHECK/);
    db.prepare("DELETE FROM sessions WHERE id = 's1'").run();
    expect(db.prepare('SELECT count(*) FROM answer_takes').pluck().get()).toBe(0);
  });
});
