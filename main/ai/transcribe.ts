import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type OpenAI from 'openai';
import { z } from 'zod';
import { AppError } from '../../shared/ipc/result';
import type { FfmpegLocation } from '../media/ffmpegLocator';
import {
  cutPiece,
  detectSilences,
  planPieces,
  probeDurationMs,
  wholeRecording,
  type PlannedPiece,
  type TimeRange,
} from './audioPieces';
import { longCallTimeout } from './client';
import { AiReplyError } from './errors';

/** The API's limit is 25 MB; a megabyte less leaves room for the multipart envelope. */
export const MAX_PIECE_BYTES = 24 * 1024 * 1024;
export const OVERLAP_MS = 2000;
/**
 * Per piece, at least: uploading and transcribing up to 24 MB takes minutes. Node's fetch
 * stops waiting for response headers after 5 minutes anyway.
 */
export const AUDIO_TIMEOUT_MS = 300_000;

export interface TranscribedWord extends TimeRange {
  word: string;
  confidence: number | null;
}

export interface TranscribedSegment extends TimeRange {
  text: string;
  confidence: number | null;
  words: TranscribedWord[];
}

export interface TranscriptionResult {
  /** As the service names it (OpenAI says "english"), or null when it did not say. */
  language: string | null;
  segments: TranscribedSegment[];
}

export interface TranscribeOptions {
  client: OpenAI;
  model: string;
  /** Mono audio from the media steps (Opus in Ogg, MP3, ...). */
  audioFile: string;
  ffmpeg: FfmpegLocation;
  /** The audio's duration; probed when not positive (only needed to cut pieces). */
  durationMs: number;
  maxPieceBytes?: number;
  overlapMs?: number;
  signal?: AbortSignal;
  /** 0..1, after each piece. */
  onProgress?: (fraction: number) => void;
  /** ISO-639-1 hint ("en"); improves accuracy and speed when known. */
  language?: string;
  /** Per piece; by default the client's timeout, but at least AUDIO_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Where pieces are written (removed afterwards); the OS temp folder by default. */
  workDir?: string;
}

// What we rely on in a verbose_json reply. Compatible servers add or omit fields, so only
// these are checked; `probability` per word is an extension some of them send.
const WordReply = z.object({
  word: z.string(),
  start: z.number().min(0),
  end: z.number().min(0),
  probability: z.number().min(0).max(1).optional(),
});
const SegmentReply = z.object({
  start: z.number().min(0),
  end: z.number().min(0),
  text: z.string(),
  avg_logprob: z.number().optional(),
});
const VerboseReply = z.object({
  language: z.string().nullish(),
  text: z.string().nullish(),
  segments: z.array(SegmentReply).nullish(),
  words: z.array(WordReply).nullish(),
});
export type VerboseReply = z.infer<typeof VerboseReply>;

/**
 * Transcribes a recording with word timings. Audio over `maxPieceBytes` is cut into
 * overlapping pieces at pauses, each transcribed on its own, and the results are put back
 * on the recording's timeline with every word once.
 * Throws what `classifyAiError` understands: API errors, AiReplyError, AppError (ffmpeg).
 */
export async function transcribeRecording(options: TranscribeOptions): Promise<TranscriptionResult> {
  const { size } = await stat(options.audioFile);
  if (size <= (options.maxPieceBytes ?? MAX_PIECE_BYTES)) {
    const reply = await transcribeFile(options, options.audioFile, `recording${uploadExtension(options.audioFile)}`);
    options.onProgress?.(1);
    return result([{ piece: wholeRecording(options.durationMs), reply }], options.language);
  }
  const dir = await mkdtemp(join(options.workDir ?? tmpdir(), 'ir-transcribe-'));
  try {
    const pieces = await cutIntoPieces(options, size, dir);
    const parts: PieceReply[] = [];
    for (const { piece, file } of pieces) {
      options.signal?.throwIfAborted();
      parts.push({ piece, reply: await transcribeFile(options, file, basename(file)) });
      options.onProgress?.(coveredShare(parts.map((p) => p.piece), pieces.map((p) => p.piece)));
    }
    return result(parts, options.language);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface PieceReply {
  piece: PlannedPiece;
  reply: VerboseReply;
}

/**
 * The size of a piece is estimated from the average bitrate; a variable-bitrate file can
 * beat the estimate, so an oversized cut is planned again with a smaller share.
 */
async function cutIntoPieces(
  options: TranscribeOptions,
  fileBytes: number,
  dir: string,
): Promise<{ piece: PlannedPiece; file: string }[]> {
  const { ffmpeg, audioFile, signal } = options;
  const maxPieceBytes = options.maxPieceBytes ?? MAX_PIECE_BYTES;
  const durationMs = options.durationMs > 0 ? options.durationMs : await probeDurationMs(ffmpeg, audioFile, signal);
  const silences = await detectSilences(ffmpeg, audioFile, durationMs, signal);
  const overlapMs = options.overlapMs ?? OVERLAP_MS;
  let fillRatio = 0.9;
  for (let attempt = 0; attempt < 3; attempt++) {
    const plan = planPieces({ durationMs, fileBytes, maxPieceBytes, overlapMs, silences, fillRatio });
    const cut = await cutAll(options, plan, dir);
    const largest = Math.max(...cut.map((c) => c.bytes));
    if (largest <= maxPieceBytes) return cut;
    fillRatio *= (maxPieceBytes / largest) * 0.95;
  }
  throw new AppError('ffmpeg/failed', 'The audio could not be cut into pieces small enough for the AI service.');
}

async function cutAll(
  options: TranscribeOptions,
  plan: PlannedPiece[],
  dir: string,
): Promise<{ piece: PlannedPiece; file: string; bytes: number }[]> {
  const cut = [];
  for (const [i, piece] of plan.entries()) {
    const file = join(dir, `piece-${String(i + 1).padStart(3, '0')}${uploadExtension(options.audioFile)}`);
    await cutPiece(options.ffmpeg, options.audioFile, piece, file, options.signal);
    cut.push({ piece, file, bytes: (await stat(file)).size });
  }
  return cut;
}

/** The API picks the decoder by file name and does not list ".opus" (it is Ogg). */
function uploadExtension(file: string): string {
  const ext = extname(file).toLowerCase();
  return ext === '.opus' ? '.ogg' : ext;
}

const MIME_TYPES: Record<string, string> = {
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.webm': 'audio/webm',
  '.m4a': 'audio/mp4',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
};

async function transcribeFile(options: TranscribeOptions, path: string, name: string): Promise<VerboseReply> {
  // A file-backed Blob: the upload streams from disk instead of holding 24 MB in memory.
  const type = MIME_TYPES[extname(name)] ?? 'application/octet-stream';
  const file = new File([await openAsBlob(path)], name, { type });
  const reply: unknown = await options.client.audio.transcriptions.create(
    {
      file,
      model: options.model,
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
      ...(options.language ? { language: options.language } : {}),
    },
    { signal: options.signal, timeout: longCallTimeout(options.client, AUDIO_TIMEOUT_MS, options.timeoutMs) },
  );
  const parsed = VerboseReply.safeParse(reply);
  if (!parsed.success) {
    throw new AiReplyError('malformed_reply', 'The transcription service sent a reply in an unexpected form.', {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

function coveredShare(done: PlannedPiece[], all: PlannedPiece[]): number {
  const span = (pieces: PlannedPiece[]) => pieces.reduce((sum, p) => sum + (p.endMs - p.startMs), 0);
  return span(all) > 0 ? span(done) / span(all) : 1;
}

function result(parts: PieceReply[], languageHint: string | undefined): TranscriptionResult {
  const language = parts.map((p) => p.reply.language).find((l) => !!l) ?? languageHint ?? null;
  return { language, segments: mergePieceReplies(parts) };
}

/**
 * Puts each piece's segments and words on the recording's timeline and keeps, from each
 * piece, only what lies in its own share (by midpoint), so words heard twice in an overlap
 * count once: a word whose midpoint is before the seam comes from the earlier piece.
 */
export function mergePieceReplies(parts: PieceReply[]): TranscribedSegment[] {
  return parts
    .flatMap(({ piece, reply }) => onTimeline(piece.startMs, reply).map((s) => keepOwnShare(s, piece)))
    .filter((segment): segment is TranscribedSegment => segment !== null)
    .sort((a, b) => a.startMs - b.startMs);
}

function onTimeline(offsetMs: number, reply: VerboseReply): TranscribedSegment[] {
  const at = (seconds: number) => Math.round(offsetMs + seconds * 1000);
  const words: TranscribedWord[] = (reply.words ?? []).map((w) => ({
    word: w.word.trim(),
    startMs: at(w.start),
    endMs: Math.max(at(w.start), at(w.end)),
    confidence: w.probability ?? null,
  }));
  const segments: TranscribedSegment[] = (reply.segments ?? []).map((s) => ({
    startMs: at(s.start),
    endMs: Math.max(at(s.start), at(s.end)),
    text: s.text.trim(),
    confidence: s.avg_logprob === undefined ? null : Math.min(1, Math.exp(s.avg_logprob)),
    words: [],
  }));
  if (segments.length === 0) return words.length > 0 ? [segmentOfWords(words)] : [];
  for (const word of words) nearestSegment(segments, word).words.push(word);
  return segments.map((s) => ({ ...s, confidence: s.confidence ?? meanWordConfidence(s.words) }));
}

function segmentOfWords(words: TranscribedWord[]): TranscribedSegment {
  return {
    startMs: words[0]!.startMs,
    endMs: words[words.length - 1]!.endMs,
    text: words.map((w) => w.word).join(' '),
    confidence: meanWordConfidence(words),
    words,
  };
}

/** Word and segment timings disagree slightly; a word goes to the segment nearest its midpoint. */
function nearestSegment(segments: TranscribedSegment[], word: TimeRange): TranscribedSegment {
  const mid = midpoint(word);
  const distance = (s: TimeRange) => (mid < s.startMs ? s.startMs - mid : mid > s.endMs ? mid - s.endMs : 0);
  return segments.reduce((best, s) => (distance(s) < distance(best) ? s : best));
}

function meanWordConfidence(words: TranscribedWord[]): number | null {
  const known = words.map((w) => w.confidence).filter((c): c is number => c !== null);
  if (known.length === 0 || known.length < words.length) return null;
  return known.reduce((a, b) => a + b, 0) / known.length;
}

function keepOwnShare(segment: TranscribedSegment, piece: PlannedPiece): TranscribedSegment | null {
  const own = (r: TimeRange) => midpoint(r) >= piece.keepFromMs && midpoint(r) < piece.keepUntilMs;
  if (segment.words.length === 0) return own(segment) ? segment : null;
  const kept = segment.words.filter(own);
  if (kept.length === segment.words.length) return segment;
  if (kept.length === 0) return null;
  // The segment's text cannot be split by word, so a trimmed one is rebuilt from its words.
  const trimmed = segmentOfWords(kept);
  return { ...trimmed, confidence: segment.confidence };
}

function midpoint(range: TimeRange): number {
  return (range.startMs + range.endMs) / 2;
}
