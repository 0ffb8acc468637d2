import type { Handlers } from '../ipc/handlers';
import type { ReviewsRepository } from '../repositories/reviews';

type ReviewChannel = Extract<keyof Handlers, `reviews:${string}`>;

/** The reviewer panel's calls, built from the reviews repository. */
export function reviewHandlers(reviews: ReviewsRepository): Pick<Handlers, ReviewChannel> {
  return {
    'reviews:get': ({ sessionId }) => reviews.get(sessionId),
    'reviews:rateOverall': ({ sessionId, rating }) => reviews.setOverall(sessionId, rating),
    'reviews:rateDimension': ({ sessionId, dimension, rating }) => reviews.setDimension(sessionId, dimension, rating),
    'reviews:rateQuestion': ({ sessionQuestionId, rating, note }) => reviews.setQuestionRating(sessionQuestionId, rating, note),
    'reviews:addComment': ({ sessionId, offsetMs, body }) => reviews.addComment(sessionId, offsetMs, body),
    'reviews:editComment': ({ commentId, body }) => reviews.editComment(commentId, body),
    'reviews:deleteComment': ({ commentId }) => reviews.deleteComment(commentId),
    'reviews:decide': ({ sessionId, decision, note }) => reviews.setDecision(sessionId, decision, note ?? null),
    'reviews:setBlind': ({ sessionId, blind }) => reviews.setBlind(sessionId, blind),
  };
}
