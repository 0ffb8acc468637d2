import { z } from 'zod';
import {
  EVENT_LEVELS,
  EXPERIENCE_LEVELS,
  type JobKind,
  INTERVIEW_TYPES,
  QUESTION_MARKS,
  SESSION_EVENT_KINDS,
  SESSION_MODES,
} from '../domain/enums';
import type {
  AppInfo,
  BundleSummary,
  Candidate,
  ExportOutcome,
  ImportOutcome,
  Job,
  Processing,
  SettingsView,
  TranscriptSegment,
  QuestionSet,
  Recording,
  SessionDetail,
  SessionQuestion,
  SessionSummary,
  ShareProgress,
} from '../domain/types';

// The one list of calls between the renderer and main. Channels are `domain:verb`; inputs are
// zod schemas checked in main before any handler runs; outputs are types only (main is trusted).

declare const outputBrand: unique symbol;
interface Output<T> {
  readonly [outputBrand]?: T;
}

interface CallSpec<I extends z.ZodType, O> {
  input: I;
  output: Output<O>;
}

function call<I extends z.ZodType>(input: I) {
  return { returns: <O>(): CallSpec<I, O> => ({ input, output: {} }) };
}

function event<P>(): Output<P> {
  return {};
}

const id = z.string().uuid();
const shortText = (max = 200) => z.string().trim().max(max);
const optionalText = (max = 200) => shortText(max).nullish();
const none = z.strictObject({}).optional();

/** One second of 1080p at a generous bitrate is far below this; anything bigger is not a chunk. */
export const MAX_CHUNK_BYTES = 32 * 1024 * 1024;

/** One piece of a file sent in order (a recording, an uploaded bundle). */
const chunkBytes = z
  .custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected binary data.')
  .refine((b) => b.byteLength <= MAX_CHUNK_BYTES, 'Chunk too large.');

export const CandidateInput = z.strictObject({
  name: shortText(200).min(1, 'A candidate needs a name.'),
  email: z.union([z.literal(''), z.string().trim().email().max(320)]).nullish(),
  phone: optionalText(50),
  position: optionalText(200),
  notes: optionalText(10_000),
});

export const AvatarSettingsInput = z.strictObject({
  voiceName: optionalText(200).transform((v) => v ?? null),
  rate: z.number().min(0.5).max(2),
  captions: z.boolean(),
  speech: z.boolean(),
});

export const EnvironmentInput = z.strictObject({
  userAgent: optionalText(1000).transform((v) => v ?? null),
  camera: optionalText(300).transform((v) => v ?? null),
  microphone: optionalText(300).transform((v) => v ?? null),
  resolution: optionalText(50).transform((v) => v ?? null),
});

export const CreateSessionInput = z.strictObject({
  candidateId: id,
  interviewType: z.enum(INTERVIEW_TYPES),
  mode: z.enum(SESSION_MODES),
  jobTitle: shortText(200),
  company: optionalText(200),
  industry: optionalText(200),
  experienceLevel: z.enum(EXPERIENCE_LEVELS).nullish(),
  jobDescription: optionalText(50_000),
  questionSetId: shortText(100).min(1),
  avatar: shortText(50).min(1),
  avatarSettings: AvatarSettingsInput,
  environment: EnvironmentInput,
});

export const calls = {
  'app:info': call(none).returns<AppInfo>(),

  'candidates:list': call(none).returns<Candidate[]>(),
  'candidates:create': call(CandidateInput).returns<Candidate>(),
  /** The "Me" candidate for practice, created on first use. */
  'candidates:ensureSelf': call(none).returns<Candidate>(),

  'questionSets:list': call(none).returns<QuestionSet[]>(),

  'sessions:create': call(CreateSessionInput).returns<SessionDetail>(),
  'sessions:list': call(none).returns<SessionSummary[]>(),
  'sessions:get': call(z.strictObject({ sessionId: id })).returns<SessionDetail>(),
  'sessions:finish': call(
    z.strictObject({ sessionId: id, status: z.enum(['completed', 'cancelled']) }),
  ).returns<SessionDetail>(),

  'recording:start': call(
    z.strictObject({
      sessionId: id,
      mimeType: shortText(100).regex(/^video\/(webm|x-matroska|mp4)\b/, 'Only video recordings.'),
      width: z.number().int().min(1).max(8192).nullish(),
      height: z.number().int().min(1).max(8192).nullish(),
    }),
  ).returns<Recording>(),
  'recording:appendChunk': call(
    z.strictObject({
      recordingId: id,
      seq: z.number().int().min(0).max(10_000_000),
      bytes: chunkBytes,
    }),
  ).returns<{ bytes: number; ignored: boolean; diskLow: boolean }>(),
  /** Closes the file and makes it seekable; resolves once the recording is finalized (or failed). */
  'recording:stop': call(z.strictObject({ recordingId: id })).returns<Recording>(),
  /** Retries making a recorded or interrupted file seekable. */
  'recording:finalize': call(z.strictObject({ recordingId: id })).returns<Recording>(),

  'questions:mark': call(
    z.strictObject({
      sessionQuestionId: id,
      mark: z.enum(QUESTION_MARKS),
      offsetMs: z.number().int().min(0).max(24 * 3600 * 1000),
    }),
  ).returns<SessionQuestion>(),

  'events:log': call(
    z.strictObject({
      sessionId: id,
      kind: z.enum(SESSION_EVENT_KINDS).exclude(['recovered']),
      level: z.enum(EVENT_LEVELS),
      message: shortText(2000).min(1),
      offsetMs: z.number().int().min(0).nullish(),
    }),
  ).returns<void>(),

  'jobs:retry': call(z.strictObject({ jobId: z.number().int().positive() })).returns<Job>(),
  'jobs:cancel': call(z.strictObject({ jobId: z.number().int().positive() })).returns<Job>(),
  /** Everything the background work produced for a session, with its jobs. */
  'processing:get': call(z.strictObject({ sessionId: id })).returns<Processing>(),
  /** The user's correction of a transcript segment (null restores what the service heard). */
  'transcripts:editSegment': call(
    z.strictObject({ segmentId: z.number().int().positive(), text: shortText(5000).nullable() }),
  ).returns<TranscriptSegment>(),
  /** Scores the session again (after transcript corrections). */
  'processing:rescore': call(z.strictObject({ sessionId: id })).returns<Job>(),

  'settings:get': call(none).returns<SettingsView>(),
  'settings:update': call(
    z.strictObject({
      ai: z
        .strictObject({
          enabled: z.boolean(),
          baseUrl: z.string().trim().url().max(500).regex(/^https?:\/\//, 'Use an http or https address.'),
          transcriptionModel: shortText(100).min(1),
          scoringModel: shortText(100).min(1),
        })
        .partial()
        .optional(),
      keepMedia: z.enum(['original', 'mp4', 'both']).optional(),
      // The key with the endpoint it is for, in one call: AI jobs never start with half of them.
      // null forgets it; it never comes back to the page.
      apiKey: z.string().trim().min(1).max(500).nullable().optional(),
      allowWeakStorage: z.boolean().optional(),
    }),
  ).returns<SettingsView>(),
  'settings:testAi': call(none).returns<{ ok: boolean; message: string }>(),

  // Share (issue 6): .interview bundles, the PDF report, JSON and CSV exports.
  /** Writes a bundle; in Electron the shell asks where, in browser mode it lands in the data folder's exports/. */
  'share:export': call(
    z.strictObject({
      operationId: id,
      sessionIds: z.array(id).min(1).max(1000),
      video: z.enum(['mp4', 'webm']),
      includeReport: z.boolean(),
      redactions: z
        .record(
          id,
          z.strictObject({
            trimStartMs: z.number().int().min(0).max(24 * 3600 * 1000).optional(),
            trimEndMs: z.number().int().min(0).max(24 * 3600 * 1000).nullable().optional(),
            dropQuestionIds: z.array(id).max(500).optional(),
          }),
        )
        .optional(),
    }),
  ).returns<ExportOutcome>(),
  /** Stops a running export or import; it leaves nothing behind. */
  'share:cancel': call(z.strictObject({ operationId: id })).returns<void>(),
  /** Electron: asks the shell for a bundle to open; null when the user closed the dialog. */
  'share:pickBundle': call(none).returns<{ sourceId: string; fileName: string } | null>(),
  /** Browser mode: the bundle's bytes come in chunks, in order, like recording chunks. */
  'share:uploadStart': call(z.strictObject({ fileName: shortText(300).min(1), bytes: z.number().int().min(1) })).returns<{ sourceId: string }>(),
  'share:uploadChunk': call(
    z.strictObject({
      sourceId: id,
      seq: z.number().int().min(0).max(10_000_000),
      bytes: chunkBytes,
    }),
  ).returns<{ received: number }>(),
  /** What a picked or uploaded bundle holds, and which of its sessions are already here. */
  'share:inspect': call(z.strictObject({ sourceId: id })).returns<BundleSummary>(),
  'share:import': call(
    z.strictObject({ sourceId: id, operationId: id, duplicates: z.enum(['skip', 'replace', 'refuse']) }),
  ).returns<ImportOutcome>(),
  /** Forgets a picked or uploaded bundle (the user closed the dialog). */
  'share:discard': call(z.strictObject({ sourceId: id })).returns<void>(),
  'share:sessionJson': call(z.strictObject({ sessionId: id })).returns<{ fileName: string; text: string }>(),
  'share:libraryCsv': call(none).returns<{ fileName: string; text: string }>(),
} as const;

export const events = {
  /** Free disk space fell below the stop threshold; the room stops the recording. */
  'recording:onDiskLow': event<{ recordingId: string; freeBytes: number }>(),
  /** A recording's row changed in the background (finalized, failed). */
  'recording:onUpdated': event<Recording>(),
  /** A job changed state (queued, running, waiting, done, failed...). */
  'jobs:onUpdated': event<Job>(),
  /** A running job's progress, at most a few times a second. */
  'jobs:onProgress': event<{ jobId: number; sessionId: string; kind: JobKind; progress: number; etaMs: number | null }>(),
  /** An export's or import's progress, at most a few times a second. */
  'share:onProgress': event<ShareProgress>(),
} as const;

export type Calls = typeof calls;
export type Channel = keyof Calls;
export type EventName = keyof typeof events;
export type CallInput<C extends Channel> = z.input<Calls[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Calls[C]['input']>;
export type CallOutput<C extends Channel> =
  Calls[C]['output'] extends Output<infer O> ? O : never;
export type EventPayload<E extends EventName> =
  (typeof events)[E] extends Output<infer P> ? P : never;

export const CHANNELS = Object.keys(calls) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(calls, value);
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
