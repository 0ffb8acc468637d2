import type { Evaluation, ScoreDimension } from '../../../../shared/domain/types';

export const DIMENSION_LABELS: Record<ScoreDimension, string> = {
  communication: 'Communication',
  technical: 'Technical',
  problemSolving: 'Problem solving',
  confidence: 'Confidence',
  culturalFit: 'Cultural fit',
};

export const DECISION_LABELS: Record<NonNullable<Evaluation['suggestedDecision']>, string> = {
  passed: 'Suggests: pass',
  failed: 'Suggests: do not pass',
  needs_review: 'Suggests: needs review',
};

/** 7.25 → "7.3"; whole numbers stay whole. */
export const formatScore = (score: number) => (Number.isInteger(score) ? String(score) : score.toFixed(1));

export function scoreTone(score: number): 'good' | 'fair' | 'poor' {
  return score >= 7 ? 'good' : score >= 5 ? 'fair' : 'poor';
}
