// Every status and kind the database CHECK-constrains lives here, so main, renderer and the SQL
// agree on one list (migrations copy these values; a test compares them).

export const INTERVIEW_TYPES = [
  'behavioral',
  'technical',
  'system_design',
  'hr',
  'visa_f1',
  'visa_b2',
  'visa_h1b',
  'custom',
] as const;
export type InterviewType = (typeof INTERVIEW_TYPES)[number];

export const INTERVIEW_TYPE_LABELS: Record<InterviewType, string> = {
  behavioral: 'Behavioral',
  technical: 'Technical',
  system_design: 'System design',
  hr: 'HR',
  visa_f1: 'Visa: F-1 student',
  visa_b2: 'Visa: B-2 visitor',
  visa_h1b: 'Visa: H-1B worker',
  custom: 'Custom',
};

export const SESSION_MODES = ['practice', 'assessment'] as const;
export type SessionMode = (typeof SESSION_MODES)[number];
export const MODE_LABELS: Record<SessionMode, string> = {
  practice: 'Practice',
  assessment: 'Assessment',
};

export const SESSION_STATUSES = ['in_progress', 'completed', 'cancelled', 'interrupted'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const RECORDING_STATUSES = [
  'recording',
  'recorded',
  'interrupted',
  'finalized',
  'failed',
] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

export const EXPERIENCE_LEVELS = ['intern', 'entry', 'mid', 'senior', 'lead', 'executive'] as const;
export type ExperienceLevel = (typeof EXPERIENCE_LEVELS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/**
 * What the interview room reports about a question, in the order they normally happen. Each
 * answerStarted begins a new take (a retake when one exists); answerEnded ends the open take.
 */
export const QUESTION_MARKS = ['asked', 'thinkStarted', 'answerStarted', 'answerEnded', 'skipped'] as const;
export type QuestionMark = (typeof QUESTION_MARKS)[number];

export const SESSION_EVENT_KINDS = [
  'log',
  'technical_issue',
  'device',
  'disk',
  'recovered',
] as const;
export type SessionEventKind = (typeof SESSION_EVENT_KINDS)[number];

export const EVENT_LEVELS = ['info', 'warning', 'error'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

/** Background steps per recording, in pipeline order. */
export const JOB_KINDS = [
  'thumbnail',
  'extract_audio',
  'voice_metrics',
  'transcode_mp4',
  'transcribe',
  'score',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What a waiting job needs before it can go on. */
export const WAIT_REASONS = ['ai_settings', 'network', 'ffmpeg'] as const;
export type WaitReason = (typeof WAIT_REASONS)[number];

export const DECISIONS = ['passed', 'failed', 'needs_review'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Fails to compile when a switch misses a case, and throws if one slips through at run time. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}
