import { z } from 'zod';
import { MAX_DOCUMENT_BYTES } from '../domain/documents';
import { MAX_TTS_CHARS, OPENAI_VOICES, VOICE_SOURCES } from '../domain/voices';
import {
  DECISIONS,
  DIFFICULTIES,
  EVENT_LEVELS,
  EXPERIENCE_LEVELS,
  type JobKind,
  INTERVIEW_TYPES,
  QUESTION_MARKS,
  SESSION_EVENT_KINDS,
  SESSION_MODES,
  SESSION_STATUSES,
} from '../domain/enums';
import {
  DECISION_FILTERS,
  LIBRARY_SORTS,
  type CandidateDashboard,
  type CandidateOverview,
  type LibraryPage,
  type ManagerDashboard,
  type SearchHit,
} from '../domain/library';
import type {
  AppInfo,
  BundleSummary,
  OpenRequest,
  Candidate,
  ExtractedDocument,
  GeneratedQuestion,
  MediaAccess,
  ExportOutcome,
  ImportOutcome,
  Job,
  Processing,
  FollowUpOutcome,
  SettingsView,
  TranscriptSegment,
  QuestionSet,
  Recording,
  SessionDetail,
  SessionQuestion,
  SessionReview,
  SessionSummary,
  ShareProgress,
  TakeMetrics,
} from '../domain/types';
import { SCORE_DIMENSIONS } from '../domain/types';
import { CONSENT_TEXT_VERSION, type ConsentTerms } from '../domain/consent';
import { MAX_KIT_BYTES, type KitExportOutcome, type KitPreview, type KitSummary } from '../domain/kits';

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
/** A reviewer's star rating; null takes it back. */
const stars = z.number().int().min(1).max(5).nullable();
const commentBody = shortText(5000).min(1, 'A comment needs some text.');

/** An answer's audio for a follow-up: the transcription API takes at most 25 MB (an hour and more of Opus). */
export const MAX_ANSWER_AUDIO_BYTES = 24 * 1024 * 1024;

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
  /** Sessions made before voice sources existed spoke with the system voice. */
  voiceSource: z.enum(VOICE_SOURCES).default('system'),
  /** null: the avatar's own OpenAI voice. */
  openaiVoice: z.enum(OPENAI_VOICES).nullish().transform((v) => v ?? null),
});

export const EnvironmentInput = z.strictObject({
  userAgent: optionalText(1000).transform((v) => v ?? null),
  camera: optionalText(300).transform((v) => v ?? null),
  microphone: optionalText(300).transform((v) => v ?? null),
  resolution: optionalText(50).transform((v) => v ?? null),
});

/** A question the user reviewed (generated, then edited) that becomes one of a session's questions. */
export const QuestionDraftInput = z.strictObject({
  text: shortText(500).min(1),
  category: shortText(100).min(1),
  difficulty: z.enum(DIFFICULTIES),
  keywords: z.array(shortText(100).min(1)).max(20),
  // undefined rather than null: the shape of QuestionTemplate, which sessions are made from.
  lookFor: optionalText(400).transform((v) => v ?? undefined),
});

export const GenerateQuestionsInput = z
  .strictObject({
    /** Chosen by the page, so that it can cancel this request with questions:cancelGenerate. */
    requestId: id,
    interviewType: z.enum(INTERVIEW_TYPES),
    jobTitle: shortText(200),
    company: optionalText(200).transform((v) => v ?? null),
    experienceLevel: z.enum(EXPERIENCE_LEVELS).nullish().transform((v) => v ?? null),
    jobDescription: optionalText(50_000).transform((v) => v ?? null),
    resumeText: optionalText(50_000).transform((v) => v ?? null),
    count: z.number().int().min(1).max(20),
  })
  .refine((v) => Boolean(v.jobDescription || v.resumeText), 'Add a resume or a job description first');

export const CreateSessionInput = z.strictObject({
  candidateId: id,
  interviewType: z.enum(INTERVIEW_TYPES),
  mode: z.enum(SESSION_MODES),
  jobTitle: shortText(200),
  company: optionalText(200),
  industry: optionalText(200),
  experienceLevel: z.enum(EXPERIENCE_LEVELS).nullish(),
  jobDescription: optionalText(50_000),
  resumeFileName: optionalText(255),
  resumeText: optionalText(50_000),
  questionSetId: shortText(100).min(1),
  avatar: shortText(50).min(1),
  avatarSettings: AvatarSettingsInput,
  environment: EnvironmentInput,
  /** The session's own questions (reviewed generated ones) instead of the set's. */
  questions: z.array(QuestionDraftInput).min(1).max(50).optional(),
  /** Off keeps everything of this session away from the AI service (on by default). */
  aiProcessing: z.boolean().optional(),
  /** Practice with AI: the interviewer may ask one follow-up after each answer (off by default). */
  followUps: z.boolean().optional(),
  /** The candidate accepted this consent text on the consent screen just now. */
  consent: z.strictObject({ textVersion: z.literal(CONSENT_TEXT_VERSION) }).nullish(),
});

const setId = shortText(100).min(1);

/** Per-question timing rules; all optional, so a question given without them gets the defaults. */
export const QuestionRulesInput = z.strictObject({
  thinkTimeMs: z.number().int().min(0).max(10 * 60_000).default(0),
  answerLimitMs: z.number().int().min(1000).max(60 * 60_000).nullable().default(null),
  retakesAllowed: z.number().int().min(0).max(10).default(0),
});

export const SetQuestionInput = QuestionRulesInput.extend({
  /** A question already in the set keeps its id; new ones leave it out. */
  id: id.optional(),
  text: shortText(500).min(1, 'A question needs its text.'),
  category: shortText(100).min(1, 'A question needs a category.'),
  difficulty: z.enum(DIFFICULTIES),
  keywords: z.array(shortText(100).min(1)).max(20),
  lookFor: optionalText(400),
});

export const QuestionSetInput = z.strictObject({
  name: shortText(200).min(1, 'A question set needs a name.'),
  interviewType: z.enum(INTERVIEW_TYPES),
  description: shortText(2000).default(''),
  instructions: shortText(4000).default(''),
  questions: z.array(SetQuestionInput).min(1, 'A question set needs at least one question.').max(100),
});

export const calls = {
  'app:info': call(none).returns<AppInfo>(),
  // Consent before recording, and the OS's camera/microphone access (issue 7, shell and privacy)
  /** What the consent screen says for this candidate, and the consent already on file. */
  'consent:terms': call(z.strictObject({ candidateId: id })).returns<ConsentTerms>(),
  /** Asks the OS for camera and microphone access where it decides (macOS); elsewhere granted. */
  'system:mediaAccess': call(none).returns<MediaAccess>(),

  'candidates:list': call(none).returns<Candidate[]>(),
  'candidates:create': call(CandidateInput).returns<Candidate>(),
  /** The "Me" candidate for practice, created on first use. */
  'candidates:ensureSelf': call(none).returns<Candidate>(),

  // Tailored questions: a resume and a job description read in main, questions written by AI.
  /** The text of a PDF, DOCX or TXT file the user picked (bytes read by the page). */
  'documents:extractText': call(
    z.strictObject({
      fileName: shortText(255).min(1),
      bytes: z
        .custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected binary data.')
        .refine((b) => b.byteLength <= MAX_DOCUMENT_BYTES, `The file is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`),
    }),
  ).returns<ExtractedDocument>(),
  'questions:generate': call(GenerateQuestionsInput).returns<GeneratedQuestion[]>(),
  /** Stops a questions:generate still running (it then fails with a "cancelled" error). */
  'questions:cancelGenerate': call(z.strictObject({ requestId: id })).returns<void>(),
  /** A question spoken by an OpenAI voice: a media URL, made once and then served from the cache. */
  'tts:speak': call(
    z.strictObject({ text: shortText(MAX_TTS_CHARS).min(1), voice: z.enum(OPENAI_VOICES) }),
  ).returns<{ url: string; cached: boolean }>(),

  'questionSets:list': call(none).returns<QuestionSet[]>(),
  // Custom question sets (built-in ones are read-only: duplicate them to edit).
  'questionSets:get': call(z.strictObject({ questionSetId: setId })).returns<QuestionSet>(),
  'questionSets:create': call(QuestionSetInput).returns<QuestionSet>(),
  /** Replaces the set's fields and questions; questions left out are deleted. */
  'questionSets:update': call(z.strictObject({ questionSetId: id, set: QuestionSetInput })).returns<QuestionSet>(),
  'questionSets:delete': call(z.strictObject({ questionSetId: id })).returns<void>(),
  /** An editable copy of any set, built-in or custom. */
  'questionSets:duplicate': call(z.strictObject({ questionSetId: setId })).returns<QuestionSet>(),
  /** The set's question ids in their new order; every question exactly once. */
  'questionSets:reorder': call(
    z.strictObject({ questionSetId: id, questionIds: z.array(id).min(1).max(100) }),
  ).returns<QuestionSet>(),

  'sessions:create': call(CreateSessionInput).returns<SessionDetail>(),
  'sessions:list': call(none).returns<SessionSummary[]>(),
  // Library: paged list, search, candidates, delete, dashboards (issue 5).
  'library:page': call(
    z.strictObject({
      sort: z.enum(LIBRARY_SORTS).default('date'),
      dir: z.enum(['asc', 'desc']).default('desc'),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      candidateId: id.nullish(),
      interviewType: z.enum(INTERVIEW_TYPES).nullish(),
      status: z.enum(SESSION_STATUSES).nullish(),
      decision: z.enum(DECISION_FILTERS).nullish(),
      scoreMin: z.number().min(0).max(10).nullish(),
      scoreMax: z.number().min(0).max(10).nullish(),
      from: z.number().int().min(0).nullish(),
      to: z.number().int().min(0).nullish(),
    }),
  ).returns<LibraryPage>(),
  'library:search': call(
    z.strictObject({ text: z.string().max(500), limit: z.number().int().min(1).max(200).default(50) }),
  ).returns<SearchHit[]>(),
  /** Deletes the session's rows, then its files; refused while it is recorded or exported. */
  'sessions:delete': call(z.strictObject({ sessionId: id })).returns<void>(),
  'candidates:overview': call(none).returns<CandidateOverview[]>(),
  'candidates:update': call(CandidateInput.extend({ candidateId: id })).returns<Candidate>(),
  /** Deletes the candidate with all their sessions and files. */
  'candidates:delete': call(z.strictObject({ candidateId: id })).returns<{ sessions: number }>(),
  'dashboard:candidate': call(
    z.strictObject({ candidateId: id, tzOffsetMinutes: z.number().int().min(-840).max(840).default(0) }),
  ).returns<CandidateDashboard>(),
  'dashboard:manager': call(none).returns<ManagerDashboard>(),
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
  /** The take that counts: its offsets become the question's answer offsets. */
  'questions:chooseTake': call(z.strictObject({ sessionQuestionId: id, takeId: shortText(100).min(1) })).returns<SessionQuestion>(),

  // Takes (issues 4 and 5): each take's delivery, measured on demand over its range of the recording.
  'takes:metrics': call(z.strictObject({ sessionQuestionId: id })).returns<TakeMetrics[]>(),

  // Follow-up questions (issue 4)
  /** After an answer in practice: its audio is transcribed and AI may propose one follow-up, placed after it. */
  'followUps:propose': call(
    z.strictObject({
      sessionQuestionId: id,
      mimeType: shortText(100).regex(/^audio\/(webm|ogg|mp4)\b/, 'Only audio recordings.'),
      audio: z
        .custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected binary data.')
        .refine((b) => b.byteLength > 0 && b.byteLength <= MAX_ANSWER_AUDIO_BYTES, 'The answer’s audio is empty or too large.'),
    }),
  ).returns<FollowUpOutcome>(),

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

  // The reviewer's side (migration 0005): each call returns the whole review as it now is.
  'reviews:get': call(z.strictObject({ sessionId: id })).returns<SessionReview>(),
  'reviews:rateOverall': call(z.strictObject({ sessionId: id, rating: stars })).returns<SessionReview>(),
  'reviews:rateDimension': call(
    z.strictObject({ sessionId: id, dimension: z.enum(SCORE_DIMENSIONS), rating: stars }),
  ).returns<SessionReview>(),
  'reviews:rateQuestion': call(
    z.strictObject({ sessionQuestionId: id, rating: stars, note: optionalText(2000) }),
  ).returns<SessionReview>(),
  /** Pinned to a moment of the recording (ms on its timeline), or to the whole session with null. */
  'reviews:addComment': call(
    z.strictObject({ sessionId: id, offsetMs: z.number().min(0).max(24 * 3600 * 1000).nullable(), body: commentBody }),
  ).returns<SessionReview>(),
  'reviews:editComment': call(z.strictObject({ commentId: id, body: commentBody })).returns<SessionReview>(),
  'reviews:deleteComment': call(z.strictObject({ commentId: id })).returns<SessionReview>(),
  /** decision null clears the decision and its note. */
  'reviews:decide': call(
    z.strictObject({ sessionId: id, decision: z.enum(DECISIONS).nullable(), note: optionalText(5000) }),
  ).returns<SessionReview>(),
  'reviews:setBlind': call(z.strictObject({ sessionId: id, blind: z.boolean() })).returns<SessionReview>(),

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
      retentionDays: z.number().int().min(1).max(3650).nullable().optional(),
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
  // Files the OS opened (a double-clicked .interview): the page takes them when nudged or on start.
  /** The open requests not yet taken by a page, oldest first; taking them clears the list. */
  'share:takeOpenRequests': call(none).returns<OpenRequest[]>(),
  'share:sessionJson': call(z.strictObject({ sessionId: id })).returns<{ fileName: string; text: string }>(),
  'share:libraryCsv': call(none).returns<{ fileName: string; text: string }>(),
  // Interview kits (issue 6): a question set with its rules and role, sent as a .interviewkit file.
  /** Kits made or received here, newest first, each with the sessions recorded under it. */
  'kits:list': call(none).returns<KitSummary[]>(),
  /** Writes the set as a kit; in Electron the shell asks where, in browser mode it lands in exports/. */
  'kits:export': call(
    z.strictObject({
      questionSetId: setId,
      name: shortText(200).min(1, 'A kit needs a name.'),
      jobTitle: shortText(200).min(1, 'Say which role the interview is for.'),
      sender: shortText(200),
      instructions: shortText(4000),
      mode: z.enum(SESSION_MODES),
      /** The invited candidate: their interview comes back under them. */
      candidateId: id.nullable(),
    }),
  ).returns<KitExportOutcome>(),
  /** Electron: asks the shell for a kit file; null when the user closed the dialog. */
  'kits:pick': call(none).returns<{ sourceId: string; fileName: string } | null>(),
  /** Browser mode: the kit's bytes in one piece (kits are small). */
  'kits:upload': call(
    z.strictObject({
      fileName: shortText(300).min(1),
      bytes: z
        .custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected binary data.')
        .refine((b) => b.byteLength <= MAX_KIT_BYTES, `The file is larger than ${MAX_KIT_BYTES / 1024 / 1024} MB; no interview kit is that big.`),
    }),
  ).returns<{ sourceId: string; fileName: string }>(),
  /** The picked, uploaded or double-clicked kit, read and checked; nothing is written. */
  'kits:inspect': call(z.strictObject({ sourceId: id })).returns<KitPreview>(),
  /** Makes the kit's read-only question set (once: a second import returns the same set). */
  'kits:import': call(z.strictObject({ sourceId: id })).returns<{ questionSet: QuestionSet; created: boolean }>(),
  'kits:discard': call(z.strictObject({ sourceId: id })).returns<void>(),
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
  /** The OS asked to open a file; the page takes it with share:takeOpenRequests. */
  'share:onOpenRequested': event<{ fileName: string }>(),
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
