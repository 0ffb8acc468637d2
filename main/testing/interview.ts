import type { App } from '../app/createApp';
import type { Processing } from '../../shared/domain/types';
import type { CallInput } from '../../shared/ipc/contract';
import { call } from './call';

// Interviews made through the IPC calls the room makes, for tests that need real sessions and
// recordings in the database (no test-runner imports).

/** A behavioral practice session, for the app's own candidate unless `overrides` say otherwise. */
export async function newSession(app: App, overrides: Partial<CallInput<'sessions:create'>> = {}) {
  const candidateId = overrides.candidateId ?? (await call(app, 'candidates:ensureSelf', undefined)).id;
  return call(app, 'sessions:create', {
    candidateId,
    interviewType: 'behavioral',
    mode: 'practice',
    jobTitle: 'Engineer',
    questionSetId: 'behavioral',
    avatar: 'ava',
    avatarSettings: { voiceName: null, rate: 1, captions: true, speech: false },
    environment: { userAgent: 'test', camera: 'cam', microphone: 'mic', resolution: '320x240' },
    ...overrides,
  });
}

/** Where one question was asked and answered, in ms on the recording's timeline. */
export interface QuestionMarks {
  asked: number;
  start: number;
  end: number;
}

const CHUNK = 64 * 1024;

/**
 * Records `source` (a live WebM's bytes) in a new session, marks its first questions at these
 * offsets and finishes the session, which finalizes the recording and enqueues its jobs.
 * Returns the session, all its questions, the ones marked, and the finalized recording.
 */
export async function recordInterview(
  app: App,
  source: Buffer,
  marks: readonly QuestionMarks[],
  sessionInput: Partial<CallInput<'sessions:create'>> = {},
) {
  const { session, questions } = await newSession(app, sessionInput);
  const recording = await call(app, 'recording:start', { sessionId: session.id, mimeType: 'video/webm;codecs=vp8,opus', width: 320, height: 240 });
  for (let seq = 0; seq * CHUNK < source.length; seq++) {
    await call(app, 'recording:appendChunk', { recordingId: recording.id, seq, bytes: new Uint8Array(source.subarray(seq * CHUNK, (seq + 1) * CHUNK)) });
  }
  for (const [i, m] of marks.entries()) {
    const sessionQuestionId = questions[i]!.id;
    await call(app, 'questions:mark', { sessionQuestionId, mark: 'asked', offsetMs: m.asked });
    await call(app, 'questions:mark', { sessionQuestionId, mark: 'answerStarted', offsetMs: m.start });
    await call(app, 'questions:mark', { sessionQuestionId, mark: 'answerEnded', offsetMs: m.end });
  }
  const { recording: finalized } = await call(app, 'sessions:finish', { sessionId: session.id, status: 'completed' });
  if (finalized?.status !== 'finalized') throw new Error(`the recording was not finalized: ${finalized?.error ?? 'no recording'}`);
  return { session, questions, marked: questions.slice(0, marks.length), recording: finalized };
}

/** Polls the session's processing until `ready`; a failed job ends the wait at once. */
export async function processingWhen(app: App, sessionId: string, ready: (p: Processing) => boolean, timeoutMs = 90_000): Promise<Processing> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const p = await call(app, 'processing:get', { sessionId });
    if (ready(p)) return p;
    const state = p.jobs.map((j) => `${j.kind}=${j.status}${j.error ? ` (${j.error})` : ''}`).join(', ');
    if (p.jobs.some((j) => j.status === 'failed') || Date.now() > deadline) throw new Error(`processing did not get there: ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
