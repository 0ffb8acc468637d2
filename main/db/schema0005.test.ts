import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DECISIONS } from '../../shared/domain/enums';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0005 (reviews, question ratings, comments) on a database seeded at the version
// before it: the rows already there stay, and the new tables hold their invariants.

const VERSION = 5;

function seededBefore() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version < VERSION));
  db.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
      VALUES ('s1', 'c1', 'behavioral', 'assessment', 'ava', 1, 1);
    INSERT INTO session_questions (id, session_id, position, text, asked_offset_ms) VALUES ('q1', 's1', 0, 'Why us?', 1000);
    INSERT INTO recordings (id, session_id, path, mime_type, started_at, status) VALUES ('r1', 's1', 'recordings/s1/r1.webm', 'video/webm', 1, 'finalized');
    INSERT INTO evaluations (session_id, source, overall, created_at) VALUES ('s1', 'ai', 7, 0);
  `);
  migrate(db, all.filter((m) => m.version <= VERSION), { backupDir: tempDir() });
  return db;
}

const review = (db: BetterSqlite3.Database, columns: Record<string, unknown>) => {
  const all = { session_id: 's1', created_at: 1, updated_at: 1, ...columns };
  const names = Object.keys(all);
  db.prepare(`INSERT INTO reviews (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(all));
};

describe(`migration ${VERSION}`, () => {
  it('keeps the rows of the version before and reaches its version', () => {
    const db = seededBefore();
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(VERSION);
    expect(db.prepare('SELECT name FROM candidates').pluck().all()).toEqual(['Ada']);
    expect(db.prepare('SELECT text, asked_offset_ms FROM session_questions').get()).toEqual({ text: 'Why us?', asked_offset_ms: 1000 });
    expect(db.prepare('SELECT overall FROM evaluations').pluck().get()).toBe(7);
  });

  it('reviews: one per session, ratings 1-5, a JSON-object scorecard, decisions from shared/ with their time', () => {
    const db = seededBefore();
    expect(() => review(db, { overall_rating: 0 })).toThrow(/CHECK/);
    expect(() => review(db, { overall_rating: 6 })).toThrow(/CHECK/);
    expect(() => review(db, { scorecard: '[1]' })).toThrow(/CHECK/);
    expect(() => review(db, { scorecard: '{oops' })).toThrow(/CHECK/);
    expect(() => review(db, { decision: 'maybe', decided_at: 1 })).toThrow(/CHECK/);
    // A decision and its time go together.
    expect(() => review(db, { decision: 'passed' })).toThrow(/CHECK/);
    expect(() => review(db, { decided_at: 5 })).toThrow(/CHECK/);
    expect(() => review(db, { blind: 2 })).toThrow(/CHECK/);
    for (const decision of DECISIONS) {
      db.exec('DELETE FROM reviews');
      expect(() => review(db, { decision, decided_at: 5 }), decision).not.toThrow();
    }
    expect(() => review(db, {})).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT scorecard, blind, overall_rating FROM reviews').get()).toEqual({ scorecard: '{}', blind: 0, overall_rating: null });
    expect(() => review(db, { session_id: 'nope' })).toThrow(/FOREIGN KEY/);
  });

  it('question ratings and comments: ranges, text, and what happens when their rows go', () => {
    const db = seededBefore();
    const rate = (rating: number) =>
      db.prepare("INSERT OR REPLACE INTO question_ratings (session_question_id, session_id, rating, updated_at) VALUES ('q1', 's1', ?, 1)").run(rating);
    expect(() => rate(0)).toThrow(/CHECK/);
    expect(() => rate(6)).toThrow(/CHECK/);
    rate(4);
    const comment = (id: string, offset: number | null, body: string) =>
      db.prepare("INSERT INTO review_comments (id, session_id, session_question_id, offset_ms, body, created_at, updated_at) VALUES (?, 's1', 'q1', ?, ?, 1, 1)").run(id, offset, body);
    expect(() => comment('a', -1, 'x')).toThrow(/CHECK/);
    expect(() => comment('a', 10, '   ')).toThrow(/CHECK/);
    comment('a', 1500, 'Good start');
    comment('b', null, 'Whole session');

    db.exec("DELETE FROM session_questions WHERE id = 'q1'");
    expect(db.prepare('SELECT count(*) FROM question_ratings').pluck().get()).toBe(0);
    expect(db.prepare('SELECT session_question_id FROM review_comments ORDER BY id').pluck().all()).toEqual([null, null]);

    review(db, { overall_rating: 5 });
    db.exec("DELETE FROM sessions WHERE id = 's1'");
    for (const table of ['reviews', 'question_ratings', 'review_comments']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
  });

  it("a session's comments are read in timeline order from their index", () => {
    const db = seededBefore();
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT * FROM review_comments WHERE session_id = 's1' ORDER BY offset_ms")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX review_comments_session/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });
});
