import { ContentFilterFinishReasonError, LengthFinishReasonError } from 'openai/error';
import { z } from 'zod';

/**
 * Why a reply from the AI service was not used, although the request itself succeeded.
 * - malformed_reply: unreadable, wrong shape, out of range or unsupported by the transcript;
 *   asking again may well give a usable reply.
 * - refused: the model declined (refusal, content filter); asking again gives the same answer.
 */
export type AiReplyProblem = 'malformed_reply' | 'refused';

/** A reply we reject. The message is a sentence for the user; details for the log go in `cause`. */
export class AiReplyError extends Error {
  readonly problem: AiReplyProblem;
  constructor(problem: AiReplyProblem, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AiReplyError';
    this.problem = problem;
  }
}

/**
 * The SDK's structured-output parse step fails with its own errors; they all mean "this reply
 * is not usable". `outOfShape` and `filtered` say so in the words of the caller's task.
 */
export function asReplyError(error: unknown, wording: { outOfShape: string; filtered: string }): unknown {
  if (error instanceof z.ZodError) return new AiReplyError('malformed_reply', wording.outOfShape, { cause: error });
  if (error instanceof SyntaxError) {
    return new AiReplyError('malformed_reply', 'The AI service sent a reply that could not be read.', { cause: error });
  }
  if (error instanceof LengthFinishReasonError) {
    return new AiReplyError('malformed_reply', 'The AI reply was cut off before it was complete.', { cause: error });
  }
  if (error instanceof ContentFilterFinishReasonError) return new AiReplyError('refused', wording.filtered, { cause: error });
  return error;
}
