import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnswerTake } from '../../shared/domain/types';
import { tempDir } from '../testing/fixtures';
import { makeSpeechWav, requireFfmpeg, type SpeechSegment } from '../testing/media';
import type { TimedWord } from '../media/transcriptMetrics';
import { measureTakes } from './takeMetrics';

// Two takes of one answer on a real espeak recording, checked against the timeline it was made from.

/** silencedetect finds an edge of espeak speech within this much of where it was put. */
const EDGE_MS = 250;

/** A transcript of a phrase: its words spread evenly over where it is spoken. */
function wordsOf(text: string, segment: SpeechSegment): TimedWord[] {
  const words = text.split(' ');
  const each = (segment.endMs - segment.startMs) / words.length;
  return words.map((word, k) => ({ word, startMs: segment.startMs + k * each, endMs: segment.startMs + (k + 1) * each }));
}

function take(id: string, takeNumber: number, startedOffsetMs: number, endedOffsetMs: number | null): AnswerTake {
  return { id, takeNumber, startedOffsetMs, endedOffsetMs, startedAt: 0, endedAt: null, chosen: takeNumber === 1 };
}

describe('measureTakes', () => {
  it('measures talk, pauses, latency, pace and fillers over each take of a real recording', async () => {
    const location = requireFfmpeg();
    const wav = join(tempDir(), 'takes.wav');
    const first = 'I built a payments service last year';
    const second = 'Um I built a payments service';
    const third = 'and it ran for a year';
    const { durationMs, segments } = makeSpeechWav(wav, [
      { say: first },
      { silenceMs: 3500 },
      { say: second },
      { silenceMs: 800 },
      { say: third },
      { silenceMs: 600 },
    ]);
    const [speech1, gap, speech2, shortGap, speech3, tail] = segments as [
      SpeechSegment, SpeechSegment, SpeechSegment, SpeechSegment, SpeechSegment, SpeechSegment,
    ];
    // The retake starts 2.5 s into the silence: take 1 ends in a 2.5 s pause, take 2 waits 1 s before speaking.
    const cut = gap.startMs + 2500;
    const words = [...wordsOf(first, speech1), ...wordsOf(second, speech2), ...wordsOf(third, speech3)];
    const takes = [take('t2', 2, cut, durationMs), take('t1', 1, 0, cut), take('t3', 3, durationMs, null)];

    const [one, two, ...rest] = await measureTakes(location, wav, takes, words);
    // In take order; the unclosed third take has no range to measure.
    expect(rest).toEqual([]);
    expect([one?.takeId, two?.takeId]).toEqual(['t1', 't2']);
    if (!one || !two) throw new Error('two takes expected');
    expect([one.startMs, one.endMs, two.startMs, two.endMs]).toEqual([0, cut, cut, durationMs]);

    // Take 1: the phrase, then 2.5 s of silence, which is a long pause (over 2 s).
    expect(one.longPauseCount).toBe(1);
    expect(Math.abs(one.longestPauseMs - 2500)).toBeLessThanOrEqual(EDGE_MS);
    expect(Math.abs(one.talkMs - (speech1.endMs - speech1.startMs))).toBeLessThanOrEqual(EDGE_MS);
    expect(one.talkMs + one.silenceMs).toBe(cut);
    expect(one.answerWords).toBe(7);
    expect(one.wordsPerMinute).toBeCloseTo((7 * 60_000) / (speech1.endMs - speech1.startMs), 6);
    expect([one.fillerCount, one.responseLatencyMs]).toEqual([0, 0]);

    // Take 2: 1 s before the first word, 0.8 s between phrases, 0.6 s at the end: no long pause.
    expect(two.longPauseCount).toBe(0);
    expect(two.longestPauseMs).toBe(0);
    const silent = speech2.startMs - cut + (shortGap.endMs - shortGap.startMs) + (tail.endMs - tail.startMs);
    expect(Math.abs(two.silenceMs - silent)).toBeLessThanOrEqual(2 * EDGE_MS);
    expect(two.talkMs + two.silenceMs).toBe(durationMs - cut);
    expect(two.answerWords).toBe(12);
    expect(two.wordsPerMinute).toBeCloseTo((12 * 60_000) / (speech3.endMs - speech2.startMs), 6);
    expect(two.fillerCount).toBe(1); // "Um"
    expect(two.responseLatencyMs).toBeCloseTo(speech2.startMs - cut, 6);
    expect(two.responseLatencyMs).toBeCloseTo(1000, -2);
  });

  it('leaves the transcript figures empty without a transcript, and measures nothing without a closed take', async () => {
    const location = requireFfmpeg();
    const wav = join(tempDir(), 'plain.wav');
    const { durationMs } = makeSpeechWav(wav, [{ say: 'Hello' }, { silenceMs: 2500 }]);
    const [only] = await measureTakes(location, wav, [take('t1', 1, 0, durationMs)], null);
    expect(only).toMatchObject({ takeId: 't1', longPauseCount: 1, wordsPerMinute: null, fillerCount: null, responseLatencyMs: null, answerWords: null });
    expect(await measureTakes(location, wav, [take('t1', 1, 0, null)], null)).toEqual([]);
  });
});
