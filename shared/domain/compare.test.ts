import { describe, expect, it } from 'vitest';
import { compareFigures, type CompareFigures } from './compare';
import type { Evaluation, VoiceMetrics } from './types';

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
    expect(rows.latency).toMatchObject({ value: [1500, 2500], better: 0 });
  });

  it('both paces inside the range are as good; rows neither side has are left out', () => {
    const a: CompareFigures = { evaluation: null, voice: voice({ wordsPerMinute: 125, fillerCount: null }), reviewerRating: null };
    const b: CompareFigures = { evaluation: null, voice: voice({ wordsPerMinute: 155, fillerCount: null }), reviewerRating: null };
    const rows = compareFigures(a, b);
    expect(rows.find((r) => r.id === 'pace')?.better).toBe('same');
    expect(rows.map((r) => r.id)).toEqual(['talkTime', 'talkShare', 'pace', 'longPauses', 'latency']);
  });
});
