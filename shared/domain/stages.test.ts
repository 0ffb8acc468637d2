import { describe, expect, it } from 'vitest';
import type { JobKind, JobStatus } from './enums';
import { stageOf, stagesOf } from './stages';
import type { Job, Recording } from './types';

const job = (kind: JobKind, status: JobStatus): Job => ({
  id: 1, kind, sessionId: 's', recordingId: 'r', status, waitReason: status === 'waiting' ? 'ai_settings' : null,
  attempts: 0, maxAttempts: 3, runAfter: 0, progress: null, etaMs: null, error: null, createdAt: 0, updatedAt: 0, finishedAt: null,
});

describe('stages', () => {
  it('picks the most urgent state of a group', () => {
    expect(stageOf([])).toBe('pending');
    expect(stageOf([job('thumbnail', 'succeeded'), job('extract_audio', 'succeeded')])).toBe('done');
    expect(stageOf([job('thumbnail', 'succeeded'), job('extract_audio', 'queued')])).toBe('pending');
    expect(stageOf([job('thumbnail', 'waiting'), job('extract_audio', 'queued')])).toBe('waiting');
    expect(stageOf([job('thumbnail', 'waiting'), job('extract_audio', 'running')])).toBe('running');
    expect(stageOf([job('thumbnail', 'failed'), job('extract_audio', 'running')])).toBe('failed');
    expect(stageOf([job('thumbnail', 'cancelled')])).toBe('failed');
  });

  it('splits processing from AI analysis and shows analysis off when AI is', () => {
    const rec = { status: 'finalized' } as Recording;
    const jobs = [job('thumbnail', 'succeeded'), job('transcode_mp4', 'running'), job('transcribe', 'waiting')];
    expect(stagesOf(rec, jobs, true)).toEqual({ recording: 'done', processing: 'running', analysis: 'waiting' });
    expect(stagesOf(rec, jobs, false)).toEqual({ recording: 'done', processing: 'running', analysis: 'off' });
    expect(stagesOf(null, [], true)).toEqual({ recording: 'pending', processing: 'pending', analysis: 'pending' });
    expect(stagesOf({ status: 'recording' } as Recording, [], true).recording).toBe('running');
  });
});
