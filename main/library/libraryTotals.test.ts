import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DECISIONS } from '../../shared/domain/enums';
import { SCORE_DIMENSIONS } from '../../shared/domain/types';
import { ProcessingRepository } from '../repositories/processing';
import { call } from '../testing/call';
import { tempDir, testApp } from '../testing/fixtures';
import { newSession } from '../testing/interview';
import { seededRandom } from '../testing/random';
import { LibraryRepository } from './libraryRepository';

// The totals migration 0010 keeps on the session row (the AI's overall score, the review's
// decision and its time) against a recomputation from evaluations and reviews, after seeded
// random operations through each writer: scoring, reviewing, deleting, retention and import.
// The candidates overview and the manager's averages by position are held to the queries they
// replaced, which read evaluations and reviews directly.

const DAY = 24 * 3600 * 1000;
type App = Awaited<ReturnType<typeof testApp>>;

function connect(app: App) {
  const db = new BetterSqlite3(join(app.dataDir, 'interview-recorder.sqlite'));
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** What is stored, and what it should be, one row per session. */
function totals(db: BetterSqlite3.Database) {
  const stored = db.prepare('SELECT id, ai_overall, review_decision, review_decided_at FROM sessions ORDER BY id').all();
  const recomputed = db
    .prepare(
      `SELECT s.id, e.overall AS ai_overall, r.decision AS review_decision, r.decided_at AS review_decided_at
       FROM sessions s
       LEFT JOIN evaluations e ON e.session_id = s.id AND e.source = 'ai'
       LEFT JOIN reviews r ON r.session_id = s.id
       ORDER BY s.id`,
    )
    .all();
  return { stored, recomputed };
}

/** The candidates overview and the averages by position as they were computed before 0010. */
function fromScratch(db: BetterSqlite3.Database) {
  const candidates = db
    .prepare(
      `SELECT s.candidate_id, count(*) AS session_count, avg(e.overall) AS average_score, max(s.created_at) AS last_session_at,
         (SELECT r.decision FROM reviews r JOIN sessions s2 ON s2.id = r.session_id
            WHERE s2.candidate_id = s.candidate_id AND r.decision IS NOT NULL ORDER BY r.decided_at DESC LIMIT 1) AS latest_decision
       FROM sessions s LEFT JOIN evaluations e ON e.session_id = s.id AND e.source = 'ai'
       GROUP BY s.candidate_id ORDER BY s.candidate_id`,
    )
    .all() as { candidate_id: string; session_count: number; average_score: number | null; last_session_at: number; latest_decision: string | null }[];
  const positions = db
    .prepare(
      `SELECT lower(s.job_title) AS job_title, count(*) AS sessions, avg(e.overall) AS average_score
       FROM sessions s LEFT JOIN evaluations e ON e.session_id = s.id AND e.source = 'ai'
       GROUP BY s.job_title COLLATE NOCASE ORDER BY 1`,
    )
    .all();
  return { candidates, positions };
}

function expectConsistent(db: BetterSqlite3.Database, context: string) {
  const { stored, recomputed } = totals(db);
  expect(stored, context).toEqual(recomputed);
  const repo = new LibraryRepository(db);
  const expected = fromScratch(db);
  const stats = repo.candidateStats();
  expect(
    [...stats.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, s]) => ({ candidate_id: id, session_count: s.sessionCount, average_score: s.averageScore, last_session_at: s.lastSessionAt, latest_decision: s.latestDecision })),
    context,
  ).toEqual(expected.candidates);
  expect(
    repo
      .managerDashboard()
      .byPosition.map((p) => ({ job_title: p.jobTitle.toLowerCase(), sessions: p.sessions, average_score: p.averageScore }))
      .sort((a, b) => a.job_title.localeCompare(b.job_title)),
    context,
  ).toEqual(expected.positions);
  return stored.length;
}

/** The real writers, with a clock that moves a second per operation (decision times differ). */
async function world(seed: number) {
  let now = Date.UTC(2026, 0, 1);
  const clock = { now: () => now };
  const app = await testApp({ clock });
  const db = connect(app);
  const processing = new ProcessingRepository(db, clock.now);
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const candidates = [
    (await call(app, 'candidates:ensureSelf', undefined)).id,
    (await call(app, 'candidates:create', { name: 'Grace' })).id,
    (await call(app, 'candidates:create', { name: 'Linus' })).id,
  ];
  const sessionIds = () => db.prepare('SELECT id FROM sessions').pluck().all() as string[];
  const ops = {
    /** An ended interview of a random candidate, for one of three positions (two spellings of one). */
    async create() {
      const jobTitle = pick(['Backend engineer', 'backend Engineer', 'Designer', 'Data scientist']);
      const { session } = await newSession(app, { candidateId: pick(candidates), jobTitle });
      await call(app, 'sessions:finish', { sessionId: session.id, status: pick(['completed', 'cancelled'] as const) });
      return session.id;
    },
    /** The scoring job's write: replaces the session's AI evaluation. */
    score(sessionId: string) {
      const overall = Math.round(rnd() * 100) / 10;
      db.transaction(() =>
        processing.putAiEvaluation(db, sessionId, {
          model: 'test',
          overall,
          dimensions: Object.fromEntries(SCORE_DIMENSIONS.map((d) => [d, overall])) as never,
          weights: Object.fromEntries(SCORE_DIMENSIONS.map((d) => [d, 1])) as never,
          weightedOverall: overall,
          strengths: [],
          improvements: [],
          recommendations: [],
          suggestedDecision: null,
          summary: null,
          questions: [],
        }),
      )();
    },
    async review(sessionId: string) {
      if (rnd() < 0.3) await call(app, 'reviews:rateOverall', { sessionId, rating: 1 + Math.floor(rnd() * 5) });
      else await call(app, 'reviews:decide', { sessionId, decision: rnd() < 0.25 ? null : pick(DECISIONS), note: null });
    },
    tick(ms = 1000) {
      now += ms;
    },
  };
  return { app, db, rnd, pick, ops, sessionIds, candidates, clock: { advance: (ms: number) => (now += ms) } };
}

describe('stored library totals stay equal to their sources', () => {
  it('scoring and rescoring', async () => {
    const w = await world(1);
    for (let i = 0; i < 6; i++) await w.ops.create();
    for (let i = 0; i < 40; i++) {
      w.ops.score(w.pick(w.sessionIds()));
      if (i % 8 === 0) expectConsistent(w.db, `after scoring ${i}`);
    }
    expect(expectConsistent(w.db, 'end')).toBe(6);
    expect(w.db.prepare('SELECT count(*) FROM sessions WHERE ai_overall IS NOT NULL').pluck().get()).toBeGreaterThan(3);
  });

  it('reviews: decisions made, changed and withdrawn, ratings without a decision', async () => {
    const w = await world(2);
    for (let i = 0; i < 6; i++) await w.ops.create();
    for (let i = 0; i < 50; i++) {
      w.ops.tick();
      if (w.rnd() < 0.3) w.ops.score(w.pick(w.sessionIds()));
      else await w.ops.review(w.pick(w.sessionIds()));
      if (i % 10 === 0) expectConsistent(w.db, `after review ${i}`);
    }
    expectConsistent(w.db, 'end');
    expect(w.db.prepare('SELECT count(DISTINCT review_decision) FROM sessions').pluck().get()).toBeGreaterThan(1);
  });

  it('deleting sessions and candidates among scoring and reviews', async () => {
    const w = await world(3);
    for (let i = 0; i < 10; i++) await w.ops.create();
    for (let i = 0; i < 60; i++) {
      w.ops.tick();
      const roll = w.rnd();
      const ids = w.sessionIds();
      if (roll < 0.15 || ids.length < 3) await w.ops.create();
      else if (roll < 0.45) w.ops.score(w.pick(ids));
      else if (roll < 0.8) await w.ops.review(w.pick(ids));
      else if (roll < 0.95) await call(w.app, 'sessions:delete', { sessionId: w.pick(ids) });
      else {
        const extra = (await call(w.app, 'candidates:create', { name: `Temp ${i}` })).id;
        const { session } = await newSession(w.app, { candidateId: extra, jobTitle: 'Designer' });
        await call(w.app, 'sessions:finish', { sessionId: session.id, status: 'completed' });
        w.ops.score(session.id);
        await call(w.app, 'reviews:decide', { sessionId: session.id, decision: 'passed', note: null });
        expectConsistent(w.db, `before deleting candidate ${i}`);
        await call(w.app, 'candidates:delete', { candidateId: extra });
      }
      expectConsistent(w.db, `after operation ${i}`);
    }
  });

  it('retention deletes old sessions; the rest keep their totals', async () => {
    const w = await world(4);
    for (let day = 0; day < 8; day++) {
      const id = await w.ops.create();
      w.ops.score(id);
      await w.ops.review(id);
      w.clock.advance(DAY);
    }
    expectConsistent(w.db, 'before retention');
    const deleted = await w.app.library.applyRetention(4);
    expect(deleted.length).toBeGreaterThan(2);
    expect(expectConsistent(w.db, 'after retention')).toBe(8 - deleted.length);
  });

  it('import: new sessions, and a replaced one whose review changed here since', async () => {
    const w = await world(5);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await w.ops.create());
    for (const id of ids) {
      w.ops.tick();
      w.ops.score(id);
      await call(w.app, 'reviews:decide', { sessionId: id, decision: w.pick(DECISIONS), note: 'why' });
    }
    const out = join(tempDir(), 'all.interview');
    await w.app.share.exportSessions({ sessionIds: ids, out, video: 'webm', includeReport: false });
    const exported = totals(w.db).stored;

    const fresh = await world(6);
    await fresh.ops.create();
    expect((await fresh.app.share.importFile(out, { duplicates: 'refuse' })).imported.sort()).toEqual([...ids].sort());
    expectConsistent(fresh.db, 'after import');
    const imported = fresh.db.prepare(`SELECT id, ai_overall, review_decision, review_decided_at FROM sessions WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`).all(...ids);
    expect(imported).toEqual(exported);

    // Changed here, then replaced by the bundle's version: the bundle's values come back.
    w.ops.tick();
    await call(w.app, 'reviews:decide', { sessionId: ids[0]!, decision: null, note: null });
    w.ops.score(ids[1]!);
    expectConsistent(w.db, 'changed before replace');
    expect((await w.app.share.importFile(out, { duplicates: 'replace' })).replaced.sort()).toEqual([...ids].sort());
    expectConsistent(w.db, 'after replace');
    expect(totals(w.db).stored).toEqual(exported);
  });
});
