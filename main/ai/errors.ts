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
