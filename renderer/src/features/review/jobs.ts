import { JOB_KINDS, type JobKind } from '../../../../shared/domain/enums';
import { ANALYSIS_KINDS } from '../../../../shared/domain/stages';
import type { Job, Processing, StageStatus } from '../../../../shared/domain/types';
import { formatTime } from '../../lib/format';

export const JOB_LABELS: Record<JobKind, string> = {
  thumbnail: 'Poster frame',
  extract_audio: 'Audio for transcription',
  voice_metrics: 'Delivery metrics',
  transcode_mp4: 'MP4 for sharing',
  transcribe: 'Transcript',
  score: 'AI scores',
};

export const STAGE_LABELS: Record<StageStatus, string> = {
  pending: 'Pending',
  running: 'In progress',
  waiting: 'Waiting',
  done: 'Done',
  failed: 'Failed',
  off: 'Off',
};

/** A job's state as the user sees it: a queued job that already failed once is "retrying". */
export type JobState = Job['status'] | 'retrying';

export const JOB_STATE_LABELS: Record<JobState, string> = {
  queued: 'Queued',
  running: 'Running',
  waiting: 'Waiting',
  succeeded: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  retrying: 'Retrying',
};

export function jobState(job: Job): JobState {
  return job.status === 'queued' && job.error !== null && job.attempts > 0 ? 'retrying' : job.status;
}

/** The newest job of each kind, in pipeline order; older runs (before a retry or re-score) are history. */
export function latestJobs(jobs: readonly Job[]): Job[] {
  const latest = new Map<JobKind, Job>();
  for (const job of jobs) {
    const seen = latest.get(job.kind);
    if (!seen || job.id > seen.id) latest.set(job.kind, job);
  }
  return JOB_KINDS.flatMap((kind) => latest.get(kind) ?? []);
}

export function latestJob(processing: Processing | null, kind: JobKind): Job | null {
  return latestJobs(processing?.jobs ?? []).find((j) => j.kind === kind) ?? null;
}

export interface JobExplanation {
  /** One sentence saying what is happening. */
  text: string;
  /** A second, quieter sentence, e.g. when the next attempt is due. */
  detail: string | null;
  tone: 'muted' | 'info' | 'warning' | 'error';
  /** Where the user can fix it, if anywhere in the app. */
  settingsLink: boolean;
}

/** Why a job is not done yet, in words. `aiOff`: the analysis stage is switched off. */
export function explainJob(job: Job, aiOff: boolean): JobExplanation {
  const state = jobState(job);
  switch (state) {
    case 'queued':
      return { text: 'Waiting for its turn.', detail: null, tone: 'muted', settingsLink: false };
    case 'running':
      return { text: 'Working on it…', detail: null, tone: 'muted', settingsLink: false };
    case 'succeeded':
      return { text: 'Done.', detail: null, tone: 'muted', settingsLink: false };
    case 'cancelled':
      return { text: 'Cancelled.', detail: null, tone: 'muted', settingsLink: false };
    case 'failed':
      // An AI step fails for good on a refused key, a missing model or an exhausted account.
      return { text: job.error ?? 'This step failed.', detail: null, tone: 'error', settingsLink: ANALYSIS_KINDS.includes(job.kind) };
    case 'retrying':
      return {
        text: job.error ?? 'This step did not finish.',
        detail: `Trying again at ${formatTime(job.runAfter)} (attempt ${job.attempts + 1} of ${job.maxAttempts}).`,
        tone: 'warning',
        settingsLink: false,
      };
    case 'waiting':
      switch (job.waitReason) {
        case 'ai_settings':
          return aiOff
            ? {
                text: 'AI analysis is turned off.',
                detail: 'Turn it on in Settings to get a transcript and scores.',
                tone: 'info',
                settingsLink: true,
              }
            : {
                text: 'Waiting for AI settings.',
                detail: 'Add an endpoint (and a key, unless it is a local server) in Settings; it continues by itself.',
                tone: 'info',
                settingsLink: true,
              };
        case 'network':
          return {
            text: 'Waiting for the network.',
            detail: 'It continues by itself when the AI service can be reached again.',
            tone: 'info',
            settingsLink: false,
          };
        case 'ffmpeg':
          return {
            text: 'ffmpeg was not found.',
            detail: 'Install ffmpeg; this step continues by itself once the app finds it.',
            tone: 'warning',
            settingsLink: false,
          };
        case null:
          return { text: job.error ?? 'Waiting.', detail: null, tone: 'info', settingsLink: false };
      }
  }
}

export const canRetry = (job: Job) => job.status === 'failed' || job.status === 'cancelled';
export const canCancel = (job: Job) => job.status === 'queued' || job.status === 'running';
