import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LibraryRepository } from '../library/libraryRepository';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0010 (library totals, sort indexes, prefix indexes) on a database with data from
// before it: the totals are filled in from the evaluations and reviews already there, the
// full-text indexes are made again with what they held (a corrected segment by its correction),
// and a session row inserted with totals of its own gets the true ones.

/** The totals migration's number; one place to change if it is renumbered. */
const LIBRARY_TOTALS_MIGRATION = 10;

function seededBefore() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version < LIBRARY_TOTALS_MIGRATION));
  db.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1), ('c2', 'Bob', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, job_title, avatar, created_at, updated_at) VALUES
      ('s1', 'c1', 'behavioral', 'practice', 'Backend engineer', 'ava', 100, 1),
      ('s2', 'c1', 'technical', 'practice', 'backend engineer', 'ava', 200, 1),
      ('s3', 'c2', 'hr', 'assessment', 'Designer', 'ava', 300, 1);
    INSERT INTO evaluations (session_id, source, overall, created_at) VALUES ('s1', 'ai', 6, 0), ('s1', 'reviewer', 9, 0), ('s3', 'ai', 8, 0);
    INSERT INTO reviews (session_id, overall_rating, decision, decided_at, created_at, updated_at) VALUES
      ('s1', NULL, 'passed', 10, 0, 0), ('s2', 4, NULL, NULL, 0, 0), ('s3', NULL, 'failed', 30, 0, 0);
    INSERT INTO session_questions (id, session_id, position, text) VALUES ('q1', 's1', 0, 'Describe a rollback you led');
    INSERT INTO recordings (id, session_id, path, mime_type, status, started_at) VALUES ('r1', 's1', 'recordings/s1/r1.webm', 'video/webm', 'finalized', 1);
    INSERT INTO transcripts (id, recording_id, model, created_at) VALUES (1, 'r1', 'whisper-1', 0);
    INSERT INTO transcript_segments (transcript_id, position, start_ms, end_ms, text, edited_text) VALUES
      (1, 0, 0, 1000, 'we migrated the kubernetes cluster', NULL),
      (1, 1, 2000, 3000, 'the wrongly heard wording', 'the corrected wording');
  `);
  const backupDir = tempDir();
  const result = migrate(db, all.filter((m) => m.version <= LIBRARY_TOTALS_MIGRATION), { backupDir, now: () => 0 });
  return { db, result };
}

const stored = (db: BetterSqlite3.Database) => db.prepare('SELECT id, ai_overall, review_decision, review_decided_at FROM sessions ORDER BY id').all();

describe(`migration ${LIBRARY_TOTALS_MIGRATION} (library totals)`, () => {
  it('fills the totals in from the AI evaluations and decisions already there, after a backup', () => {
    const { db, result } = seededBefore();
    expect(db.pragma('user_version', { simple: true })).toBe(LIBRARY_TOTALS_MIGRATION);
    expect(result.backupPath && existsSync(result.backupPath)).toBe(true);
    // s1: the AI's 6, not the reviewer's 9; s2: rated, but no decision; s3: scored and failed.
    expect(stored(db)).toEqual([
      { id: 's1', ai_overall: 6, review_decision: 'passed', review_decided_at: 10 },
      { id: 's2', ai_overall: null, review_decision: null, review_decided_at: null },
      { id: 's3', ai_overall: 8, review_decision: 'failed', review_decided_at: 30 },
    ]);
    const repo = new LibraryRepository(db);
    expect(repo.managerDashboard().byPosition.map((p) => [p.jobTitle.toLowerCase(), p.sessions, p.averageScore])).toEqual([
      ['backend engineer', 2, 6],
      ['designer', 1, 8],
    ]);
    expect(repo.candidateStats().get('c1')).toEqual({ sessionCount: 2, averageScore: 6, latestDecision: 'passed', lastSessionAt: 200 });
    expect(repo.page({ sort: 'score', dir: 'desc', offset: 0, limit: 10 }).rows.map((r) => [r.id, r.score, r.decision])).toEqual([
      ['s3', 8, 'failed'],
      ['s1', 6, 'passed'],
      ['s2', null, null],
    ]);
  });

  it('makes both full-text indexes again with prefix indexes and what they held', () => {
    const { db } = seededBefore();
    for (const table of ['transcript_segments_fts', 'search_fts']) {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string;
      expect(sql, table).toMatch(/prefix = '1 2 3 4'/);
    }
    const repo = new LibraryRepository(db);
    const found = (text: string) => repo.search(text, 10).map((h) => [h.kind, h.offsetMs]);
    expect(found('kub')).toEqual([['transcript', 0]]);
    // The correction is what is indexed, as the segment triggers do, not the original text.
    expect(found('corrected')).toEqual([['transcript', 2000]]);
    expect(found('wrongly')).toEqual([]);
    expect(found('rollb')).toEqual([['question', null]]);
    expect(found('b')).toEqual(expect.arrayContaining([['session', null], ['candidate', null]]));
    // The triggers of 0002 and 0006 feed the new tables.
    db.exec("UPDATE transcript_segments SET edited_text = 'now about latency' WHERE position = 0");
    expect(found('latency')).toEqual([['transcript', 0]]);
    expect(found('kubernetes')).toEqual([]);
    db.exec("UPDATE candidates SET name = 'Grace' WHERE id = 'c2'");
    expect(repo.search('grace', 10).map((h) => h.kind)).toEqual(['candidate']);
  });

  it('a session row inserted with totals of its own gets them recomputed (nothing scored or decided yet)', () => {
    const { db } = seededBefore();
    db.exec(`INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at, ai_overall, review_decision, review_decided_at)
      VALUES ('s4', 'c2', 'hr', 'assessment', 'ava', 400, 1, 9.5, 'passed', 40)`);
    expect(stored(db).at(-1)).toEqual({ id: 's4', ai_overall: null, review_decision: null, review_decided_at: null });
    db.exec("INSERT INTO evaluations (session_id, source, overall, created_at) VALUES ('s4', 'ai', 7.5, 0)");
    db.exec("INSERT INTO reviews (session_id, decision, decided_at, created_at, updated_at) VALUES ('s4', 'needs_review', 50, 0, 0)");
    expect(stored(db).at(-1)).toEqual({ id: 's4', ai_overall: 7.5, review_decision: 'needs_review', review_decided_at: 50 });
    // A reviewer's evaluation is not the AI's score.
    db.exec("INSERT INTO evaluations (session_id, source, overall, created_at) VALUES ('s4', 'reviewer', 2, 0)");
    db.exec("UPDATE evaluations SET overall = 3 WHERE session_id = 's4' AND source = 'reviewer'");
    expect(stored(db).at(-1)).toMatchObject({ ai_overall: 7.5 });
    db.exec("DELETE FROM evaluations WHERE session_id = 's4' AND source = 'ai'");
    db.exec("DELETE FROM reviews WHERE session_id = 's4'");
    expect(stored(db).at(-1)).toEqual({ id: 's4', ai_overall: null, review_decision: null, review_decided_at: null });
    expect(() => db.exec("UPDATE sessions SET review_decision = 'maybe' WHERE id = 's4'")).toThrow(/CHECK/);
  });
});
