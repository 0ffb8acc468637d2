import type BetterSqlite3 from 'better-sqlite3';
import type {
  Claim,
  Evaluation,
  MediaFile,
  MediaFileKind,
  QuestionEvaluation,
  ScoreDimension,
  Transcript,
  TranscriptSegment,
  TranscriptWord,
  VoiceMetrics,
} from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';

// What the background jobs produce. Synchronous on the raw connection, because results are
// written inside the transaction that completes their job (see JobStore.succeed).

type Db = BetterSqlite3.Database;

const json = (v: unknown) => JSON.stringify(v);
const parse = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T));

export type NewVoiceMetrics = Omit<VoiceMetrics, 'wordsPerMinute' | 'fillerCount' | 'fillers' | 'responseLatencyMs' | 'answerWords'>;

export interface TranscriptMetrics {
  sessionQuestionId: string | null;
  wordsPerMinute: number | null;
  fillerCount: number;
  fillers: Record<string, number>;
  responseLatencyMs: number | null;
  answerWords: number;
}

export interface NewTranscript {
  language: string | null;
  model: string;
  segments: { startMs: number; endMs: number; text: string; confidence: number | null; words: TranscriptWord[] }[];
}

export type NewEvaluation = Omit<Evaluation, 'createdAt' | 'source'>;

export class ProcessingRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  putMediaFile(tx: Db, recordingId: string, file: MediaFile): void {
    tx.prepare(
      `INSERT INTO media_files (recording_id, kind, path, mime_type, bytes, duration_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (recording_id, kind) DO UPDATE SET path = excluded.path, mime_type = excluded.mime_type,
         bytes = excluded.bytes, duration_ms = excluded.duration_ms, created_at = excluded.created_at`,
    ).run(recordingId, file.kind, file.path, file.mimeType, file.bytes, file.durationMs, this.now());
  }

  mediaFiles(recordingId: string): MediaFile[] {
    const rows = this.db
      .prepare('SELECT kind, path, mime_type, bytes, duration_ms FROM media_files WHERE recording_id = ? ORDER BY kind')
      .all(recordingId) as { kind: MediaFileKind; path: string; mime_type: string; bytes: number; duration_ms: number | null }[];
    return rows.map((r) => ({ kind: r.kind, path: r.path, mimeType: r.mime_type, bytes: r.bytes, durationMs: r.duration_ms }));
  }

  mediaFile(recordingId: string, kind: MediaFileKind): MediaFile | null {
    return this.mediaFiles(recordingId).find((f) => f.kind === kind) ?? null;
  }

  /** Replaces the recording's voice metrics (whole + per answer) with these. */
  putVoiceMetrics(tx: Db, recordingId: string, rows: NewVoiceMetrics[]): void {
    tx.prepare('DELETE FROM voice_metrics WHERE recording_id = ?').run(recordingId);
    const insert = tx.prepare(
      `INSERT INTO voice_metrics (recording_id, session_question_id, talk_ms, silence_ms, long_pause_count,
         longest_pause_ms, pauses, integrated_lufs, loudness_range_lu, clipping_percent, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of rows) {
      insert.run(recordingId, m.sessionQuestionId, Math.round(m.talkMs), Math.round(m.silenceMs), m.longPauseCount,
        Math.round(m.longestPauseMs), json(m.pauses), m.integratedLufs, m.loudnessRangeLu, m.clippingPercent, this.now());
    }
  }

  /** Fills the transcript-based columns of existing voice metric rows. */
  putTranscriptMetrics(tx: Db, recordingId: string, rows: TranscriptMetrics[]): void {
    const update = tx.prepare(
      `UPDATE voice_metrics SET words_per_minute = ?, filler_count = ?, fillers = ?, response_latency_ms = ?, answer_words = ?
       WHERE recording_id = ? AND coalesce(session_question_id, '') = coalesce(?, '')`,
    );
    for (const m of rows) {
      update.run(m.wordsPerMinute, m.fillerCount, json(m.fillers), m.responseLatencyMs, m.answerWords, recordingId, m.sessionQuestionId);
    }
  }

  voiceMetrics(recordingId: string): VoiceMetrics[] {
    const rows = this.db
      .prepare('SELECT * FROM voice_metrics WHERE recording_id = ? ORDER BY session_question_id IS NOT NULL, id')
      .all(recordingId) as Record<string, unknown>[];
    return rows.map((r) => ({
      sessionQuestionId: r.session_question_id as string | null,
      talkMs: r.talk_ms as number,
      silenceMs: r.silence_ms as number,
      longPauseCount: r.long_pause_count as number,
      longestPauseMs: r.longest_pause_ms as number,
      pauses: parse(r.pauses as string, []),
      integratedLufs: r.integrated_lufs as number | null,
      loudnessRangeLu: r.loudness_range_lu as number | null,
      clippingPercent: r.clipping_percent as number | null,
      wordsPerMinute: r.words_per_minute as number | null,
      fillerCount: r.filler_count as number | null,
      fillers: parse(r.fillers as string | null, null),
      responseLatencyMs: r.response_latency_ms as number | null,
      answerWords: r.answer_words as number | null,
    }));
  }

  /** Replaces the recording's transcript (a new transcription run starts from scratch). */
  putTranscript(tx: Db, recordingId: string, transcript: NewTranscript): void {
    tx.prepare('DELETE FROM transcripts WHERE recording_id = ?').run(recordingId);
    const { lastInsertRowid } = tx
      .prepare('INSERT INTO transcripts (recording_id, language, model, created_at) VALUES (?, ?, ?, ?)')
      .run(recordingId, transcript.language, transcript.model, this.now());
    const insert = tx.prepare(
      `INSERT INTO transcript_segments (transcript_id, position, start_ms, end_ms, text, confidence, words)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    transcript.segments.forEach((s, i) =>
      insert.run(lastInsertRowid, i, Math.round(s.startMs), Math.round(s.endMs), s.text, s.confidence, json(s.words)),
    );
  }

  transcript(recordingId: string): Transcript | null {
    const head = this.db.prepare('SELECT * FROM transcripts WHERE recording_id = ?').get(recordingId) as
      | { id: number; language: string | null; model: string; edited_at: number | null }
      | undefined;
    if (!head) return null;
    const rows = this.db
      .prepare('SELECT * FROM transcript_segments WHERE transcript_id = ? ORDER BY position')
      .all(head.id) as Record<string, unknown>[];
    return { language: head.language, model: head.model, editedAt: head.edited_at, segments: rows.map(toSegment) };
  }

  editSegment(segmentId: number, text: string | null): TranscriptSegment {
    return this.db.transaction(() => {
      const changed = this.db
        .prepare('UPDATE transcript_segments SET edited_text = ? WHERE id = ?')
        .run(text === null || text.trim() === '' ? null : text.trim(), segmentId).changes;
      if (!changed) throw new AppError('not_found', 'That part of the transcript no longer exists.');
      this.db
        .prepare('UPDATE transcripts SET edited_at = ? WHERE id = (SELECT transcript_id FROM transcript_segments WHERE id = ?)')
        .run(this.now(), segmentId);
      return toSegment(this.db.prepare('SELECT * FROM transcript_segments WHERE id = ?').get(segmentId) as Record<string, unknown>);
    })();
  }

  recordingOfSegment(segmentId: number): string | null {
    const row = this.db
      .prepare('SELECT t.recording_id AS id FROM transcript_segments s JOIN transcripts t ON t.id = s.transcript_id WHERE s.id = ?')
      .get(segmentId) as { id: string } | undefined;
    return row?.id ?? null;
  }

  /** Replaces the session's AI evaluation. */
  putAiEvaluation(tx: Db, sessionId: string, e: NewEvaluation): void {
    tx.prepare("DELETE FROM evaluations WHERE session_id = ? AND source = 'ai'").run(sessionId);
    const d = e.dimensions;
    const { lastInsertRowid } = tx
      .prepare(
        `INSERT INTO evaluations (session_id, source, model, overall, communication, technical, problem_solving,
           confidence, cultural_fit, weighted_overall, weights, strengths, improvements, recommendations,
           suggested_decision, summary, created_at)
         VALUES (?, 'ai', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(sessionId, e.model, e.overall, d.communication, d.technical, d.problemSolving, d.confidence, d.culturalFit,
        e.weightedOverall, json(e.weights), json(e.strengths), json(e.improvements), json(e.recommendations),
        e.suggestedDecision, e.summary, this.now());
    const insert = tx.prepare(
      `INSERT INTO question_evaluations (evaluation_id, session_question_id, score, feedback, good, missing, outline, criteria, quotes)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const q of e.questions) {
      insert.run(lastInsertRowid, q.sessionQuestionId, q.score, q.feedback, json(q.good), json(q.missing), json(q.outline), json(q.criteria), json(q.quotes));
    }
  }

  aiEvaluation(sessionId: string): Evaluation | null {
    const r = this.db.prepare("SELECT * FROM evaluations WHERE session_id = ? AND source = 'ai'").get(sessionId) as
      | Record<string, unknown>
      | undefined;
    if (!r) return null;
    const questions = (
      this.db.prepare('SELECT * FROM question_evaluations WHERE evaluation_id = ? ORDER BY id').all(r.id) as Record<string, unknown>[]
    ).map(
      (q): QuestionEvaluation => ({
        sessionQuestionId: q.session_question_id as string,
        score: q.score as number,
        feedback: q.feedback as string,
        good: parse(q.good as string, []),
        missing: parse(q.missing as string, []),
        outline: parse(q.outline as string, []),
        criteria: parse(q.criteria as string, []),
        quotes: parse(q.quotes as string, []),
      }),
    );
    const dimensions: Record<ScoreDimension, number> = {
      communication: r.communication as number,
      technical: r.technical as number,
      problemSolving: r.problem_solving as number,
      confidence: r.confidence as number,
      culturalFit: r.cultural_fit as number,
    };
    return {
      source: 'ai',
      model: r.model as string | null,
      overall: r.overall as number,
      dimensions,
      weights: parse(r.weights as string, dimensions),
      weightedOverall: r.weighted_overall as number,
      strengths: parse<Claim[]>(r.strengths as string, []),
      improvements: parse<Claim[]>(r.improvements as string, []),
      recommendations: parse<Claim[]>(r.recommendations as string, []),
      suggestedDecision: r.suggested_decision as Evaluation['suggestedDecision'],
      summary: r.summary as string | null,
      questions,
      createdAt: r.created_at as number,
    };
  }
}

function toSegment(r: Record<string, unknown>): TranscriptSegment {
  return {
    id: r.id as number,
    startMs: r.start_ms as number,
    endMs: r.end_ms as number,
    text: r.text as string,
    editedText: r.edited_text as string | null,
    confidence: r.confidence as number | null,
    words: parse(r.words as string, []),
  };
}
