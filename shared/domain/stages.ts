import type { JobKind } from './enums';
import type { Job, Processing, Recording, StageStatus } from './types';

export const PROCESSING_KINDS: readonly JobKind[] = ['thumbnail', 'extract_audio', 'voice_metrics', 'transcode_mp4'];
export const ANALYSIS_KINDS: readonly JobKind[] = ['transcribe', 'score'];

/** One status for a group of jobs: the most urgent state among them wins. */
export function stageOf(jobs: readonly Job[]): StageStatus {
  if (jobs.length === 0) return 'pending';
  if (jobs.some((j) => j.status === 'failed')) return 'failed';
  if (jobs.some((j) => j.status === 'running')) return 'running';
  if (jobs.some((j) => j.status === 'waiting')) return 'waiting';
  if (jobs.some((j) => j.status === 'queued')) return 'pending';
  // Only succeeded and cancelled remain; all cancelled means nothing was done.
  return jobs.some((j) => j.status === 'succeeded') ? 'done' : 'failed';
}

function recordingStage(recording: Recording | null): StageStatus {
  switch (recording?.status) {
    case undefined:
      return 'pending';
    case 'recording':
      return 'running';
    case 'finalized':
      return 'done';
    case 'failed':
      return 'failed';
    case 'recorded':
    case 'interrupted':
      return 'waiting';
  }
}

export function stagesOf(recording: Recording | null, jobs: readonly Job[], aiEnabled: boolean): Processing['stages'] {
  const analysisJobs = jobs.filter((j) => ANALYSIS_KINDS.includes(j.kind));
  const analysis = stageOf(analysisJobs);
  return {
    recording: recordingStage(recording),
    processing: stageOf(jobs.filter((j) => PROCESSING_KINDS.includes(j.kind))),
    analysis: !aiEnabled && analysis !== 'done' ? 'off' : analysis,
  };
}
