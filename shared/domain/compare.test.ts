import { describe, expect, it } from 'vitest';
import { compareFigures, takeFigures, type CompareFigures } from './compare';
import type { Evaluation, TakeMetrics, VoiceMetrics } from './types';

const voice = (overrides: Partial<VoiceMetrics>): VoiceMetrics => ({
  sessionQuestionId: null,
  talkMs: 60_000,
  silenceMs: 60_000,
  longPauseCount: 2,
  longestPauseMs: 3000,
  pauses: [],
  integratedLufs: -18,
  loudnessRangeLu: 5,
  clippingPercent: 0,
  wordsPerMinute: 140,
  fillerCount: 6,
  fillers: { um: 6 },
  responseLatencyMs: 1500,
  answerWords: 140,
  ...overrides,
});

const evaluation = (overall: number, communication: number): Evaluation => ({
  source: 'ai',
  model: 'm',
  overall,
  dimensions: { communication, technical: 5, problemSolving: 5, confidence: 5, culturalFit: 5 },
  weights: { communication: 0.2, technical: 0.2, problemSolving: 0.2, confidence: 0.2, culturalFit: 0.2 },
  weightedOverall: overall,
  strengths: [],
  improvements: [],
  recommendations: [],
  suggestedDecision: null,
  summary: null,
  questions: [],
  createdAt: 0,
});

describe('compareFigures', () => {
  it('marks the better side by each metric’s own direction', () => {
    const a: CompareFigures = { evaluation: evaluation(6, 8), voice: voice({}), reviewerRating: 3 };
    // Half the silence, faster than the range, 3 fillers in 2 minutes of talk, one pause, slower start.
    const b: CompareFigures = {
      evaluation: evaluation(7.5, 6),
      voice: voice({ talkMs: 120_000, silenceMs: 30_000, wordsPerMinute: 175, fillerCount: 3, longPauseCount: 1, responseLatencyMs: 2500 }),
      reviewerRating: null,
    };
    const rows = Object.fromEntries(compareFigures(a, b).map((r) => [r.id, r]));
    expect(rows.overall).toMatchObject({ value: [6, 7.5], better: 1 });
    expect(rows.communication).toMatchObject({ value: [8, 6], better: 0 });
    expect(rows.technical).toMatchObject({ value: [5, 5], better: 'same' });
    expect(rows.reviewer).toMatchObject({ value: [3, null], better: null });
    expect(rows.talkTime).toMatchObject({ value: [60_000, 120_000], better: null });
    expect(rows.talkShare).toMatchObject({ value: [0.5, 0.8], better: 1 });
    // 140 is inside 120-160, 175 is 15 over it.
    expect(rows.pace).toMatchObject({ value: [140, 175], better: 0 });
    // 6 per minute against 1.5 per minute.
    expect(rows.fillers).toMatchObject({ value: [6, 1.5], better: 1 });
    expect(rows.longPauses).toMatchObject({ value: [2, 1], better: 1 });
    expect(rows.latency).toMatchObject({ value: [1500, 2500], difference: 1000, better: 0 });
    // A session has no length row: its duration is in the side's header.
    expect(rows.length).toBeUndefined();
  });

  it('both paces inside the range are as good; rows neither side has are left out', () => {
    const a: CompareFigures = { evaluation: null, voice: voice({ wordsPerMinute: 125, fillerCount: null }), reviewerRating: null };
    const b: CompareFigures = { evaluation: null, voice: voice({ wordsPerMinute: 155, fillerCount: null }), reviewerRating: null };
    const rows = compareFigures(a, b);
    expect(rows.find((r) => r.id === 'pace')?.better).toBe('same');
    expect(rows.map((r) => r.id)).toEqual(['talkTime', 'talkShare', 'pace', 'longPauses', 'latency']);
  });

  it('takes: the length and the differences B − A, the better take by each metric', () => {
    // Take 1: 20 s, 12 s of talk, 2 long pauses, 175 wpm, 3 fillers, 2 s to the first word.
    const one = takeFigures(take({ startMs: 10_000, endMs: 30_000, talkMs: 12_000, silenceMs: 8000, longPauseCount: 2, wordsPerMinute: 175, fillerCount: 3, responseLatencyMs: 2000 }));
    // Take 2: 30 s, 24 s of talk, no long pause, 150 wpm, 2 fillers, 0.5 s to the first word.
    const two = takeFigures(take({ startMs: 31_000, endMs: 61_000, talkMs: 24_000, silenceMs: 6000, longPauseCount: 0, wordsPerMinute: 150, fillerCount: 2, responseLatencyMs: 500 }));
    const rows = compareFigures(one, two);
    // No scores or ratings for a take: only its delivery.
    expect(rows.map((r) => r.id)).toEqual(['length', 'talkTime', 'talkShare', 'pace', 'fillers', 'longPauses', 'latency']);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId.length).toMatchObject({ value: [20_000, 30_000], difference: 10_000, better: null, unit: 'duration' });
    expect(byId.talkTime).toMatchObject({ value: [12_000, 24_000], difference: 12_000, better: null });
    expect(byId.talkShare).toMatchObject({ value: [0.6, 0.8], better: 1 });
    expect(byId.talkShare?.difference).toBeCloseTo(0.2, 9);
    expect(byId.pace).toMatchObject({ value: [175, 150], difference: -25, better: 1 });
    // 3 in 12 s of talk is 15 a minute; 2 in 24 s is 5 a minute.
    expect(byId.fillers).toMatchObject({ value: [15, 5], difference: -10, better: 1 });
    expect(byId.longPauses).toMatchObject({ value: [2, 0], difference: -2, better: 1 });
    expect(byId.latency).toMatchObject({ value: [2000, 500], difference: -1500, better: 1 });
    // The other way round, the other side is better and the differences change sign.
    const swapped = Object.fromEntries(compareFigures(two, one).map((r) => [r.id, r]));
    expect(swapped.latency).toMatchObject({ difference: 1500, better: 0 });
    expect(swapped.pace).toMatchObject({ difference: 25, better: 0 });
  });

  it('takes: figures missing on one side are shown for the other, with no difference and no winner', () => {
    // Without a transcript a take has no pace, fillers or latency; a take cut off by a crash has no figures at all.
    const measured = takeFigures(take({ wordsPerMinute: null, fillerCount: null, responseLatencyMs: null, answerWords: null }));
    const cutOff = takeFigures(null);
    const rows = compareFigures(measured, cutOff);
    expect(rows.map((r) => r.id)).toEqual(['length', 'talkTime', 'talkShare', 'longPauses']);
    for (const row of rows) {
      expect(row.value[1]).toBeNull();
      expect(row.difference).toBeNull();
      expect(row.better).toBeNull();
    }
    expect(rows[0]?.value[0]).toBe(20_000);
    // Two takes without a transcript: the transcript rows are left out, the rest compared.
    const other = takeFigures(take({ talkMs: 10_000, silenceMs: 10_000, longPauseCount: 1, wordsPerMinute: null, fillerCount: null, responseLatencyMs: null }));
    const both = compareFigures(measured, other);
    expect(both.map((r) => [r.id, r.better])).toEqual([
      ['length', null],
      ['talkTime', null],
      ['talkShare', 0],
      ['longPauses', 'same'],
    ]);
  });
});

function take(overrides: Partial<TakeMetrics>): TakeMetrics {
  return {
    takeId: 't',
    takeNumber: 1,
    startMs: 0,
    endMs: 20_000,
    talkMs: 14_000,
    silenceMs: 6000,
    pauses: [],
    longPauseCount: 1,
    longestPauseMs: 2500,
    wordsPerMinute: 140,
    fillerCount: 1,
    responseLatencyMs: 800,
    answerWords: 33,
    ...overrides,
  };
}
