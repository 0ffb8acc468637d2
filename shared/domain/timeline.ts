// Where questions sit on a recording's timeline: the review player and the reviewer's comments use the same rules.

import type { SessionQuestion } from './types';

/** Questions that were asked, in timeline order; never-asked ones have no place on the video. */
export function askedQuestions(questions: SessionQuestion[]): (SessionQuestion & { askedOffsetMs: number })[] {
  return questions
    .filter((q): q is SessionQuestion & { askedOffsetMs: number } => q.askedOffsetMs !== null)
    .sort((a, b) => a.askedOffsetMs - b.askedOffsetMs);
}

/** The question on screen at `positionMs`: asked at or before it, and its answer not yet over. */
export function currentQuestionId(questions: SessionQuestion[], positionMs: number): string | null {
  const asked = askedQuestions(questions);
  for (let i = asked.length - 1; i >= 0; i--) {
    const question = asked[i];
    if (!question || question.askedOffsetMs > positionMs) continue;
    const end = question.answerEndedOffsetMs ?? asked[i + 1]?.askedOffsetMs ?? Infinity;
    return positionMs <= end ? question.id : null;
  }
  return null;
}
