import type BetterSqlite3 from 'better-sqlite3';
import { INTERVIEW_TYPES, SESSION_STATUSES } from '../../shared/domain/enums';
import { seededRandom } from './random';

// Many generated sessions for the library's plan tests and benchmark: prepared statements in
// one transaction, deterministic (a seeded generator), every table the library reads filled.

const WORDS = (
  'team project deadline customer database migration latency cache queue deploy rollback design review ' +
  'conflict mentor feedback estimate budget priority incident outage metrics kubernetes python react ' +
  'testing ownership tradeoff scaling availability security privacy onboarding roadmap stakeholder'
).split(' ');
const TITLES = ['Backend engineer', 'Frontend engineer', 'Data scientist', 'Product manager', 'Site reliability engineer', 'Designer', 'Student visa', 'Support lead'];
const CATEGORIES = ['leadership', 'conflict', 'technical depth', 'system design', 'motivation', 'teamwork'];
const DECISIONS = ['passed', 'failed', 'needs_review'] as const;

export interface SeedOptions {
  sessions: number;
  candidates: number;
  segmentsPerSession: number;
  questionsPerSession: number;
  /** Newest session's created_at; sessions go back one every `spacingMs`. */
  now: number;
  spacingMs: number;
  seed?: number;
  /**
   * Fill the full-text indexes once at the end ('rebuild') instead of row by row through their
   * triggers, which are put back as they were: the same index, many times faster for the
   * benchmark's million segments.
   */
  bulk?: boolean;
}

/** The triggers that feed the two full-text indexes as rows are inserted. */
const FTS_FEEDERS = ['transcript_segments_ai', 'search_docs_ai'];

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
/** UUID-shaped ids (the IPC schemas want UUIDs), unique per kind and number. */
export const seededId = (kind: number, n: number) => `${hex(kind, 8)}-0000-4000-8000-${hex(n, 12)}`;

export function seedLibrary(db: BetterSqlite3.Database, o: SeedOptions): void {
  const rnd = seededRandom(o.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  // Speech-like text: mostly a large vocabulary with a long tail (log-uniform ranks, roughly
  // Zipf), and now and then one of the topic words the tests and the benchmark search for.
  const syllables = ['ka', 'lo', 'mi', 'ren', 'sa', 'to', 'vi', 'ne', 'dor', 'pa', 'qu', 'zel', 'an', 'ti', 'mur', 'bo'];
  const vocabulary = Array.from({ length: 4096 }, (_, i) => syllables[i % 16]! + syllables[(i >> 4) % 16]! + syllables[(i >> 8) % 16]!);
  const word = () => (rnd() < 0.05 ? pick(WORDS) : vocabulary[Math.floor(Math.pow(vocabulary.length, rnd())) - 1]!);
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const insertCandidate = db.prepare(
    'INSERT INTO candidates (id, name, notes, is_self, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertSession = db.prepare(
    `INSERT INTO sessions (id, candidate_id, interview_type, mode, job_title, company, status, started_at, ended_at,
       duration_ms, completed_at, avatar, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ava', ?, ?)`,
  );
  const insertQuestion = db.prepare(
    `INSERT INTO session_questions (id, session_id, position, text, category, asked_offset_ms, answer_ended_offset_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRecording = db.prepare(
    `INSERT INTO recordings (id, session_id, path, mime_type, bytes, duration_ms, status, started_at)
     VALUES (?, ?, ?, 'video/webm', 0, ?, 'finalized', ?)`,
  );
  const insertEvaluation = db.prepare(
    `INSERT INTO evaluations (session_id, source, overall, communication, technical, problem_solving, confidence, cultural_fit, created_at)
     VALUES (?, 'ai', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertQuestionEvaluation = db.prepare(
    'INSERT INTO question_evaluations (evaluation_id, session_question_id, score, feedback) VALUES (?, ?, ?, ?)',
  );
  const insertReview = db.prepare(
    'INSERT INTO reviews (session_id, decision, decision_note, decided_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertVoice = db.prepare(
    `INSERT INTO voice_metrics (recording_id, talk_ms, silence_ms, long_pause_count, longest_pause_ms, words_per_minute, filler_count, created_at)
     VALUES (?, ?, ?, 0, 0, ?, ?, ?)`,
  );
  const insertTranscript = db.prepare("INSERT INTO transcripts (recording_id, model, created_at) VALUES (?, 'whisper-1', ?)");
  const insertSegment = db.prepare(
    'INSERT INTO transcript_segments (transcript_id, position, start_ms, end_ms, text) VALUES (?, ?, ?, ?, ?)',
  );
  const score = () => Math.round((3 + rnd() * 7) * 10) / 10;
  // A large page cache while generating: the indexes and the full-text index take random writes.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -262144');
  const feeders = o.bulk
    ? (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${FTS_FEEDERS.map(() => '?').join(', ')})`).all(...FTS_FEEDERS) as { name: string; sql: string }[])
    : [];
  db.transaction(() => {
    for (const t of feeders) db.exec(`DROP TRIGGER ${t.name}`);
    for (let c = 0; c < o.candidates; c++) {
      insertCandidate.run(seededId(1, c), `Candidate ${c} ${pick(WORDS)}`, c % 3 === 0 ? sentence(8) : null, c === 0 ? 1 : 0, o.now - o.sessions * o.spacingMs, o.now);
    }
    for (let i = 0; i < o.sessions; i++) {
      const id = seededId(2, i);
      const createdAt = o.now - i * o.spacingMs;
      const status = rnd() < 0.8 ? 'completed' : pick(SESSION_STATUSES.filter((s) => s !== 'in_progress'));
      const durationMs = Math.floor(300_000 + rnd() * 1_500_000);
      insertSession.run(
        id,
        seededId(1, i % o.candidates),
        pick(INTERVIEW_TYPES),
        rnd() < 0.5 ? 'practice' : 'assessment',
        pick(TITLES),
        rnd() < 0.5 ? `Company ${Math.floor(rnd() * 500)}` : null,
        status,
        createdAt,
        createdAt + durationMs,
        durationMs,
        status === 'completed' ? createdAt + durationMs : null,
        createdAt,
        createdAt,
      );
      const questionIds: string[] = [];
      for (let q = 0; q < o.questionsPerSession; q++) {
        const qid = seededId(3, i * o.questionsPerSession + q);
        questionIds.push(qid);
        insertQuestion.run(qid, id, q, `Tell me about ${sentence(6)}`, pick(CATEGORIES), q * 60_000, q * 60_000 + 50_000);
      }
      const recordingId = seededId(4, i);
      insertRecording.run(recordingId, id, `recordings/${id}/${recordingId}.webm`, durationMs, createdAt);
      if (status === 'completed') {
        const evaluation = insertEvaluation.run(id, score(), score(), score(), score(), score(), score(), createdAt).lastInsertRowid;
        for (const qid of questionIds) insertQuestionEvaluation.run(evaluation, qid, score(), 'ok');
        if (rnd() < 0.5) insertReview.run(id, pick(DECISIONS), rnd() < 0.3 ? sentence(6) : null, createdAt, createdAt, createdAt);
      }
      insertVoice.run(recordingId, Math.floor(durationMs / 2), Math.floor(durationMs / 2), 100 + rnd() * 80, Math.floor(rnd() * 20), createdAt);
      if (o.segmentsPerSession > 0) {
        const transcript = insertTranscript.run(recordingId, createdAt).lastInsertRowid;
        for (let s = 0; s < o.segmentsPerSession; s++) insertSegment.run(transcript, s, s * 5000, s * 5000 + 4500, sentence(12));
      }
    }
    if (feeders.length) {
      db.exec("INSERT INTO transcript_segments_fts (transcript_segments_fts) VALUES ('rebuild')");
      db.exec("INSERT INTO search_fts (search_fts) VALUES ('rebuild')");
      // Merged, as an index grown row by row is kept by FTS5's automerge (migration 0010 does the same).
      db.exec("INSERT INTO transcript_segments_fts (transcript_segments_fts) VALUES ('optimize')");
      db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
      for (const t of feeders) db.exec(t.sql);
    }
  })();
  db.pragma(`cache_size = ${cacheSize}`);
}
