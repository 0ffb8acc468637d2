import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0006 (library search) on a database seeded at the version before it: rows already
// there are indexed, and the triggers follow inserts, updates and deletes of every source.

const VERSION = 6;

function seededBefore() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version < VERSION));
  db.exec(`
    INSERT INTO candidates (id, name, notes, created_at, updated_at) VALUES ('c1', 'Ada Lovelace', 'Strong on analytical engines', 1, 1);
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c2', 'Grace Hopper', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, job_title, company, avatar, created_at, updated_at)
      VALUES ('s1', 'c1', 'behavioral', 'practice', 'Compiler engineer', 'Babbage Ltd', 'ava', 1, 1);
    INSERT INTO session_questions (id, session_id, position, text, asked_offset_ms) VALUES ('q1', 's1', 0, 'Tell me about a difficult migration', 4000);
    INSERT INTO reviews (session_id, decision, decision_note, decided_at, created_at, updated_at)
      VALUES ('s1', 'passed', 'Clear thinker about punched cards', 2, 2, 2);
    INSERT INTO question_ratings (session_question_id, session_id, rating, note, updated_at) VALUES ('q1', 's1', 4, 'Mentioned rollback plans', 2);
    INSERT INTO review_comments (id, session_id, offset_ms, body, created_at, updated_at) VALUES ('m1', 's1', 7000, 'Nice pause before answering', 2, 2);
  `);
  migrate(db, all.filter((m) => m.version <= VERSION), { backupDir: tempDir() });
  return db;
}

const find = (db: BetterSqlite3.Database, q: string) =>
  db
    .prepare("SELECT d.kind || ':' || d.ref FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH ? ORDER BY 1")
    .pluck()
    .all(q);

describe('migration 0006', () => {
  it('reaches its version and indexes the rows already there', () => {
    const db = seededBefore();
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION);
    expect(find(db, 'lovelace')).toEqual(['candidate:c1']);
    expect(find(db, 'analytical')).toEqual(['candidate_notes:c1']);
    expect(find(db, 'babbage')).toEqual(['session:s1']);
    expect(find(db, 'migrations')).toEqual(['question:q1']); // porter stemming
    expect(find(db, 'punched')).toEqual(['decision_note:s1']);
    expect(find(db, 'rollback')).toEqual(['rating_note:q1']);
    expect(find(db, 'pause')).toEqual(['comment:m1']);
    expect(db.prepare("SELECT count(*) FROM search_docs WHERE kind = 'candidate_notes'").pluck().get()).toBe(1);
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')");
  });

  it('follows inserts, updates and deletes of every source', () => {
    const db = seededBefore();
    db.exec(`
      INSERT INTO sessions (id, candidate_id, interview_type, mode, job_title, avatar, created_at, updated_at)
        VALUES ('s2', 'c2', 'technical', 'assessment', 'Navy programmer', 'ava', 3, 3);
      INSERT INTO session_questions (id, session_id, position, text) VALUES ('q2', 's2', 0, 'Explain COBOL');
      INSERT INTO review_comments (id, session_id, offset_ms, body, created_at, updated_at) VALUES ('m2', 's2', 100, 'Found the moth', 3, 3);
      INSERT INTO reviews (session_id, created_at, updated_at) VALUES ('s2', 3, 3);
    `);
    expect(find(db, 'navy')).toEqual(['session:s2']);
    expect(find(db, 'cobol')).toEqual(['question:q2']);
    expect(find(db, 'moth')).toEqual(['comment:m2']);

    db.exec(`
      UPDATE candidates SET name = 'Rear Admiral Hopper', notes = 'Bug hunter' WHERE id = 'c2';
      UPDATE sessions SET job_title = 'Fleet programmer' WHERE id = 's2';
      UPDATE session_questions SET text = 'Explain FLOW-MATIC' WHERE id = 'q2';
      UPDATE review_comments SET body = 'Taped the insect in the log' WHERE id = 'm2';
      UPDATE reviews SET decision = 'needs_review', decided_at = 4, decision_note = 'Ask about nanoseconds' WHERE session_id = 's2';
      INSERT INTO question_ratings (session_question_id, session_id, rating, note, updated_at) VALUES ('q2', 's2', 5, NULL, 4);
      UPDATE question_ratings SET note = 'Wire lengths demo' WHERE session_question_id = 'q2';
      UPDATE candidates SET notes = NULL WHERE id = 'c1';
    `);
    expect(find(db, 'admiral')).toEqual(['candidate:c2']);
    expect(find(db, 'grace')).toEqual([]);
    expect(find(db, 'bug')).toEqual(['candidate_notes:c2']);
    expect(find(db, 'analytical')).toEqual([]);
    expect(find(db, 'navy')).toEqual([]);
    expect(find(db, 'fleet')).toEqual(['session:s2']);
    expect(find(db, 'cobol')).toEqual([]);
    expect(find(db, 'matic')).toEqual(['question:q2']);
    expect(find(db, 'moth')).toEqual([]);
    expect(find(db, 'insect')).toEqual(['comment:m2']);
    expect(find(db, 'nanoseconds')).toEqual(['decision_note:s2']);
    expect(find(db, 'wire')).toEqual(['rating_note:q2']);

    // Deleting a candidate cascades through sessions to every row that points at them.
    db.exec("DELETE FROM review_comments WHERE id = 'm1'");
    expect(find(db, 'pause')).toEqual([]);
    db.exec("DELETE FROM candidates WHERE id = 'c2'");
    for (const word of ['admiral', 'bug', 'fleet', 'matic', 'insect', 'nanoseconds', 'wire']) expect(find(db, word), word).toEqual([]);
    db.exec("DELETE FROM sessions WHERE id = 's1'");
    expect(db.prepare('SELECT kind FROM search_docs ORDER BY kind').pluck().all()).toEqual(['candidate']);
    db.exec("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')");
  });
});
