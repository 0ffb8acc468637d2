import { create } from 'zustand';
import type { SessionReview } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

interface ReviewerState {
  sessionId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  review: SessionReview | null;
  /** The last load or save that failed, as a sentence; what was saved before stays on screen. */
  error: string | null;
  saving: boolean;
  load: (sessionId: string) => Promise<void>;
  /**
   * Runs one reviews:* call and shows the review it returns; false when it failed. `expect`
   * shows the change at once (a checkbox, stars) and is undone if the call fails.
   */
  save: (
    change: () => Promise<SessionReview>,
    failure: string,
    expect?: (review: SessionReview) => SessionReview,
  ) => Promise<boolean>;
}

export const useReviewerStore = create<ReviewerState>()((set, get) => ({
  sessionId: null,
  status: 'idle',
  review: null,
  error: null,
  saving: false,

  load: async (sessionId) => {
    if (get().sessionId !== sessionId) set({ sessionId, review: null, status: 'loading', error: null });
    try {
      const review = await unwrap(api.reviews.get({ sessionId }));
      if (get().sessionId === sessionId) set({ review, status: 'ready', error: null });
    } catch (error) {
      if (get().sessionId === sessionId) set({ status: 'error', error: describeError(error, 'Could not load your review.') });
    }
  },

  save: async (change, failure, expect) => {
    const sessionId = get().sessionId;
    const before = get().review;
    set({ saving: true, ...(expect && before ? { review: expect(before) } : {}) });
    try {
      const review = await change();
      if (get().sessionId === sessionId) set({ review, status: 'ready', error: null });
      return true;
    } catch (error) {
      set({ error: describeError(error, failure), ...(expect && get().sessionId === sessionId ? { review: before } : {}) });
      return false;
    } finally {
      set({ saving: false });
    }
  },
}));

/** Whether the AI's scores are hidden while the reviewer rates. */
export const useBlind = () => useReviewerStore((s) => s.review?.review.blind ?? false);
