import { SCORE_DIMENSIONS, type Evaluation, type ScoreDimension, type TakeMetrics, type VoiceMetrics } from './types';

// Two takes on an interview side by side: the figures of each and which one is better. A side
// is anything with these figures: a whole session, or one take of a question.

/** The delivery figures both a session's voice metrics and a take's metrics have. */
export type DeliveryFigures = Pick<VoiceMetrics, 'talkMs' | 'silenceMs' | 'longPauseCount' | 'wordsPerMinute' | 'fillerCount' | 'responseLatencyMs'>;

export interface CompareFigures {
  evaluation: Evaluation | null;
  /** The whole-interview (or whole-take) delivery metrics. */
  voice: DeliveryFigures | null;
  /** The reviewer's overall stars. */
  reviewerRating: number | null;
  /** How long the side runs, when that is part of the comparison (a take's length). */
  lengthMs?: number | null;
}

export type MetricUnit = 'score' | 'stars' | 'duration' | 'percent' | 'wpm' | 'perMinute' | 'count';

export interface MetricRow {
  id:
    | 'overall'
    | 'weighted'
    | ScoreDimension
    | 'reviewer'
    | 'length'
    | 'talkTime'
    | 'talkShare'
    | 'pace'
    | 'fillers'
    | 'longPauses'
    | 'latency';
  value: [number | null, number | null];
  /** B − A; null when a side has no figure. */
  difference: number | null;
  unit: MetricUnit;
  /** Which side is better; null when not comparable or when "more" is neither better nor worse. */
  better: 0 | 1 | 'same' | null;
}

/** A conversational pace most coaches aim for; inside it, neither side is better. */
export const PACE_RANGE_WPM = [120, 160] as const;

type Rule = 'higher' | 'lower' | 'pace' | 'neutral';

function betterOf([a, b]: [number | null, number | null], rule: Rule): MetricRow['better'] {
  if (a === null || b === null || rule === 'neutral') return null;
  const cost = (v: number) => {
    if (rule === 'higher') return -v;
    if (rule === 'lower') return v;
    const [low, high] = PACE_RANGE_WPM;
    return v < low ? low - v : v > high ? v - high : 0;
  };
  const [ca, cb] = [cost(a), cost(b)];
  // Differences smaller than display rounding are the same.
  if (Math.abs(ca - cb) < 1e-6) return 'same';
  return ca < cb ? 0 : 1;
}

/** The share of the measured time spent talking; null when nothing was measured. */
export function talkShare(v: Pick<DeliveryFigures, 'talkMs' | 'silenceMs'>): number | null {
  const total = v.talkMs + v.silenceMs;
  return total > 0 ? v.talkMs / total : null;
}
const fillersPerMinute = (v: DeliveryFigures) => (v.fillerCount === null || v.talkMs <= 0 ? null : v.fillerCount / (v.talkMs / 60_000));

/** The rows of the comparison, in display order; a row neither side has is left out. */
export function compareFigures(a: CompareFigures, b: CompareFigures): MetricRow[] {
  const row = (id: MetricRow['id'], unit: MetricUnit, rule: Rule, get: (f: CompareFigures) => number | null): MetricRow => {
    const value: [number | null, number | null] = [get(a), get(b)];
    const difference = value[0] === null || value[1] === null ? null : value[1] - value[0];
    return { id, unit, value, difference, better: betterOf(value, rule) };
  };
  const voice = (get: (v: DeliveryFigures) => number | null) => (f: CompareFigures) => (f.voice ? get(f.voice) : null);
  const rows = [
    row('overall', 'score', 'higher', (f) => f.evaluation?.overall ?? null),
    row('weighted', 'score', 'higher', (f) => f.evaluation?.weightedOverall ?? null),
    ...SCORE_DIMENSIONS.map((d) => row(d, 'score', 'higher', (f) => f.evaluation?.dimensions[d] ?? null)),
    row('reviewer', 'stars', 'higher', (f) => f.reviewerRating),
    row('length', 'duration', 'neutral', (f) => f.lengthMs ?? null),
    row('talkTime', 'duration', 'neutral', voice((v) => v.talkMs)),
    row('talkShare', 'percent', 'higher', voice(talkShare)),
    row('pace', 'wpm', 'pace', voice((v) => v.wordsPerMinute)),
    row('fillers', 'perMinute', 'lower', voice(fillersPerMinute)),
    row('longPauses', 'count', 'lower', voice((v) => v.longPauseCount)),
    row('latency', 'duration', 'lower', voice((v) => v.responseLatencyMs)),
  ];
  return rows.filter((r) => r.value[0] !== null || r.value[1] !== null);
}

/** A take's figures: its delivery once measured (null before, or for a take that was cut off). */
export function takeFigures(metrics: TakeMetrics | null): CompareFigures {
  return { evaluation: null, voice: metrics, reviewerRating: null, lengthMs: metrics ? metrics.endMs - metrics.startMs : null };
}
