import type BetterSqlite3 from 'better-sqlite3';
import type { Decision, InterviewType, SessionMode, SessionStatus } from '../../shared/domain/enums';
import { assertNever } from '../../shared/domain/enums';
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type CandidateDashboard,
  type CandidateStats,
  type DecisionFilter,
  type LibraryFilters,
  type LibraryPage,
  type LibraryRow,
  type LibrarySort,
  type ManagerDashboard,
  type SearchHit,
  type SearchHitKind,
} from '../../shared/domain/library';

// The library's read side: list pages, full-text search, the candidates overview and the
// dashboards. Plain SQL on the raw connection, so each hot query can be held to its plan
// (see libraryRepository.test.ts).

type Db = BetterSqlite3.Database;

export interface PageRequest extends LibraryFilters {
  sort: LibrarySort;
  dir: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/** The column per sort; each has an index per direction (migration 0010) or a cheap join. */
function sortExpression(sort: LibrarySort): string {
  switch (sort) {
    case 'date':
      return 's.created_at';
    case 'candidate':
      return 'c.name COLLATE NOCASE';
    case 'type':
      return 's.interview_type';
    case 'jobTitle':
      return 's.job_title COLLATE NOCASE';
    case 'duration':
      return 's.duration_ms';
    case 'status':
      return 's.status';
    case 'score':
      return 's.ai_overall';
    case 'decision':
      return 's.review_decision';
    default:
      return assertNever(sort, 'library sort');
  }
}

/** WHERE clause and parameters for the filters; only known columns, values always bound. */
export function filterClause(filters: LibraryFilters): { where: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filters.candidateId) {
    parts.push('s.candidate_id = ?');
    params.push(filters.candidateId);
  }
  if (filters.interviewType) {
    parts.push('s.interview_type = ?');
    params.push(filters.interviewType);
  }
  if (filters.status) {
    parts.push('s.status = ?');
    params.push(filters.status);
  }
  if (filters.decision === 'undecided') parts.push('s.review_decision IS NULL');
  else if (filters.decision) {
    parts.push('s.review_decision = ?');
    params.push(filters.decision);
  }
  if (filters.scoreMin != null) {
    parts.push('s.ai_overall >= ?');
    params.push(filters.scoreMin);
  }
  if (filters.scoreMax != null) {
    parts.push('s.ai_overall <= ?');
    params.push(filters.scoreMax);
  }
  if (filters.from != null) {
    parts.push('s.created_at >= ?');
    params.push(filters.from);
  }
  if (filters.to != null) {
    parts.push('s.created_at <= ?');
    params.push(filters.to);
  }
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/**
 * Only the joins a query needs: the score and the decision live on the session row (migration
 * 0010), so only a sort by the candidate's name joins anything.
 */
function fromFor(sort: LibrarySort | null): string {
  return sort === 'candidate' ? 'FROM sessions s JOIN candidates c ON c.id = s.candidate_id' : 'FROM sessions s';
}

/** The SQL of one list page, exported for the plan tests and the benchmark. */
export function pageSql(request: PageRequest): { sql: string; params: unknown[] } {
  const { where, params } = filterClause(request);
  const dir = request.dir === 'asc' ? 'ASC' : 'DESC';
  // NULLs (unscored, undecided, no duration) go last whichever way the column is sorted; equal
  // values page newest first. Each shape matches one index: SQLite puts NULLs last when sorting
  // down, and `x IS NULL` first puts them last when sorting up.
  const column = sortExpression(request.sort);
  const nullable = request.sort === 'duration' || request.sort === 'score' || request.sort === 'decision';
  // By candidate: two candidates of one name keep their sessions apart (c.rowid), so the name
  // index and each candidate's sessions index give the order with no sort.
  const order =
    request.sort === 'date'
      ? `s.created_at ${dir}`
      : `${nullable && dir === 'ASC' ? `${column} IS NULL, ` : ''}${column} ${dir}${request.sort === 'candidate' ? `, c.rowid ${dir}` : ''}, s.created_at DESC`;
  return {
    sql: `SELECT s.id ${fromFor(request.sort)} ${where} ORDER BY ${order} LIMIT ? OFFSET ?`,
    params: [...params, request.limit, request.offset],
  };
}

export function countSql(filters: LibraryFilters): { sql: string; params: unknown[] } {
  const { where, params } = filterClause(filters);
  return { sql: `SELECT count(*) ${fromFor(null)} ${where}`, params };
}

interface RowData {
  id: string;
  candidate_id: string;
  candidate_name: string;
  interview_type: string;
  mode: string;
  job_title: string;
  company: string | null;
  date: number;
  duration_ms: number | null;
  status: string;
  score: number | null;
  decision: string | null;
  thumbnail_path: string | null;
  question_count: number;
  answered_count: number;
  kit_name: string | null;
}

/**
 * Turns free text into an FTS5 query that cannot be a syntax error: every run of letters or
 * digits becomes a quoted prefix term, all of them required. Null when there is nothing to find.
 */
export function ftsQuery(text: string): string | null {
  const terms = text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!terms.length) return null;
  return terms.slice(0, 16).map((t) => `"${t}"*`).join(' ');
}

const SNIPPET_TOKENS = 12;
export interface SearchLimits {
  /** How many of a query's newest matches in one index bm25 ranks (2,000: ~10 ms of ranking). */
  rankWindow: number;
  /**
   * A term matching more rows of an index than this makes bm25 itself slow (it reads every row
   * of each term) and says little: a letter or two typed so far. Its hits come newest first.
   * The query's matches are counted, and in a query of several terms each short one's.
   */
  broadTerm: number;
}
const SEARCH_LIMITS: SearchLimits = { rankWindow: 2_000, broadTerm: 20_000 };
/** The longest prefix the full-text indexes keep a prefix index for (migration 0010). */
const SHORT_TERM = 4;

/**
 * How an index's hits are chosen: all matches ranked by bm25; the newest rankWindow of them
 * ranked; or the newest matches, unranked.
 */
export type SearchMode = 'ranked' | 'window' | 'newest';

/** The two full-text indexes and how a hit's kind, session and moment come from their rows. */
const SEARCH_SOURCES = {
  transcripts: {
    fts: 'transcript_segments_fts',
    columns: "'transcript' AS kind, rec.session_id, NULL AS candidate_id, seg.start_ms AS offset_ms",
    joins: `JOIN transcript_segments seg ON seg.id = f.rowid
      JOIN transcripts t ON t.id = seg.transcript_id
      JOIN recordings rec ON rec.id = t.recording_id`,
  },
  docs: {
    fts: 'search_fts',
    columns: `d.kind, d.session_id, d.candidate_id,
      CASE d.kind
        WHEN 'question' THEN (SELECT asked_offset_ms FROM session_questions WHERE id = d.ref)
        WHEN 'rating_note' THEN (SELECT asked_offset_ms FROM session_questions WHERE id = d.ref)
        WHEN 'comment' THEN (SELECT offset_ms FROM review_comments WHERE id = d.ref)
      END AS offset_ms`,
    joins: 'JOIN search_docs d ON d.id = f.rowid',
  },
} as const;
type SearchSource = keyof typeof SEARCH_SOURCES;

/**
 * One index's best hits. The inner query reads the full-text index alone, sorted by FTS5 itself
 * (its rank column) or by rowid, so snippets and row lookups are made for the hits returned only.
 */
export function searchSql(source: SearchSource, mode: SearchMode): string {
  const { fts, columns, joins } = SEARCH_SOURCES[source];
  const snippet = `snippet(${fts}, 0, :start, :end, '…', :tokens) AS snippet`;
  if (mode === 'newest') {
    const inner = `SELECT rowid, 0 AS rank, ${snippet} FROM ${fts} WHERE ${fts} MATCH :query ORDER BY rowid DESC LIMIT :limit`;
    return `SELECT ${columns}, f.snippet, f.rank FROM (${inner}) f ${joins} ORDER BY f.rowid DESC`;
  }
  const newest = `AND rowid > coalesce((SELECT rowid FROM ${fts} WHERE ${fts} MATCH :query ORDER BY rowid DESC LIMIT 1 OFFSET :window), 0)`;
  const inner = `SELECT rowid, rank, ${snippet} FROM ${fts} WHERE ${fts} MATCH :query ${mode === 'window' ? newest : ''} ORDER BY rank LIMIT :limit`;
  return `SELECT ${columns}, f.snippet, f.rank FROM (${inner}) f ${joins} ORDER BY f.rank`;
}

interface HitData {
  kind: string;
  session_id: string | null;
  candidate_id: string | null;
  offset_ms: number | null;
  snippet: string;
  rank: number;
}

export class LibraryRepository {
  private readonly limits: SearchLimits;

  constructor(
    private readonly db: Db,
    limits: Partial<SearchLimits> = {},
  ) {
    this.limits = { ...SEARCH_LIMITS, ...limits };
  }

  page(request: PageRequest): LibraryPage {
    const count = countSql(request);
    const total = this.db.prepare(count.sql).pluck().get(...count.params) as number;
    const { sql, params } = pageSql(request);
    const ids = this.db.prepare(sql).pluck().all(...params) as string[];
    return { total, offset: request.offset, rows: this.rows(ids) };
  }

  /** Rows for the given sessions in that order; the per-row lookups run for one page only. */
  rows(ids: string[]): LibraryRow[] {
    if (!ids.length) return [];
    const data = this.db
      .prepare(
        `SELECT s.id, s.candidate_id, c.name AS candidate_name, s.interview_type, s.mode, s.job_title, s.company,
           coalesce(s.started_at, s.created_at) AS date, s.duration_ms, s.status, s.ai_overall AS score, s.review_decision AS decision,
           (SELECT m.path FROM recordings rec JOIN media_files m ON m.recording_id = rec.id AND m.kind = 'thumbnail'
              WHERE rec.session_id = s.id ORDER BY rec.started_at DESC LIMIT 1) AS thumbnail_path,
           (SELECT count(*) FROM session_questions q WHERE q.session_id = s.id) AS question_count,
           (SELECT count(*) FROM session_questions q WHERE q.session_id = s.id AND q.answer_ended_offset_ms IS NOT NULL) AS answered_count,
           CASE WHEN s.kit_id IS NOT NULL THEN coalesce((SELECT k.name FROM kits k WHERE k.id = s.kit_id), s.question_set_name, 'Interview kit') END AS kit_name
         FROM sessions s JOIN candidates c ON c.id = s.candidate_id
         WHERE s.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as RowData[];
    const byId = new Map(data.map((d) => [d.id, d]));
    return ids.flatMap((id) => {
      const d = byId.get(id);
      return d ? [toRow(d)] : [];
    });
  }

  /**
   * Best matches first (bm25), across transcripts and everything search_docs holds. bm25 costs
   * a few microseconds per matching row and reads every row of each term, so per index (see
   * SearchLimits): a query with more than rankWindow matches ranks its newest rankWindow, and
   * one with a term matching more than broadTerm rows lists the newest matches, after the
   * ranked hits of the other index.
   */
  search(text: string, limit: number): SearchHit[] {
    const query = ftsQuery(text);
    if (!query) return [];
    const terms = query.split(' ');
    // A term of a few letters among others ("kubernetes m") can be broad while their matches
    // are few; counting it reads one prefix index. A longer word that common is left to bm25.
    const short = terms.length > 1 ? terms.filter((term) => [...term.slice(1, -2)].length <= SHORT_TERM) : [];
    const hits = (Object.keys(SEARCH_SOURCES) as SearchSource[])
      .flatMap((source) => {
        const { fts } = SEARCH_SOURCES[source];
        const { rankWindow, broadTerm } = this.limits;
        const matches = this.matchesUpTo(fts, query, broadTerm + 1);
        const mode: SearchMode =
          matches > broadTerm || short.some((term) => this.matchesUpTo(fts, term, broadTerm + 1) > broadTerm)
            ? 'newest'
            : matches > rankWindow
              ? 'window'
              : 'ranked';
        return this.db
          .prepare(searchSql(source, mode))
          .all({ query, limit, window: rankWindow, start: HIGHLIGHT_START, end: HIGHLIGHT_END, tokens: SNIPPET_TOKENS }) as HitData[];
      })
      // Stable: the newest-first lists (all rank 0, after every ranked hit) keep their order.
      .sort((a, b) => a.rank - b.rank)
      .slice(0, limit);
    const label = this.db.prepare(
      `SELECT c.id AS candidate_id, c.name AS candidate_name, s.job_title FROM sessions s JOIN candidates c ON c.id = s.candidate_id WHERE s.id = ?`,
    );
    const candidateName = this.db.prepare('SELECT name FROM candidates WHERE id = ?').pluck();
    return hits.map((h) => {
      const session = h.session_id
        ? (label.get(h.session_id) as { candidate_id: string; candidate_name: string; job_title: string } | undefined)
        : undefined;
      return {
        kind: h.kind as SearchHitKind,
        sessionId: h.session_id,
        candidateId: session?.candidate_id ?? h.candidate_id,
        candidateName: session?.candidate_name ?? (h.candidate_id ? ((candidateName.get(h.candidate_id) as string | undefined) ?? null) : null),
        jobTitle: session?.job_title || null,
        offsetMs: h.offset_ms,
        snippet: h.snippet,
      };
    });
  }

  /** How many rows of the index an FTS query matches, counting no further than n. */
  private matchesUpTo(fts: string, query: string, n: number): number {
    return this.db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ${fts} WHERE ${fts} MATCH ? LIMIT ?)`).pluck().get(query, n) as number;
  }

  /**
   * Sessions, average AI score and latest decision per candidate that has sessions: one pass
   * over a covering index, and one index probe per candidate for the decision.
   */
  candidateStats(): Map<string, CandidateStats> {
    const rows = this.db
      .prepare(
        `SELECT s.candidate_id, count(*) AS session_count, avg(s.ai_overall) AS average_score, max(s.created_at) AS last_session_at,
           (SELECT d.review_decision FROM sessions d
              WHERE d.candidate_id = s.candidate_id AND d.review_decision IS NOT NULL ORDER BY d.review_decided_at DESC LIMIT 1) AS latest_decision
         FROM sessions s
         GROUP BY s.candidate_id`,
      )
      .all() as {
      candidate_id: string;
      session_count: number;
      average_score: number | null;
      last_session_at: number | null;
      latest_decision: string | null;
    }[];
    return new Map(
      rows.map((r) => [
        r.candidate_id,
        {
          sessionCount: r.session_count,
          averageScore: r.average_score,
          latestDecision: r.latest_decision as Decision | null,
          lastSessionAt: r.last_session_at,
        },
      ]),
    );
  }

  /**
   * A practising candidate's progress. Days are the user's calendar days: tzOffsetMinutes is
   * what `Date#getTimezoneOffset()` says (minutes to add to local time to get UTC).
   */
  candidateDashboard(candidateId: string, tzOffsetMinutes: number): CandidateDashboard {
    const shift = -tzOffsetMinutes * 60;
    const totals = this.db
      .prepare(
        `SELECT count(*) AS sessions, count(completed_at) AS completed, coalesce(sum(duration_ms), 0) AS practiced
         FROM sessions WHERE candidate_id = ?`,
      )
      .get(candidateId) as { sessions: number; completed: number; practiced: number };
    const days = this.db
      .prepare(
        `SELECT date(s.created_at / 1000 + ?, 'unixepoch') AS day, count(*) AS sessions,
           coalesce(sum(s.duration_ms), 0) AS practiced,
           avg(e.overall) AS overall, avg(e.communication) AS communication, avg(e.technical) AS technical,
           avg(e.problem_solving) AS problem_solving, avg(e.confidence) AS confidence, avg(e.cultural_fit) AS cultural_fit
         FROM sessions s LEFT JOIN evaluations e ON e.session_id = s.id AND e.source = 'ai'
         WHERE s.candidate_id = ?
         GROUP BY day ORDER BY day`,
      )
      .all(shift, candidateId) as {
      day: string;
      sessions: number;
      practiced: number;
      overall: number | null;
      communication: number | null;
      technical: number | null;
      problem_solving: number | null;
      confidence: number | null;
      cultural_fit: number | null;
    }[];
    const categories = this.db
      .prepare(
        `SELECT coalesce(q.category, 'Other') AS category, avg(qe.score) AS average, count(*) AS answers
         FROM sessions s
         JOIN evaluations e ON e.session_id = s.id AND e.source = 'ai'
         JOIN question_evaluations qe ON qe.evaluation_id = e.id
         JOIN session_questions q ON q.id = qe.session_question_id
         WHERE s.candidate_id = ?
         GROUP BY 1 ORDER BY average DESC, category`,
      )
      .all(candidateId) as { category: string; average: number; answers: number }[];
    const delivery = this.db
      .prepare(
        `SELECT s.id AS session_id, s.created_at AS date, v.filler_count, v.words_per_minute
         FROM sessions s
         JOIN recordings rec ON rec.session_id = s.id
         JOIN voice_metrics v ON v.recording_id = rec.id AND v.session_question_id IS NULL
         WHERE s.candidate_id = ?
         ORDER BY s.created_at`,
      )
      .all(candidateId) as { session_id: string; date: number; filler_count: number | null; words_per_minute: number | null }[];
    return {
      sessions: totals.sessions,
      completed: totals.completed,
      completionRate: totals.sessions ? totals.completed / totals.sessions : null,
      practicedMs: totals.practiced,
      days: days.map((d) => ({
        day: d.day,
        sessions: d.sessions,
        practicedMs: d.practiced,
        scores: {
          overall: d.overall,
          communication: d.communication,
          technical: d.technical,
          problemSolving: d.problem_solving,
          confidence: d.confidence,
          culturalFit: d.cultural_fit,
        },
      })),
      categories,
      delivery: delivery.map((d) => ({
        sessionId: d.session_id,
        date: d.date,
        fillerCount: d.filler_count,
        wordsPerMinute: d.words_per_minute,
      })),
    };
  }

  managerDashboard(): ManagerDashboard {
    const byStatus = this.db
      .prepare('SELECT status, count(*) AS count FROM sessions GROUP BY status ORDER BY count DESC, status')
      .all() as { status: SessionStatus; count: number }[];
    const sessions = byStatus.reduce((n, s) => n + s.count, 0);
    const completed = byStatus.find((s) => s.status === 'completed')?.count ?? 0;
    const decided = this.db
      .prepare('SELECT decision, count(*) AS count FROM reviews WHERE decision IS NOT NULL GROUP BY decision')
      .all() as { decision: Decision; count: number }[];
    const undecided = sessions - decided.reduce((n, d) => n + d.count, 0);
    const byDecision: { decision: DecisionFilter; count: number }[] = [
      ...decided,
      ...(undecided > 0 ? [{ decision: 'undecided' as const, count: undecided }] : []),
    ].sort((a, b) => b.count - a.count || a.decision.localeCompare(b.decision));
    const byPosition = this.db
      .prepare(
        `SELECT s.job_title, count(*) AS sessions, avg(s.ai_overall) AS average_score
         FROM sessions s
         GROUP BY s.job_title COLLATE NOCASE
         ORDER BY sessions DESC, s.job_title COLLATE NOCASE LIMIT 50`,
      )
      .all() as { job_title: string; sessions: number; average_score: number | null }[];
    return {
      sessions,
      completed,
      completionRate: sessions ? completed / sessions : null,
      byStatus,
      byDecision,
      byPosition: byPosition.map((p) => ({ jobTitle: p.job_title, sessions: p.sessions, averageScore: p.average_score })),
    };
  }
}

function toRow(d: RowData): LibraryRow {
  return {
    id: d.id,
    candidateId: d.candidate_id,
    candidateName: d.candidate_name,
    interviewType: d.interview_type as InterviewType,
    mode: d.mode as SessionMode,
    jobTitle: d.job_title,
    company: d.company,
    date: d.date,
    durationMs: d.duration_ms,
    status: d.status as SessionStatus,
    score: d.score,
    decision: d.decision as Decision | null,
    thumbnailPath: d.thumbnail_path,
    questionCount: d.question_count,
    answeredCount: d.answered_count,
    kitName: d.kit_name,
  };
}
