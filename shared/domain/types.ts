import type {
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
  status: SessionStatus;
  startedAt: EpochMs | null;
  endedAt: EpochMs | null;
  durationMs: number | null;
  completedAt: EpochMs | null;
  avatar: string;
  avatarSettings: AvatarSettings;
  environment: SessionEnvironment | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
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
  retakeCount: number;
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
}

export interface QuestionTemplate {
  text: string;
  category: string;
  difficulty: Difficulty;
  /** What a strong answer mentions. */
  keywords: string[];
  /**
   * What the interviewer looks for in an answer, in a sentence or two. Built-in sets carry it;
   * sessions (session_questions) and custom sets do not store it yet.
   */
  lookFor?: string;
}

export interface QuestionSet {
  id: string;
  name: string;
  interviewType: InterviewType;
  description: string;
  questions: QuestionTemplate[];
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
  suggestedDecision: 'passed' | 'failed' | 'needs_review' | null;
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
}

export interface SettingsView extends Settings {
  /** Whether an API key is stored (the key itself never reaches the page). */
  hasApiKey: boolean;
  /** How the key is protected: the OS keyring, weak obfuscation (Linux without a keyring), or memory only. */
  keyStorage: 'os_keyring' | 'basic_text' | 'memory';
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
