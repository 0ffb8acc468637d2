import type {
  Decision,
  Difficulty,
  EventLevel,
  JobKind,
  JobStatus,
  WaitReason,
  ExperienceLevel,
  InterviewType,
  RecordingStatus,
  SessionEventKind,
  SessionMode,
  SessionStatus,
} from './enums';
import type { OpenAiVoice, VoiceSource } from './voices';
import type { KitInfo } from './kits';

/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

export interface Candidate {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  notes: string | null;
  /** The laptop's owner practising ("Me"); there is at most one. */
  isSelf: boolean;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface AvatarSettings {
  voiceName: string | null;
  rate: number;
  captions: boolean;
  /** Off: the avatar "speaks" silently for as long as reading the caption takes. */
  speech: boolean;
  /** OpenAI text-to-speech falls back to the system voice on any error. */
  voiceSource: VoiceSource;
  /** null: the avatar's own OpenAI voice. */
  openaiVoice: OpenAiVoice | null;
}

export interface SessionEnvironment {
  appVersion: string;
  os: string;
  userAgent: string | null;
  camera: string | null;
  microphone: string | null;
  resolution: string | null;
}

export interface Session {
  id: string;
  candidateId: string;
  interviewType: InterviewType;
  mode: SessionMode;
  jobTitle: string;
  company: string | null;
  industry: string | null;
  experienceLevel: ExperienceLevel | null;
  jobDescription: string | null;
  resumeFileName: string | null;
  resumeText: string | null;
  questionSetId: string | null;
  /** The set's name and instructions as they were when the session was created. */
  questionSetName: string | null;
  instructions: string | null;
  status: SessionStatus;
  startedAt: EpochMs | null;
  endedAt: EpochMs | null;
  durationMs: number | null;
  completedAt: EpochMs | null;
  avatar: string;
  avatarSettings: AvatarSettings;
  environment: SessionEnvironment | null;
  /** Off: nothing of this session (audio, transcript, text) is ever sent to the AI service. */
  aiProcessing: boolean;
  /** Practice with AI only: after each original question's answer the interviewer may ask one follow-up. */
  followUps: boolean;
  /** The interview kit it was recorded under; its questions, rules and mode came from it. */
  kitId: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

/** What the candidate agreed to before the recording, as the consent screen showed it. */
export interface Consent {
  /** The version of the consent text (shared/domain/consent.ts). */
  textVersion: string;
  /** The AI endpoint named on the screen; null when it said AI is off. */
  aiEndpoint: string | null;
  /** Where the recording is kept (the data folder at the time). */
  dataDir: string;
  /** Days before automatic deletion; null: kept until deleted. */
  retentionDays: number | null;
  givenAt: EpochMs;
  /** Set when an earlier session's consent covered this one (the same text and AI choice). */
  carriedFromSessionId: string | null;
}

export interface SessionQuestion {
  id: string;
  sessionId: string;
  position: number;
  text: string;
  category: string | null;
  difficulty: Difficulty | null;
  keywords: string[];
  /** Offsets in ms on the recording's timeline (0 = first recorded frame). */
  askedOffsetMs: number | null;
  answerStartedOffsetMs: number | null;
  answerEndedOffsetMs: number | null;
  askedAt: EpochMs | null;
  answerStartedAt: EpochMs | null;
  answerEndedAt: EpochMs | null;
  /** From the question being asked to the answer starting. */
  responseTimeMs: number | null;
  skipped: boolean;
  /** Takes after the first (kept in step with `takes`). */
  retakeCount: number;
  /** Copied from the question set when the session was created. */
  lookFor: string | null;
  thinkTimeMs: number;
  answerLimitMs: number | null;
  retakesAllowed: number;
  /** When the think-time countdown began (after the question was read). */
  thinkStartedOffsetMs: number | null;
  /** The question this one follows up (an AI follow-up asked after that question's answer); null for the session's own questions. */
  followUpOf: string | null;
  /** In take order. The chosen one's offsets are answerStarted/EndedOffsetMs above. */
  takes: AnswerTake[];
}

/** What came of asking for a follow-up after an answer. */
export interface FollowUpOutcome {
  /** The follow-up, already placed after its parent; null: the interview goes on to the next question. */
  question: SessionQuestion | null;
  /** A quiet sentence when no follow-up could be had (AI off, offline, too slow, an unusable reply); null otherwise. */
  note: string | null;
}

export interface AnswerTake {
  id: string;
  takeNumber: number;
  startedOffsetMs: number;
  endedOffsetMs: number | null;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
  chosen: boolean;
}

/** Delivery of one take, measured on demand over its range of the recording. */
export interface TakeMetrics {
  takeId: string;
  takeNumber: number;
  startMs: number;
  endMs: number;
  talkMs: number;
  silenceMs: number;
  pauses: Pause[];
  longPauseCount: number;
  longestPauseMs: number;
  /** The rest need a transcript covering the take (null without one). */
  wordsPerMinute: number | null;
  fillerCount: number | null;
  /** From the take's start to its first word. */
  responseLatencyMs: number | null;
  answerWords: number | null;
}

export interface Recording {
  id: string;
  sessionId: string;
  /** Relative to the data folder, with forward slashes. */
  path: string;
  mimeType: string;
  codecs: string | null;
  width: number | null;
  height: number | null;
  bytes: number;
  durationMs: number | null;
  status: RecordingStatus;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
  lastChunkAt: EpochMs | null;
  /** Set when the app stopped (crash, power loss) while recording: the time of the last saved chunk. */
  interruptedAt: EpochMs | null;
  error: string | null;
}

export interface SessionEvent {
  id: number;
  sessionId: string;
  at: EpochMs;
  offsetMs: number | null;
  kind: SessionEventKind;
  level: EventLevel;
  message: string;
}

export interface SessionSummary {
  session: Session;
  candidateName: string;
  questionCount: number;
  answeredCount: number;
  recording: Recording | null;
}

export interface SessionDetail {
  session: Session;
  candidate: Candidate;
  questions: SessionQuestion[];
  recording: Recording | null;
  events: SessionEvent[];
  /** Null for practice as yourself and for sessions from before consent was asked. */
  consent: Consent | null;
}

export interface QuestionTemplate {
  text: string;
  category: string;
  difficulty: Difficulty;
  /** What a strong answer mentions. */
  keywords: string[];
  /** What the interviewer looks for in an answer, in a sentence or two. */
  lookFor?: string;
  /** Timing rules; absent means the defaults in DEFAULT_QUESTION_RULES. */
  thinkTimeMs?: number;
  answerLimitMs?: number | null;
  retakesAllowed?: number;
}

export interface QuestionRules {
  /** Countdown between the question being read and the answer starting; 0 for none. */
  thinkTimeMs: number;
  /** The answer ends by itself at this length; null for no limit. */
  answerLimitMs: number | null;
  /** Redos allowed in assessment mode (practice mode allows any number). */
  retakesAllowed: number;
}

export const DEFAULT_QUESTION_RULES: QuestionRules = { thinkTimeMs: 0, answerLimitMs: null, retakesAllowed: 0 };

export interface SetQuestion extends Omit<QuestionTemplate, keyof QuestionRules>, QuestionRules {
  id: string;
}

/** A question written by AI for one resume and job, before the user reviews it. */
export interface GeneratedQuestion extends QuestionTemplate {
  lookFor: string;
  /** Built on a claim of the resume, a requirement of the job, or both. */
  basis: 'resume' | 'job' | 'both';
}

export interface QuestionSet {
  id: string;
  name: string;
  interviewType: InterviewType;
  description: string;
  /** Shown to the candidate before the first question; may be empty. */
  instructions: string;
  /** Shipped with the app (resources/): read-only, duplicate it to edit. */
  builtIn: boolean;
  /** The set this one was duplicated from. */
  copiedFrom: string | null;
  /** Set when the set came from an imported interview kit: read-only, its rules are the kit's. */
  kit: KitInfo | null;
  questions: SetQuestion[];
  updatedAt: EpochMs | null;
}

/** Text read from an imported resume or job description. */
export interface ExtractedDocument {
  fileName: string;
  text: string;
  /** The text was longer than the app keeps and was cut. */
  truncated: boolean;
}

export interface AppInfo {
  version: string;
  platform: string;
  dataDir: string;
  /** Prefix for a recording's relative path to get a URL the page can play. */
  mediaBaseUrl: string;
  ffmpeg: { available: boolean; path: string | null; source: string | null };
  /** Sessions whose recording was found interrupted and recovered at this start. */
  recoveredSessionIds: string[];
}

export interface Job {
  id: number;
  kind: JobKind;
  sessionId: string;
  recordingId: string;
  status: JobStatus;
  waitReason: WaitReason | null;
  attempts: number;
  maxAttempts: number;
  runAfter: EpochMs;
  /** 0..1 while running; null when unknown. */
  progress: number | null;
  etaMs: number | null;
  /** Why it failed or is being retried, as a sentence. */
  error: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  finishedAt: EpochMs | null;
}

export type MediaFileKind = 'thumbnail' | 'audio' | 'mp4';

export interface MediaFile {
  kind: MediaFileKind;
  /** Relative to the data folder, like Recording.path. */
  path: string;
  mimeType: string;
  bytes: number;
  durationMs: number | null;
}

export interface Pause {
  startMs: number;
  endMs: number;
}

/** A silence at least this long counts as a long pause (the metric and the page's wording). */
export const LONG_PAUSE_MS = 2000;

export interface VoiceMetrics {
  /** null for the whole recording, else the answer it measures. */
  sessionQuestionId: string | null;
  talkMs: number;
  silenceMs: number;
  longPauseCount: number;
  longestPauseMs: number;
  pauses: Pause[];
  integratedLufs: number | null;
  loudnessRangeLu: number | null;
  clippingPercent: number | null;
  /** The rest need a transcript. */
  wordsPerMinute: number | null;
  fillerCount: number | null;
  fillers: Record<string, number> | null;
  responseLatencyMs: number | null;
  answerWords: number | null;
}

export interface TranscriptWord {
  word: string;
  startMs: number;
  endMs: number;
  confidence: number | null;
}

export interface TranscriptSegment {
  id: number;
  startMs: number;
  endMs: number;
  /** What the service heard. */
  text: string;
  /** The user's correction, kept apart from the original. */
  editedText: string | null;
  confidence: number | null;
  words: TranscriptWord[];
}

export interface Transcript {
  language: string | null;
  model: string;
  editedAt: EpochMs | null;
  segments: TranscriptSegment[];
}

export interface Quote {
  text: string;
  startMs: number;
  endMs: number;
}

export interface CriterionRating {
  criterion: string;
  label: string;
  rating: 'met' | 'partly' | 'missing';
  note: string;
}

export interface QuestionEvaluation {
  sessionQuestionId: string;
  score: number;
  feedback: string;
  /** The rubric's criteria for this interview type (STAR for behavioral answers...). */
  criteria: CriterionRating[];
  good: string[];
  missing: string[];
  outline: string[];
  quotes: Quote[];
}

export const SCORE_DIMENSIONS = [
  'communication',
  'technical',
  'problemSolving',
  'confidence',
  'culturalFit',
] as const;
export type ScoreDimension = (typeof SCORE_DIMENSIONS)[number];

export interface Claim {
  text: string;
  quote: Quote | null;
}

export interface Evaluation {
  source: 'ai' | 'reviewer';
  model: string | null;
  overall: number;
  dimensions: Record<ScoreDimension, number>;
  weights: Record<ScoreDimension, number>;
  weightedOverall: number;
  strengths: Claim[];
  improvements: Claim[];
  recommendations: Claim[];
  suggestedDecision: Decision | null;
  summary: string | null;
  questions: QuestionEvaluation[];
  createdAt: EpochMs;
}

/** Seed 002's three statuses of a session's background work, derived from its jobs. */
export type StageStatus = 'pending' | 'running' | 'waiting' | 'done' | 'failed' | 'off';

export interface Processing {
  stages: { recording: StageStatus; processing: StageStatus; analysis: StageStatus };
  jobs: Job[];
  media: MediaFile[];
  voice: VoiceMetrics[];
  transcript: Transcript | null;
  evaluation: Evaluation | null;
}

export interface AiSettings {
  enabled: boolean;
  /** An OpenAI-compatible endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:8080/v1. */
  baseUrl: string;
  transcriptionModel: string;
  scoringModel: string;
}

export type KeepMedia = 'original' | 'mp4' | 'both';

export interface Settings {
  ai: AiSettings;
  keepMedia: KeepMedia;
  /** Sessions older than this many days are deleted automatically; null keeps them. */
  retentionDays: number | null;
}

export interface SettingsView extends Settings {
  /** Whether an API key is stored (the key itself never reaches the page). */
  hasApiKey: boolean;
  /** How the key is protected: the OS keyring, weak obfuscation (Linux without a keyring), or memory only. */
  keyStorage: 'os_keyring' | 'basic_text' | 'memory';
}

/** The reviewer's own judgement of a session (migration 0005); the AI's is in Evaluation. */
export interface Review {
  sessionId: string;
  /** 1 to 5 stars, null until rated. */
  overallRating: number | null;
  /** Stars per dimension, only those rated. */
  scorecard: Partial<Record<ScoreDimension, number>>;
  decision: Decision | null;
  decisionNote: string | null;
  decidedAt: EpochMs | null;
  /** The reviewer hides the AI's scores while rating. */
  blind: boolean;
  createdAt: EpochMs | null;
  updatedAt: EpochMs | null;
}

export interface QuestionRating {
  sessionQuestionId: string;
  sessionId: string;
  rating: number;
  note: string | null;
  updatedAt: EpochMs;
}

export interface ReviewComment {
  id: string;
  sessionId: string;
  /** The question being answered at that moment, if any. */
  sessionQuestionId: string | null;
  /** Where on the recording's timeline; null for a comment on the whole session. */
  offsetMs: number | null;
  body: string;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export interface SessionReview {
  review: Review;
  questionRatings: QuestionRating[];
  /** In timeline order, then creation order. */
  comments: ReviewComment[];
}

/** The operating system's answer for camera or microphone access (macOS asks; others grant). */
export type MediaAccessStatus = 'granted' | 'denied' | 'restricted' | 'not-determined';

export interface MediaAccess {
  camera: MediaAccessStatus;
  microphone: MediaAccessStatus;
  /** Where the user changes it, when the system decides (macOS); null elsewhere. */
  settingsHint: string | null;
}

/** Share (issue 6): what an export wrote. */
export interface ExportOutcome {
  /** false: the user closed the save dialog; nothing was written. */
  saved: boolean;
  fileName: string;
  bytes: number;
  /** Browser mode: where the page downloads the file from; null in Electron (it is where the user chose). */
  downloadUrl: string | null;
  /** What was removed, per session id. */
  redactions: Record<string, { kind: 'trim' | 'answer' }[]>;
}

export interface BundleSummary {
  formatVersion: string;
  appVersion: string;
  sessions: { id: string; candidate: string; jobTitle: string; createdAt: EpochMs; exists: boolean }[];
}

/**
 * A file the OS asked the app to open (double-click, "Open with"): registered as an import
 * source, or refused with a sentence for the user (sourceId null).
 */
export interface OpenRequest {
  id: string;
  /** A session bundle opens the Sessions page's import, a kit the Question sets page's. */
  kind: 'bundle' | 'kit';
  fileName: string;
  sourceId: string | null;
  error: string | null;
}

export interface ImportOutcome {
  imported: string[];
  skipped: string[];
  replaced: string[];
}

export interface ShareProgress {
  operationId: string;
  stage: 'redacting' | 'writing' | 'importing';
  doneBytes: number;
  totalBytes: number;
}
