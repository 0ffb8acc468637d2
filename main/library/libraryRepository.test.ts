import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { seedLibrary } from '../testing/librarySeed';
import { countSql, ftsQuery, LibraryRepository, pageSql, searchSql, type PageRequest } from './libraryRepository';
import { HIGHLIGHT_START, LIBRARY_SORTS } from '../../shared/domain/library';

// The library's queries on real SQLite files: a small hand-made database whose statistics are
// worked out by hand below, and a generated one for the query plans of the hot queries.

const DAY = 24 * 3600 * 1000;
const JAN1 = Date.UTC(2026, 0, 1, 10);

function open() {
  const dir = tempDir();
  const database = openDatabase({ file: join(dir, 'l.sqlite'), migrationsDir: MIGRATIONS_DIR, backupDir: dir, now: () => JAN1 });
  return database.raw;
}

/**
 * Ada (practising, is_self): s1 and s2 on Jan 1 (completed, 10 and 5 minutes, AI overall 6 and 8),
 * s3 on Jan 3 (interrupted, 100 s, not scored). Bob: s4 completed (overall 4, failed), s5 cancelled.
 */
function handMade() {
  const db = open();
  db.exec(`
    INSERT INTO candidates (id, name, is_self, created_at, updated_at) VALUES ('c1', 'Ada', 1, 0, 0), ('c2', 'Bob', 0, 0, 0);
    INSERT INTO sessions (id, candidate_id, interview_type, mode, job_title, status, duration_ms, completed_at, avatar, created_at, updated_at) VALUES
      ('s1', 'c1', 'behavioral', 'practice', 'Backend engineer', 'completed', 600000, 1, 'ava', ${JAN1}, 0),
      ('s2', 'c1', 'technical', 'practice', 'Backend engineer', 'completed', 300000, 1, 'ava', ${JAN1 + 3600_000}, 0),
      ('s3', 'c1', 'behavioral', 'practice', 'Data scientist', 'interrupted', 100000, NULL, 'ava', ${JAN1 + 2 * DAY}, 0),
      ('s4', 'c2', 'hr', 'assessment', 'backend engineer', 'completed', 200000, 1, 'ava', ${JAN1 + 3 * DAY}, 0),
      ('s5', 'c2', 'hr', 'assessment', 'Designer', 'cancelled', NULL, NULL, 'ava', ${JAN1 + 4 * DAY}, 0);
    INSERT INTO session_questions (id, session_id, position, text, category, asked_offset_ms, answer_ended_offset_ms) VALUES
      ('q1', 's1', 0, 'Tell me about leading a team', 'leadership', 1000, 50000),
      ('q2', 's1', 1, 'A conflict you resolved', 'conflict', 60000, NULL),
      ('q3', 's2', 0, 'Lead an outage call', 'leadership', 2000, 30000);
    INSERT INTO evaluations (id, session_id, source, overall, communication, technical, created_at) VALUES
      (1, 's1', 'ai', 6, 5, 7, 0), (2, 's2', 'ai', 8, 7, 9, 0), (3, 's4', 'ai', 4, 4, 4, 0), (4, 's4', 'reviewer', 10, 10, 10, 0);
    INSERT INTO question_evaluations (evaluation_id, session_question_id, score, feedback) VALUES
      (1, 'q1', 6, ''), (1, 'q2', 8, ''), (2, 'q3', 8, '');
    INSERT INTO reviews (session_id, decision, decided_at, created_at, updated_at) VALUES
      ('s1', 'passed', 10, 0, 0), ('s2', 'needs_review', 20, 0, 0), ('s4', 'failed', 30, 0, 0);
    INSERT INTO recordings (id, session_id, path, mime_type, status, started_at) VALUES
      ('r1', 's1', 'recordings/s1/r1.webm', 'video/webm', 'finalized', 1), ('r2', 's2', 'recordings/s2/r2.webm', 'video/webm', 'finalized', 2);
    INSERT INTO media_files (recording_id, kind, path, mime_type, bytes, created_at) VALUES ('r1', 'thumbnail', 'recordings/s1/r1.jpg', 'image/jpeg', 10, 0);
    INSERT INTO voice_metrics (recording_id, session_question_id, talk_ms, silence_ms, long_pause_count, longest_pause_ms, words_per_minute, filler_count, created_at) VALUES
      ('r1', NULL, 1, 1, 0, 0, 120, 5, 0), ('r1', 'q1', 1, 1, 0, 0, 999, 99, 0), ('r2', NULL, 1, 1, 0, 0, 140, 3, 0);
    INSERT INTO transcripts (id, recording_id, model, created_at) VALUES (1, 'r2', 'whisper-1', 0);
    INSERT INTO transcript_segments (transcript_id, position, start_ms, end_ms, text) VALUES
      (1, 0, 0, 4000, 'We paged the whole team at night'),
      (1, 1, 12500, 16000, 'then I led the Kubernetes migration back');
    INSERT INTO review_comments (id, session_id, offset_ms, body, created_at, updated_at) VALUES ('m1', 's2', 13000, 'Good ownership of the Kubernetes rollback', 0, 0);
  `);
  return new LibraryRepository(db);
}

const page = (repo: LibraryRepository, request: Partial<PageRequest> = {}) =>
  repo.page({ sort: 'date', dir: 'desc', offset: 0, limit: 100, ...request });
const ids = (repo: LibraryRepository, request: Partial<PageRequest> = {}) => page(repo, request).rows.map((r) => r.id);

describe('library list', () => {
  it('pages newest first with counts, score, decision and thumbnail', () => {
    const repo = handMade();
    const first = page(repo, { limit: 2 });
    expect(first.total).toBe(5);
    expect(first.rows.map((r) => r.id)).toEqual(['s5', 's4']);
    expect(ids(repo, { offset: 2, limit: 2 })).toEqual(['s3', 's2']);
    const s1 = page(repo, { offset: 4 }).rows[0]!;
    expect(s1).toMatchObject({
      id: 's1',
      candidateName: 'Ada',
      score: 6,
      decision: 'passed',
      thumbnailPath: 'recordings/s1/r1.jpg',
      questionCount: 2,
      answeredCount: 1,
    });
    // The AI's score, not the reviewer's.
    expect(page(repo).rows.find((r) => r.id === 's4')?.score).toBe(4);
  });

  it('sorts by any column, empty values last both ways', () => {
    const repo = handMade();
    expect(ids(repo, { sort: 'score', dir: 'desc' })).toEqual(['s2', 's1', 's4', 's5', 's3']);
    expect(ids(repo, { sort: 'score', dir: 'asc' })).toEqual(['s4', 's1', 's2', 's5', 's3']);
    expect(ids(repo, { sort: 'duration', dir: 'asc' })).toEqual(['s3', 's4', 's2', 's1', 's5']);
    expect(ids(repo, { sort: 'candidate', dir: 'asc' })).toEqual(['s3', 's2', 's1', 's5', 's4']);
    expect(ids(repo, { sort: 'decision', dir: 'asc' })).toEqual(['s4', 's2', 's1', 's5', 's3']);
    expect(ids(repo, { sort: 'status', dir: 'asc' })).toEqual(['s5', 's4', 's2', 's1', 's3']);
    expect(ids(repo, { sort: 'type', dir: 'asc' })).toEqual(['s3', 's1', 's5', 's4', 's2']);
    expect(ids(repo, { sort: 'jobTitle', dir: 'asc' })).toEqual(['s4', 's2', 's1', 's3', 's5']);
    expect(ids(repo, { sort: 'date', dir: 'asc' })).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });

  it('by candidate: two candidates of one name keep their sessions together, newest first', () => {
    const repo = handMade();
    const db = (repo as unknown as { db: ReturnType<typeof open> }).db;
    db.exec(`
      INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c3', 'sam', 0, 0), ('c4', 'Sam', 0, 0);
      INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at) VALUES
        ('t1', 'c3', 'hr', 'practice', 'ava', 1, 0), ('t2', 'c4', 'hr', 'practice', 'ava', 2, 0),
        ('t3', 'c3', 'hr', 'practice', 'ava', 3, 0), ('t4', 'c4', 'hr', 'practice', 'ava', 4, 0);
    `);
    expect(ids(repo, { sort: 'candidate', dir: 'asc' })).toEqual(['s3', 's2', 's1', 's5', 's4', 't3', 't1', 't4', 't2']);
    expect(ids(repo, { sort: 'candidate', dir: 'desc' })).toEqual(['t4', 't2', 't3', 't1', 's5', 's4', 's3', 's2', 's1']);
  });

  it('filters by candidate, type, status, decision, score range and dates, and counts what matches', () => {
    const repo = handMade();
    expect(ids(repo, { candidateId: 'c2' })).toEqual(['s5', 's4']);
    expect(ids(repo, { interviewType: 'behavioral' })).toEqual(['s3', 's1']);
    expect(ids(repo, { status: 'completed' })).toEqual(['s4', 's2', 's1']);
    expect(ids(repo, { decision: 'failed' })).toEqual(['s4']);
    expect(ids(repo, { decision: 'undecided' })).toEqual(['s5', 's3']);
    expect(ids(repo, { scoreMin: 5, scoreMax: 7 })).toEqual(['s1']);
    expect(ids(repo, { scoreMin: 4 })).toEqual(['s4', 's2', 's1']);
    expect(ids(repo, { from: JAN1 + 2 * DAY, to: JAN1 + 3 * DAY })).toEqual(['s4', 's3']);
    expect(page(repo, { candidateId: 'c1', status: 'completed', limit: 1 }).total).toBe(2);
  });
});

describe('search', () => {
  it('quotes user text: no FTS syntax error, prefix terms all required', () => {
    expect(ftsQuery('kube')).toBe('"kube"*');
    expect(ftsQuery('  "AND" OR (NEAR* -x ')).toBe('"AND"* "OR"* "NEAR"* "x"*');
    expect(ftsQuery('*** ""')).toBeNull();
    const repo = handMade();
    for (const nasty of ['"', 'a"b', 'NOT', 'x OR', '(', 'col:val', '^', 'ü*']) expect(() => repo.search(nasty, 10), nasty).not.toThrow();
    expect(repo.search('', 10)).toEqual([]);
  });

  it('finds transcripts, comments, questions and names, best first, with the moment to open', () => {
    const repo = handMade();
    const hits = repo.search('kubern', 10);
    expect(hits.map((h) => [h.kind, h.sessionId, h.offsetMs])).toEqual(
      expect.arrayContaining([
        ['transcript', 's2', 12500],
        ['comment', 's2', 13000],
      ]),
    );
    expect(hits).toHaveLength(2);
    const transcript = hits.find((h) => h.kind === 'transcript')!;
    expect(transcript.snippet).toBe('then I led the \u0002Kubernetes\u0003 migration back');
    expect(transcript).toMatchObject({ candidateName: 'Ada', jobTitle: 'Backend engineer' });
    expect(repo.search('lead team', 10).map((h) => [h.kind, h.sessionId, h.offsetMs])).toEqual([['question', 's1', 1000]]);
    expect(repo.search('bob', 10)).toMatchObject([{ kind: 'candidate', sessionId: null, candidateId: 'c2', candidateName: 'Bob' }]);
    expect(repo.search('designer', 10)).toMatchObject([{ kind: 'session', sessionId: 's5' }]);
  });
});

describe('search on many matches', () => {
  function seeded() {
    const raw = open();
    seedLibrary(raw, { sessions: 300, candidates: 10, segmentsPerSession: 4, questionsPerSession: 2, now: JAN1, spacingMs: 60_000 });
    return raw;
  }
  const transcriptRowids = (db: ReturnType<typeof open>, query: string) =>
    db.prepare('SELECT rowid FROM transcript_segments_fts WHERE transcript_segments_fts MATCH ? ORDER BY rowid DESC').pluck().all(query) as number[];
  const hitsOf = (repo: LibraryRepository, text: string) => repo.search(text, 200).filter((h) => h.kind === 'transcript');

  it('within the window every match is ranked; past it, the newest matches only', () => {
    const db = seeded();
    const matches = transcriptRowids(db, '"kubernetes"*').length;
    expect(matches).toBeGreaterThan(10);
    const wide = new LibraryRepository(db, { rankWindow: matches, broadTerm: 10 * matches });
    const narrow = new LibraryRepository(db, { rankWindow: 5, broadTerm: 10 * matches });
    expect(hitsOf(wide, 'kubernetes')).toHaveLength(matches);
    expect(hitsOf(new LibraryRepository(db), 'kubernetes')).toEqual(hitsOf(wide, 'kubernetes'));
    // Past the window: only the newest five matches are ranked, best first.
    const newestFive = new Set(transcriptRowids(db, '"kubernetes"*').slice(0, 5));
    const segmentOf = db.prepare(
      `SELECT seg.id FROM transcript_segments seg JOIN transcripts t ON t.id = seg.transcript_id JOIN recordings r ON r.id = t.recording_id
       WHERE r.session_id = ? AND seg.start_ms = ?`,
    ).pluck();
    const narrowHits = hitsOf(narrow, 'kubernetes');
    expect(narrowHits).toHaveLength(5);
    expect(new Set(narrowHits.map((h) => segmentOf.get(h.sessionId, h.offsetMs)))).toEqual(newestFive);
  });

  it('a term matching too much: newest first, after the other index’s ranked hits', () => {
    const db = seeded();
    const count = (fts: string) => (db.prepare(`SELECT count(*) FROM ${fts} WHERE ${fts} MATCH '"k"*'`).pluck().get() as number);
    const [transcripts, docs] = [count('transcript_segments_fts'), count('search_fts')];
    expect(transcripts).not.toBe(docs);
    // One index over the limit, the other not.
    const repo = new LibraryRepository(db, { broadTerm: Math.min(transcripts, docs), rankWindow: 10_000 });
    const broadKind = transcripts > docs ? 't' : 'd';
    // Enough for every ranked hit and some of the newest.
    const hits = repo.search('k', Math.min(transcripts, docs) + 50);
    const kinds = hits.map((h) => (h.kind === 'transcript' ? 't' : 'd')).join('');
    expect(kinds).toMatch(broadKind === 't' ? /^d+t+$/ : /^t+d+$/);
    // The broad index's hits: the last written first.
    const broadHits = hits.filter((h) => (h.kind === 'transcript') === (broadKind === 't')).map((h) => h.sessionId);
    expect(broadHits.length).toBeGreaterThan(5);
    const lastWritten =
      broadKind === 't'
        ? `SELECT rec.session_id FROM transcript_segments_fts JOIN transcript_segments seg ON seg.id = transcript_segments_fts.rowid
             JOIN transcripts t ON t.id = seg.transcript_id JOIN recordings rec ON rec.id = t.recording_id
           WHERE transcript_segments_fts MATCH '"k"*' ORDER BY transcript_segments_fts.rowid DESC LIMIT ?`
        : `SELECT d.session_id FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid
           WHERE search_fts MATCH '"k"*' ORDER BY search_fts.rowid DESC LIMIT ?`;
    expect(broadHits).toEqual(db.prepare(lastWritten).pluck().all(broadHits.length));
    expect(hits.every((h) => h.snippet.toLowerCase().includes(`${HIGHLIGHT_START}k`))).toBe(true);
  });
});

describe('candidates and dashboards', () => {
  it('candidates: sessions, average AI score, latest decision', () => {
    const repo = handMade();
    const stats = repo.candidateStats();
    expect([...stats.keys()].sort()).toEqual(['c1', 'c2']);
    expect(stats.get('c1')).toEqual({ sessionCount: 3, averageScore: 7, latestDecision: 'needs_review', lastSessionAt: JAN1 + 2 * DAY });
    expect(stats.get('c2')).toEqual({ sessionCount: 2, averageScore: 4, latestDecision: 'failed', lastSessionAt: JAN1 + 4 * DAY });
  });

  it("a candidate's progress, by hand: days, practice time, completion, categories, delivery", () => {
    const repo = handMade();
    const d = repo.candidateDashboard('c1', 0);
    expect(d).toMatchObject({ sessions: 3, completed: 2, practicedMs: 1_000_000 });
    expect(d.completionRate).toBeCloseTo(2 / 3);
    expect(d.days.map((x) => [x.day, x.sessions, x.practicedMs, x.scores.overall, x.scores.communication, x.scores.technical])).toEqual([
      ['2026-01-01', 2, 900_000, 7, 6, 8],
      ['2026-01-03', 1, 100_000, null, null, null],
    ]);
    // leadership: q1 6 and q3 8 -> 7; conflict: q2 8.
    expect(d.categories).toEqual([
      { category: 'conflict', average: 8, answers: 1 },
      { category: 'leadership', average: 7, answers: 2 },
    ]);
    // The whole-recording rows only, not the per-question one.
    expect(d.delivery.map((p) => [p.sessionId, p.fillerCount, p.wordsPerMinute])).toEqual([
      ['s1', 5, 120],
      ['s2', 3, 140],
    ]);
    // 10:00 UTC on Jan 1 is still Dec 31 eleven hours west (getTimezoneOffset() = 660).
    expect(repo.candidateDashboard('c1', 660).days[0]?.day).toBe('2025-12-31');
    expect(repo.candidateDashboard('nobody', 0)).toMatchObject({ sessions: 0, completionRate: null, days: [], categories: [], delivery: [] });
  });

  it("a hiring manager's view, by hand: statuses, decisions, positions (case-insensitive), completion", () => {
    const repo = handMade();
    const m = repo.managerDashboard();
    expect(m).toMatchObject({ sessions: 5, completed: 3, completionRate: 0.6 });
    expect(m.byStatus).toEqual([
      { status: 'completed', count: 3 },
      { status: 'cancelled', count: 1 },
      { status: 'interrupted', count: 1 },
    ]);
    expect(m.byDecision).toEqual([
      { decision: 'undecided', count: 2 },
      { decision: 'failed', count: 1 },
      { decision: 'needs_review', count: 1 },
      { decision: 'passed', count: 1 },
    ]);
    // Backend engineer: s1 6, s2 8, s4 4 -> 6.
    expect(m.byPosition.map((p) => [p.jobTitle.toLowerCase(), p.sessions, p.averageScore])).toEqual([
      ['backend engineer', 3, 6],
      ['data scientist', 1, null],
      ['designer', 1, null],
    ]);
  });
});

describe('query plans of the hot queries', () => {
  function seeded() {
    const raw = open();
    seedLibrary(raw, { sessions: 1000, candidates: 40, segmentsPerSession: 3, questionsPerSession: 3, now: JAN1, spacingMs: 60_000 });
    raw.exec('ANALYZE');
    return raw;
  }
  type Raw = ReturnType<typeof open>;
  /** The plan of a statement, its parameters bound to placeholders (EXPLAIN runs nothing). */
  const planOf = (db: Raw, sql: string, params?: unknown[]) => {
    const named = [...new Set([...sql.matchAll(/:([a-z]+)/g)].map((m) => m[1]!))];
    const args = params ?? (named.length ? [Object.fromEntries(named.map((k) => [k, 'x']))] : Array<string>((sql.match(/\?/g) ?? []).length).fill('x'));
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n');
  };
  /** A repository whose every statement is recorded, to hold the real SQL to its plan. */
  const recording = (db: Raw) => {
    const statements: string[] = [];
    const repo = new LibraryRepository(
      new Proxy(db, {
        get: (target, key) =>
          key === 'prepare'
            ? (sql: string) => {
                statements.push(sql);
                return target.prepare(sql);
              }
            : (Reflect.get(target, key) as unknown),
      }),
    );
    return { repo, statements };
  };
  const base: PageRequest = { sort: 'date', dir: 'desc', offset: 0, limit: 100 };

  it('first page and count: the date index, no sort, no table scan', () => {
    const db = seeded();
    const q = pageSql(base);
    const plan = planOf(db, q.sql, q.params);
    expect(plan).toMatch(/SCAN s USING INDEX sessions_created/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    expect(planOf(db, countSql({}).sql, [])).toMatch(/COVERING INDEX/);
    // The page's details: one lookup per id by key.
    const { repo, statements } = recording(db);
    repo.page(base);
    const rows = planOf(db, statements.at(-1)!);
    expect(rows).toMatch(/SEARCH s USING INDEX sqlite_autoindex_sessions_1 \(id=\?\)/);
    expect(rows).not.toMatch(/SCAN (s|c|e|r|q|rec|m)\b/);
  });

  it('filtered pages read only the matching rows, in date order off the index', () => {
    const db = seeded();
    const cases: [Partial<PageRequest>, RegExp][] = [
      [{ status: 'completed' }, /SEARCH s USING INDEX sessions_status_(created|asc) \(status=\?\)/],
      [{ interviewType: 'hr' }, /SEARCH s USING INDEX sessions_type_(created|asc) \(interview_type=\?\)/],
      [{ candidateId: 'x' }, /SEARCH s USING INDEX sessions_candidate \(candidate_id=\?\)/],
      [{ from: 1, to: 2 }, /SEARCH s USING INDEX sessions_created \(created_at>\? AND created_at<\?\)/],
      [{ decision: 'passed' }, /SEARCH s USING INDEX sessions_decision \(review_decision=\?\)/],
      [{ decision: 'undecided' }, /SEARCH s USING INDEX sessions_decision \(review_decision=\?\)/],
    ];
    for (const [filter, expected] of cases) {
      const q = pageSql({ ...base, ...filter });
      const plan = planOf(db, q.sql, q.params);
      expect(plan, JSON.stringify(filter)).toMatch(expected);
      expect(plan, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE|SCAN s$/m);
    }
    const count = countSql({ status: 'completed' });
    expect(planOf(db, count.sql, count.params)).toMatch(/SEARCH s USING COVERING INDEX sessions_status_(created|asc)/);
    // Counts of a score range or a decision read an index alone, never the evaluations or reviews.
    for (const filter of [{ scoreMin: 7 }, { scoreMin: 5, scoreMax: 7 }, { decision: 'failed' as const }]) {
      const q = countSql(filter);
      const plan = planOf(db, q.sql, q.params);
      expect(plan, JSON.stringify(filter)).toMatch(/SEARCH s USING COVERING INDEX sessions_(score|decision)/);
      expect(plan, JSON.stringify(filter)).not.toMatch(/\b(e|r|evaluations|reviews)\b/);
    }
  });

  it('every sort, both ways, pages straight off an index (no sort of all rows)', () => {
    const db = seeded();
    for (const sort of LIBRARY_SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const q = pageSql({ ...base, sort, dir, offset: 500 });
        const plan = planOf(db, q.sql, q.params);
        if (sort === 'candidate') {
          // The name is the candidate's: candidates in name order, each one's sessions by date.
          expect(plan, `${sort} ${dir}`).toMatch(/SCAN c USING INDEX candidates_name\nSEARCH s USING INDEX sessions_candidate/);
          expect(plan, `${sort} ${dir}`).not.toMatch(/TEMP B-TREE/);
        } else {
          expect(plan, `${sort} ${dir}`).toMatch(/^SCAN s USING INDEX sessions_\w+$/);
        }
      }
    }
  });

  it('search: each full-text index sorts its own hits, and only those hits are looked up by key', () => {
    // (The choice between the three ways, on 100,000 sessions, is in the benchmark's figures.)
    const db = seeded();
    const { repo, statements } = recording(db);
    expect(repo.search('kubernetes deploy', 20).length).toBeGreaterThan(0);
    expect(statements.filter((sql) => /\bf\.snippet\b/.test(sql))).toHaveLength(2);
    for (const source of ['transcripts', 'docs'] as const) {
      const fts = source === 'transcripts' ? 'transcript_segments_fts' : 'search_fts';
      const row = source === 'transcripts' ? 'seg' : 'd';
      for (const mode of ['ranked', 'window', 'newest'] as const) {
        const plan = planOf(db, searchSql(source, mode));
        // The hits come out of FTS5 in order (bm25 or newest first), a co-routine the joins read.
        expect(plan, `${source} ${mode}`).toMatch(new RegExp(`^CO-ROUTINE f\nSCAN ${fts} VIRTUAL TABLE INDEX \\d+:M`));
        expect(plan, `${source} ${mode}`).toMatch(new RegExp(`SEARCH ${row} USING INTEGER PRIMARY KEY`));
        expect(plan, `${source} ${mode}`).not.toMatch(/SCAN (seg|t|rec|d)\b|TEMP B-TREE/);
      }
    }
  });

  it("dashboards: a candidate's read through their index; the manager's counts through covering indexes", () => {
    const db = seeded();
    const { repo, statements } = recording(db);
    repo.candidateDashboard('x', 0);
    expect(statements).toHaveLength(4);
    for (const sql of statements) {
      const plan = planOf(db, sql);
      expect(plan, sql).toMatch(/SEARCH s(essions)? USING INDEX sessions_candidate \(candidate_id=\?\)/);
      expect(plan, sql).not.toMatch(/SCAN (s|sessions|e|qe|q|rec|v)\b/);
    }
    statements.length = 0;
    repo.managerDashboard();
    const [byStatus, byDecision, byPosition] = statements.map((sql) => planOf(db, sql));
    expect(byStatus).toMatch(/SCAN sessions USING COVERING INDEX sessions_status_(created|asc)/);
    expect(byDecision).toMatch(/SEARCH reviews USING COVERING INDEX reviews_decision/);
    // Averages by position read one covering index once, in job-title order (no sort for the
    // grouping), never the evaluations.
    expect(byPosition).toMatch(/^SCAN s USING COVERING INDEX sessions_job_title\nUSE TEMP B-TREE FOR ORDER BY$/);
  });

  it('candidates overview: one covering index pass, one probe per candidate for the latest decision', () => {
    const db = seeded();
    const { repo, statements } = recording(db);
    repo.candidateStats();
    expect(planOf(db, statements[0]!)).toBe(
      'SCAN s USING COVERING INDEX sessions_candidate\nCORRELATED SCALAR SUBQUERY 1\nSEARCH d USING INDEX sessions_candidate_decided (candidate_id=?)',
    );
  });
});

describe('generated data', () => {
  it('bulk generation builds the same full-text index as row-by-row, and keeps the triggers', () => {
    const options = { sessions: 60, candidates: 5, segmentsPerSession: 3, questionsPerSession: 2, now: JAN1, spacingMs: 60_000 };
    const slow = open();
    const fast = open();
    seedLibrary(slow, options);
    seedLibrary(fast, { ...options, bulk: true });
    const triggers = (db: ReturnType<typeof open>) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all();
    expect(triggers(fast)).toEqual(triggers(slow));
    const fastRepo = new LibraryRepository(fast);
    const slowRepo = new LibraryRepository(slow);
    for (const q of ['kubernetes', 'rollback deploy', 'Candidate 3', 'tell']) expect(fastRepo.search(q, 50), q).toEqual(slowRepo.search(q, 50));
    for (const db of [slow, fast]) db.exec("INSERT INTO transcript_segments_fts (transcript_segments_fts) VALUES ('integrity-check'); INSERT INTO search_fts (search_fts) VALUES ('integrity-check');");
  });
});
