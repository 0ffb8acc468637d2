import type { InterviewType } from '../../shared/domain/enums';
import { rubricFor } from '../ai/rubrics';
import type { ScoreReply } from '../ai/scoreSchema';

// Score replies a model could give, for the loopback OpenAI server (no test-runner imports, so
// e2e and the kill test's worker can use them too).

type ReplyQuote = ScoreReply['questions'][number]['quotes'][number];

/** Every criterion of the interview type's rubric, rated "partly". */
export const criteriaFor = (interviewType: InterviewType) =>
  Object.fromEntries(rubricFor(interviewType).criteria.map((c) => [c.id, { rating: 'partly' as const, note: `${c.label} in part.` }]));

export function questionReply(interviewType: InterviewType, questionId: string, score: number, quotes: ReplyQuote[]): ScoreReply['questions'][number] {
  return {
    questionId,
    score,
    feedback: 'A clear story; say more about the outcome.',
    criteria: criteriaFor(interviewType),
    good: ['Specific situation'],
    missing: ['Measurable result'],
    betterAnswerOutline: ['Situation', 'Task', 'Action', 'Result with numbers'],
    quotes,
  };
}

export function claim(text: string, questionId: string, quote: ReplyQuote) {
  return { text, questionId, quote };
}

/**
 * A passing reply for these answers: each answered question scores 7 and quotes `quote` (words
 * the candidate said in it; times are the model's rough guess, which scoring corrects), the
 * first answer backs every session-level claim.
 */
export function scoreReplyFor(
  interviewType: InterviewType,
  answers: { questionId: string; quote: string | null }[],
): ScoreReply {
  const quoteOf = (text: string): ReplyQuote => ({ text, startMs: 0, endMs: 0 });
  const first = answers.find((a) => a.quote !== null);
  const claims = (text: string) => (first ? [claim(text, first.questionId, quoteOf(first.quote!))] : []);
  return {
    questions: answers.map((a) => questionReply(interviewType, a.questionId, a.quote ? 7 : 0, a.quote ? [quoteOf(a.quote)] : [])),
    session: {
      overall: 7,
      communication: 7.5,
      technical: 6,
      problemSolving: 7,
      confidence: 6.5,
      culturalFit: 8,
      summary: 'Clear answers; give more measurable results.',
      strengths: claims('Speaks clearly'),
      improvements: claims('Quantify results'),
      recommendations: claims('End each story with the result'),
      suggestedDecision: 'passed',
    },
  };
}
