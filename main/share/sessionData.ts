import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/ipc/result';
import type { Row, SessionDoc } from './bundleFormat';

// A session's rows, read straight from the tables (including the review tables of 0005) into
// the bundle's session.json, and written back on import. Rows keep the database's column names
// so that a column added by a later migration travels without a code change; JSON columns are
// parsed so the file reads as JSON all the way down.

type Db = BetterSqlite3.Database;

/** Columns holding JSON text; exported parsed, stored back as text. */
const JSON_COLUMNS = new Set([
  'avatar_settings', 'environment', 'keywords', 'pauses', 'fillers', 'words', 'weights', 'strengths',
  'improvements', 'recommendations', 'good', 'missing', 'outline', 'quotes', 'criteria', 'scorecard',
]);

/** Tables whose `id` is an INTEGER rowid: meaningless on another laptop, so assigned afresh on import. */
const ROWID_TABLES = new Set(['media_files', 'voice_metrics', 'transcripts', 'transcript_segments', 'evaluations', 'question_evaluations', 'session_events']);

function fromDb(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = JSON_COLUMNS.has(key) && typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  }
  return out;
}

const all = (db: Db, sql: string, ...params: unknown[]): Row[] =>
  (db.prepare(sql).all(...params) as Record<string, unknown>[]).map(fromDb);
const one = (db: Db, sql: string, ...params: unknown[]): Row | null => {
  const row = db.prepare(sql).get(...params) as Record<string, unknown> | undefined;
  return row ? fromDb(row) : null;
};

/** Everything about one session, with the given recording (the latest by default). */
export function readSession(db: Db, sessionId: string): SessionDoc {
  const session = one(db, 'SELECT * FROM sessions WHERE id = ?', sessionId);
  if (!session) throw new AppError('not_found', 'That interview no longer exists.');
  const candidate = one(db, 'SELECT * FROM candidates WHERE id = ?', session.candidate_id);
  if (!candidate) throw new AppError('not_found', 'The candidate of that interview no longer exists.');
  const recording = one(db, 'SELECT * FROM recordings WHERE session_id = ? ORDER BY started_at DESC LIMIT 1', sessionId);
  const recordingId = recording?.id ?? null;
  const transcript = recordingId === null ? null : one(db, 'SELECT * FROM transcripts WHERE recording_id = ?', recordingId);
  return {
    candidate,
    session,
    questions: all(db, 'SELECT * FROM session_questions WHERE session_id = ? ORDER BY position', sessionId),
    recording,
    media: recordingId === null ? [] : all(db, 'SELECT * FROM media_files WHERE recording_id = ? ORDER BY kind', recordingId),
    voiceMetrics: recordingId === null ? [] : all(db, 'SELECT * FROM voice_metrics WHERE recording_id = ? ORDER BY id', recordingId),
    transcript: transcript && {
      ...transcript,
      segments: all(db, 'SELECT * FROM transcript_segments WHERE transcript_id = ? ORDER BY position', transcript.id),
    },
    evaluations: all(db, 'SELECT * FROM evaluations WHERE session_id = ? ORDER BY id', sessionId).map((e) => ({
      ...e,
      questions: all(db, 'SELECT * FROM question_evaluations WHERE evaluation_id = ? ORDER BY id', e.id),
    })),
    review: one(db, 'SELECT * FROM reviews WHERE session_id = ?', sessionId),
    questionRatings: all(db, 'SELECT * FROM question_ratings WHERE session_id = ? ORDER BY session_question_id', sessionId),
    comments: all(db, 'SELECT * FROM review_comments WHERE session_id = ? ORDER BY offset_ms, created_at, id', sessionId),
    events: all(db, 'SELECT * FROM session_events WHERE session_id = ? ORDER BY at, id', sessionId),
    consent: one(db, 'SELECT * FROM session_consents WHERE session_id = ?', sessionId),
  } as SessionDoc;
}

const columnCache = new WeakMap<Db, Map<string, Set<string>>>();

function columnsOf(db: Db, table: string): Set<string> {
  let tables = columnCache.get(db);
  if (!tables) columnCache.set(db, (tables = new Map()));
  let columns = tables.get(table);
  if (!columns) {
    columns = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    tables.set(table, columns);
  }
  return columns;
}

/**
 * Inserts a bundle row into a table. Only columns the table has are written (a newer minor
 * format may carry more; they are dropped), names never come from the file into the SQL text
 * unchecked, and a rowid table gets a fresh id. Returns the row's rowid.
 */
function insertRow(db: Db, table: string, row: Row, overrides: Row = {}): number {
  const columns = columnsOf(db, table);
  const values: Row = { ...row, ...overrides };
  if (ROWID_TABLES.has(table)) delete values.id;
  const names = Object.keys(values).filter((k) => columns.has(k));
  const params = names.map((k) => {
    const v = values[k];
    if (JSON_COLUMNS.has(k)) return v === null || v === undefined ? null : JSON.stringify(v);
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'number') return v ?? null;
    throw new AppError('bundle/invalid', `The bundle's ${table} data has a value of the wrong kind in "${k}".`);
  });
  const sql = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
  return Number(db.prepare(sql).run(...params).lastInsertRowid);
}

/** Writes a checked session document; the caller holds the transaction. `recordingPath` and `mediaPaths` are where its files now live. */
export function writeSession(
  db: Db,
  doc: SessionDoc,
  target: { candidateId: string; createCandidate: boolean; recordingPath: string | null; mediaPaths: Map<string, string> },
): void {
  if (target.createCandidate) {
    // The other laptop's "me" is someone else here.
    insertRow(db, 'candidates', doc.candidate, { is_self: 0 });
  }
  insertRow(db, 'sessions', doc.session, { candidate_id: target.candidateId });
  for (const q of doc.questions) insertRow(db, 'session_questions', q);
  if (doc.recording && target.recordingPath) insertRow(db, 'recordings', doc.recording, { path: target.recordingPath });
  for (const m of doc.media) {
    const path = target.mediaPaths.get(String(m.kind));
    if (path) insertRow(db, 'media_files', m, { path });
  }
  for (const v of doc.voiceMetrics) insertRow(db, 'voice_metrics', v);
  if (doc.transcript) {
    const { segments, ...transcript } = doc.transcript;
    const transcriptId = insertRow(db, 'transcripts', transcript);
    for (const s of segments) insertRow(db, 'transcript_segments', s, { transcript_id: transcriptId });
  }
  for (const { questions, ...evaluation } of doc.evaluations) {
    const evaluationId = insertRow(db, 'evaluations', evaluation);
    for (const q of questions) insertRow(db, 'question_evaluations', q, { evaluation_id: evaluationId });
  }
  if (doc.review) insertRow(db, 'reviews', doc.review);
  for (const r of doc.questionRatings) insertRow(db, 'question_ratings', r);
  for (const c of doc.comments) insertRow(db, 'review_comments', c);
  for (const e of doc.events) insertRow(db, 'session_events', e);
  if (doc.consent) {
    // The consent it was carried from is another laptop's session unless that came along too.
    const from = doc.consent.carried_from;
    const carried = typeof from === 'string' && sessionExists(db, from) ? from : null;
    insertRow(db, 'session_consents', doc.consent, { candidate_id: target.candidateId, carried_from: carried });
  }
}

/** The candidate an imported session belongs to here: the same email, else the same id, else a new row. */
export function matchCandidate(db: Db, candidate: Row): { candidateId: string; createCandidate: boolean } {
  if (typeof candidate.email === 'string' && candidate.email.trim() !== '') {
    const found = db.prepare('SELECT id FROM candidates WHERE email = ? COLLATE NOCASE ORDER BY created_at LIMIT 1').get(candidate.email.trim()) as
      | { id: string }
      | undefined;
    if (found) return { candidateId: found.id, createCandidate: false };
  }
  const same = db.prepare('SELECT id FROM candidates WHERE id = ?').get(candidate.id) as { id: string } | undefined;
  if (same) return { candidateId: same.id, createCandidate: false };
  return { candidateId: String(candidate.id), createCandidate: true };
}

export function sessionExists(db: Db, sessionId: string): boolean {
  return db.prepare('SELECT 1 FROM sessions WHERE id = ?').get(sessionId) !== undefined;
}
