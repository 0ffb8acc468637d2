import { join } from 'node:path';
import { AppError } from '../../shared/ipc/result';
import type { Handlers } from '../ipc/handlers';
import type { FfmpegLocation } from '../media/ffmpegLocator';
import type { ProcessingRepository } from '../repositories/processing';
import type { RecordingsRepository } from '../repositories/recordings';
import type { SessionsRepository } from '../repositories/sessions';
import { measureTakes } from './takeMetrics';

type TakeChannel = Extract<keyof Handlers, `takes:${string}`>;

export interface TakeDeps {
  sessions: SessionsRepository;
  recordings: RecordingsRepository;
  processing: ProcessingRepository;
  dataDir: string;
  ffmpeg: () => FfmpegLocation | null;
}

/** The takes calls: metrics measured when asked, from the stored audio and transcript. */
export function takeHandlers(deps: TakeDeps): Pick<Handlers, TakeChannel> {
  return {
    'takes:metrics': async ({ sessionQuestionId }) => {
      const sessionId = await deps.sessions.sessionIdOfQuestion(sessionQuestionId);
      const question = (await deps.sessions.questions(sessionId)).find((q) => q.id === sessionQuestionId);
      const recording = await deps.recordings.latestForSession(sessionId);
      if (!question || !recording || recording.status !== 'finalized') {
        throw new AppError('conflict', 'This interview has no finished recording to measure the takes on.');
      }
      const location = deps.ffmpeg();
      if (!location) throw new AppError('ffmpeg/missing', 'Measuring takes needs ffmpeg, which was not found.');
      // The extracted audio is smaller to decode; before that step has run, the recording itself.
      const source = deps.processing.mediaFile(recording.id, 'audio')?.path ?? recording.path;
      const words = deps.processing.transcript(recording.id)?.segments.flatMap((s) => s.words) ?? null;
      return measureTakes(location, join(deps.dataDir, ...source.split('/')), question.takes, words);
    },
  };
}
