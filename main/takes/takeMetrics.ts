import type { AnswerTake, TakeMetrics } from '../../shared/domain/types';
import type { FfmpegLocation } from '../media/ffmpegLocator';
import type { StepOptions } from '../media/runFfmpeg';
import { transcriptMetrics, type TimedWord } from '../media/transcriptMetrics';
import { measureVoice } from '../media/voiceMetrics';

// Per-take delivery, computed on demand rather than as a job: the stored voice_metrics keep only
// the long pauses of the whole recording, and talk time needs every silence, so the recording's
// audio is measured again with each take as a window (one ffmpeg pass, about a second a minute of
// audio). Pace, fillers and latency come from the stored transcript's word timings.

/**
 * The closed takes (an unclosed one, left by a crash mid-answer, has no range) in take order.
 * `words` null: no transcript yet, so the transcript figures are null.
 */
export async function measureTakes(
  location: FfmpegLocation,
  audio: string,
  takes: readonly AnswerTake[],
  words: readonly TimedWord[] | null,
  step: StepOptions = {},
): Promise<TakeMetrics[]> {
  const closed = takes
    .filter((t): t is AnswerTake & { endedOffsetMs: number } => t.endedOffsetMs !== null)
    .sort((a, b) => a.takeNumber - b.takeNumber);
  const windows = closed.map((t) => ({ id: t.id, startMs: t.startedOffsetMs, endMs: t.endedOffsetMs }));
  if (windows.length === 0) return [];
  // The first row is the whole recording.
  const [, ...voice] = await measureVoice(location, audio, { ...step, answers: windows });
  const speech = words ? transcriptMetrics({ words, answers: windows }) : null;
  return closed.map((take, i) => {
    const v = voice[i]!;
    const s = speech?.[i];
    return {
      takeId: take.id,
      takeNumber: take.takeNumber,
      startMs: v.startMs,
      endMs: v.endMs,
      talkMs: v.talkMs,
      silenceMs: v.silenceMs,
      pauses: v.pauses,
      longPauseCount: v.longPauseCount,
      longestPauseMs: v.longestPauseMs,
      wordsPerMinute: s ? s.wordsPerMinute : null,
      fillerCount: s ? s.fillerCount : null,
      responseLatencyMs: s ? s.responseLatencyMs : null,
      answerWords: s ? s.answerWords : null,
    };
  });
}
