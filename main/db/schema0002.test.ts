import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { JOB_KINDS, JOB_STATUSES, WAIT_REASONS } from '../../shared/domain/enums';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { loadMigrations, migrate } from './migrator';

// Migration 0002 on a database seeded at version 1: the rows already there stay, the new tables
// hold their invariants, and the queue's hot query uses its index.

function seededAtV1() {
  const db = new BetterSqlite3(join(tempDir(), 's.sqlite'));
  db.pragma('foreign_keys = ON');
  const all = loadMigrations(MIGRATIONS_DIR);
  migrate(db, all.filter((m) => m.version <= 1));
  db.exec(`
    INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
      VALUES ('s1', 'c1', 'behavioral', 'practice', 'ava', 1, 1);
    INSERT INTO session_questions (id, session_id, position, text) VALUES ('q1', 's1', 0, 'Why us?');
    INSERT INTO recordings (id, session_id, path, mime_type, started_at, status) VALUES ('r1', 's1', 'recordings/s1/r1.webm', 'video/webm', 1, 'finalized');
  `);
  migrate(db, all.filter((m) => m.version <= 2), { backupDir: tempDir() });
  return db;
}

const insertJob = (db: BetterSqlite3.Database, kind: string, status = 'queued', extra = '') =>
  db.exec(`INSERT INTO jobs (kind, session_id, recording_id, status, max_attempts, run_after, created_at, updated_at${extra ? `, ${extra.split('=')[0]}` : ''})
           VALUES ('${kind}', 's1', 'r1', '${status}', 3, 0, 0, 0${extra ? `, ${extra.split('=')[1]}` : ''})`);

describe('migration 0002', () => {
  it('keeps version-1 rows and reaches version 2', () => {
    const db = seededAtV1();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT name FROM candidates').pluck().all()).toEqual(['Ada']);
    expect(db.prepare('SELECT status FROM recordings').pluck().get()).toBe('finalized');
  });

  it('jobs: kinds and statuses match shared/, one job per kind and recording, waiting has a reason', () => {
    const db = seededAtV1();
    for (const kind of JOB_KINDS) insertJob(db, kind);
    expect(() => insertJob(db, 'thumbnail')).toThrow(/UNIQUE/);
    expect(() => insertJob(db, 'bogus')).toThrow(/CHECK/);
    for (const status of JOB_STATUSES) {
      const extra =
        status === 'waiting' ? `wait_reason='ai_settings'` : status === 'running' ? `lease_owner='me'` : '';
      db.exec("DELETE FROM jobs WHERE kind = 'score'");
      expect(() => insertJob(db, 'score', status, extra), status).not.toThrow();
    }
    db.exec("DELETE FROM jobs WHERE kind = 'score'");
    expect(() => insertJob(db, 'score', 'waiting')).toThrow(/CHECK/);
    expect(() => insertJob(db, 'score', 'running')).toThrow(/CHECK/);
    for (const reason of WAIT_REASONS) {
      db.exec("DELETE FROM jobs WHERE kind = 'score'");
      expect(() => insertJob(db, 'score', 'waiting', `wait_reason='${reason}'`)).not.toThrow();
    }
    db.exec("DELETE FROM recordings");
    expect(db.prepare('SELECT count(*) FROM jobs').pluck().get()).toBe(0);
  });

  it('leasing the next due job uses the runnable index', () => {
    const db = seededAtV1();
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM jobs WHERE status = 'queued' AND run_after <= 5 AND kind IN ('thumbnail') ORDER BY run_after, id LIMIT 1")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/USING INDEX jobs_runnable/);
  });

  it('transcript search follows corrections, and deletes leave no stale index entries', () => {
    const db = seededAtV1();
    db.exec(`
      INSERT INTO transcripts (id, recording_id, model, created_at) VALUES (1, 'r1', 'whisper-1', 0);
      INSERT INTO transcript_segments (id, transcript_id, position, start_ms, end_ms, text) VALUES
        (1, 1, 0, 0, 1000, 'I migrated the billing databases'),
        (2, 1, 1, 1000, 2000, 'we shipped it two weeks early');
    `);
    const search = (q: string) => db.prepare('SELECT rowid FROM transcript_segments_fts WHERE transcript_segments_fts MATCH ? ORDER BY rowid').pluck().all(q);
    expect(search('database')).toEqual([1]); // porter stemming
    expect(search('ship*')).toEqual([2]);
    db.exec("UPDATE transcript_segments SET edited_text = 'we shipped it three weeks early' WHERE id = 2");
    expect(search('three')).toEqual([2]);
    expect(search('two')).toEqual([]);
    db.exec('DELETE FROM transcripts');
    expect(search('billing')).toEqual([]);
    expect(() => db.exec("INSERT INTO transcript_segments (transcript_id, position, start_ms, end_ms, text) VALUES (1, 0, 5, 1, 'x')")).toThrow();
  });

  it('evaluations keep scores in 0..10, one AI evaluation per session, and valid JSON', () => {
    const db = seededAtV1();
    const insert = (overall: number, source = 'ai') =>
      db.prepare("INSERT INTO evaluations (session_id, source, overall, created_at) VALUES ('s1', ?, ?, 0)").run(source, overall);
    expect(() => insert(11)).toThrow(/CHECK/);
    expect(() => insert(-1)).toThrow(/CHECK/);
    insert(7.5);
    expect(() => insert(8)).toThrow(/UNIQUE/);
    expect(() => insert(8, 'reviewer')).not.toThrow();
    expect(() => db.exec("UPDATE evaluations SET strengths = 'nope'")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO question_evaluations (evaluation_id, session_question_id, score, feedback) VALUES (1, 'q1', 10.5, 'x')")).toThrow(/CHECK/);
  });

  it('one set of voice metrics per recording and answer, including the whole-recording row', () => {
    const db = seededAtV1();
    const insert = (q: string | null) =>
      db.prepare('INSERT INTO voice_metrics (recording_id, session_question_id, talk_ms, silence_ms, long_pause_count, longest_pause_ms, created_at) VALUES (?, ?, 1, 1, 0, 0, 0)').run('r1', q);
    insert(null);
    insert('q1');
    expect(() => insert(null)).toThrow(/UNIQUE/);
    expect(() => insert('q1')).toThrow(/UNIQUE/);
  });
});

describe('migration 0003', () => {
  it('adds the summary and per-criterion ratings to evaluations made under 0002', () => {
    const db = seededAtV1();
    db.exec("INSERT INTO evaluations (session_id, source, overall, created_at) VALUES ('s1', 'ai', 7, 0)");
    db.exec("INSERT INTO question_evaluations (evaluation_id, session_question_id, score, feedback) VALUES (1, 'q1', 6, 'ok')");
    migrate(db, loadMigrations(MIGRATIONS_DIR).filter((m) => m.version <= 3), { backupDir: tempDir() });

    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(db.prepare('SELECT overall, summary FROM evaluations').get()).toEqual({ overall: 7, summary: null });
    expect(db.prepare('SELECT criteria FROM question_evaluations').pluck().get()).toBe('[]');
    expect(() => db.exec("UPDATE question_evaluations SET criteria = '{oops'")).toThrow(/CHECK/);
  });
});
