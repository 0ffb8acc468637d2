import { create } from 'zustand';
import type { Processing, SessionDetail, SessionReview, SessionSummary } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

/**
 * What can stand on one side of the comparison. Only whole sessions for now; a take of one
 * question will be another kind with the same figures (see shared/domain/compare.ts).
 */
export type SideRef = { kind: 'session'; sessionId: string };

export interface SideData {
  detail: SessionDetail;
  processing: Processing;
  review: SessionReview;
}

export type SideState = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: SideData };

interface CompareState {
  sides: Record<string, SideState>;
  /** Every session, for picking the other side. */
  sessions: SessionSummary[] | null;
  sessionsError: string | null;
  loadSide: (ref: SideRef) => Promise<void>;
  loadSessions: () => Promise<void>;
}

export const sideKey = (ref: SideRef) => `${ref.kind}:${ref.sessionId}`;

export const useCompareStore = create<CompareState>()((set) => ({
  sides: {},
  sessions: null,
  sessionsError: null,

  loadSide: async (ref) => {
    const key = sideKey(ref);
    set((s) => ({ sides: { ...s.sides, [key]: { status: 'loading' } } }));
    try {
      const { sessionId } = ref;
      const [detail, processing, review] = await Promise.all([
        unwrap(api.sessions.get({ sessionId })),
        unwrap(api.processing.get({ sessionId })),
        unwrap(api.reviews.get({ sessionId })),
      ]);
      detail.questions.sort((a, b) => a.position - b.position);
      set((s) => ({ sides: { ...s.sides, [key]: { status: 'ready', data: { detail, processing, review } } } }));
    } catch (error) {
      set((s) => ({ sides: { ...s.sides, [key]: { status: 'error', error: describeError(error, 'Could not load this interview.') } } }));
    }
  },

  loadSessions: async () => {
    set({ sessionsError: null });
    try {
      set({ sessions: await unwrap(api.sessions.list()) });
    } catch (error) {
      set({ sessionsError: describeError(error, 'Could not load the other sessions.') });
    }
  },
}));
