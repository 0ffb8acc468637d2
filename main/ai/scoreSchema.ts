import { z } from 'zod';
import { DECISIONS } from '../../shared/domain/enums';
import type { Rubric } from './rubrics';

// Two shapes: what the model must reply (strict structured output, rejected when it does not
// fit), and the SessionScore we return after checking every quote and computing the weighted
// score ourselves. The second has no Node imports so it can move to shared/ for the renderer.

const Score = z.number().min(0).max(10);
const Ms = z.number().min(0);

export const QuoteSchema = z.object({ text: z.string(), startMs: Ms, endMs: Ms });
export type Quote = z.infer<typeof QuoteSchema>;

const RATINGS = ['met', 'partly', 'missing'] as const;

/**
 * The reply for one session. Question ids and the rubric's criteria are enums and fixed keys,
 * so the service's strict mode already holds the model to them.
 */
export function replySchema(rubric: Rubric, questionIds: [string, ...string[]]) {
  const questionId = z.enum(questionIds);
  const check = z.object({ rating: z.enum(RATINGS), note: z.string() });
  const claim = z.object({ text: z.string(), questionId, quote: QuoteSchema });
  return z.object({
    questions: z.array(
      z.object({
        questionId,
        score: Score,
        feedback: z.string(),
        criteria: z.object(Object.fromEntries(rubric.criteria.map((c) => [c.id, check]))),
        good: z.array(z.string()),
        missing: z.array(z.string()),
        betterAnswerOutline: z.array(z.string()),
        quotes: z.array(QuoteSchema),
      }),
    ),
    session: z.object({
      overall: Score,
      communication: Score,
      technical: Score,
      problemSolving: Score,
      confidence: Score,
      culturalFit: Score,
      summary: z.string(),
      strengths: z.array(claim),
      improvements: z.array(claim),
      recommendations: z.array(claim),
      suggestedDecision: z.enum(DECISIONS),
    }),
  });
}
export type ScoreReply = z.infer<ReturnType<typeof replySchema>>;

const Dimensions = z.object({
  communication: Score,
  technical: Score,
  problemSolving: Score,
  confidence: Score,
  culturalFit: Score,
});

export const ClaimSchema = z.object({ text: z.string(), questionId: z.string(), quote: QuoteSchema });
export type Claim = z.infer<typeof ClaimSchema>;

export const QuestionScoreSchema = z.object({
  questionId: z.string(),
  score: Score,
  feedback: z.string(),
  criteria: z.array(z.object({ criterion: z.string(), label: z.string(), rating: z.enum(RATINGS), note: z.string() })),
  good: z.array(z.string()),
  missing: z.array(z.string()),
  betterAnswerOutline: z.array(z.string()),
  /** Only quotes found in the answer, with the times of the words they quote. */
  quotes: z.array(QuoteSchema),
});
export type QuestionScore = z.infer<typeof QuestionScoreSchema>;

export const SessionScoreSchema = z.object({
  questions: z.array(QuestionScoreSchema),
  session: Dimensions.extend({
    overall: Score,
    /** Per dimension, from the rubric of the interview type; they sum to 1. */
    weights: z.object({
      communication: z.number(),
      technical: z.number(),
      problemSolving: z.number(),
      confidence: z.number(),
      culturalFit: z.number(),
    }),
    /** Computed by us from the dimensions and the weights, never taken from the model. */
    weightedOverall: Score,
    summary: z.string(),
    strengths: z.array(ClaimSchema),
    improvements: z.array(ClaimSchema),
    recommendations: z.array(ClaimSchema),
    suggestedDecision: z.enum(DECISIONS),
  }),
  /** How many quotes the model gave and how many we dropped because the transcript does not bear them out. */
  evidence: z.object({ quotesChecked: z.number().int(), quotesDropped: z.number().int() }),
});
export type SessionScore = z.infer<typeof SessionScoreSchema>;
