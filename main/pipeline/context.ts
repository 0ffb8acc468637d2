import type BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import type { Recording, SessionQuestion } from '../../shared/domain/types';
import type { FfmpegLocation } from '../media/ffmpegLocator';
import type { EventHub } from '../ipc/eventHub';
import type { JobStore, Tx } from '../jobs/jobStore';
import type { Logger } from '../log';
import type { ProcessingRepository } from '../repositories/processing';
import type { RecordingsRepository } from '../repositories/recordings';
import type { SessionsRepository } from '../repositories/sessions';
import type { SettingsService } from '../settings/SettingsService';

/** What the pipeline's job handlers share. */
export interface PipelineDeps {
  dataDir: string;
  raw: BetterSqlite3.Database;
  store: JobStore;
  processing: ProcessingRepository;
  recordings: RecordingsRepository;
  sessions: SessionsRepository;
  settings: SettingsService;
  ffmpeg: () => FfmpegLocation | null;
  hub: EventHub;
  log: Logger;
}

export const abs = (deps: PipelineDeps, rel: string): string => join(deps.dataDir, ...rel.split('/'));

/** A derived file's path beside the recording: recordings/<session>/<recording>.<suffix>. */
export const derivedPath = (recording: Recording, suffix: string): string =>
  `recordings/${recording.sessionId}/${recording.id}.${suffix}`;

/** Answer windows on the recording timeline, for per-answer metrics and scoring. */
export function answerWindows(questions: SessionQuestion[]): { id: string; startMs: number; endMs: number }[] {
  return questions
    .filter((q) => q.answerStartedOffsetMs !== null && q.answerEndedOffsetMs !== null)
    .map((q) => ({ id: q.id, startMs: q.answerStartedOffsetMs!, endMs: q.answerEndedOffsetMs! }));
}

/** Scratch files of running steps (audio pieces), inside the data folder so start-up can clear what a crash left. */
export const TEMP_DIR = 'tmp';

export const MAX_ATTEMPTS = { ffmpeg: 3, ai: 6 } as const;

export function enqueue(deps: PipelineDeps, tx: Tx, recording: Recording, kind: Parameters<JobStore['enqueue']>[1]['kind'], group: keyof typeof MAX_ATTEMPTS): void {
  deps.store.enqueue(tx, { kind, sessionId: recording.sessionId, recordingId: recording.id, maxAttempts: MAX_ATTEMPTS[group] });
}
