import { create } from 'zustand';
import type { Processing, SessionDetail, SessionQuestion, SessionReview, SessionSummary, TakeMetrics } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

/**
 * What can stand on one side of the session comparison: a whole session. Two takes of one
 * question are compared from one session's data (see `loadTakes`), with the same figures
 * (shared/domain/compare.ts).
 */
export type SideRef = { kind: 'session'; sessionId: string };

export interface SideData {
  detail: SessionDetail;
  processing: Processing;
  review: SessionReview;
}

export type SideState = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: SideData };

/** Each take's delivery, measured in main on request; `unavailable` says why it cannot be yet. */
export type TakeMetricsState =
  | { status: 'loading' }
  | { status: 'ready'; metrics: TakeMetrics[] }
  | { status: 'unavailable'; reason: string }
  | { status: 'error'; error: string };

export interface TakesData {
  detail: SessionDetail;
  processing: Processing;
  /** The question both takes answer. */
  question: SessionQuestion;
  metrics: TakeMetricsState;
}

export type TakesState = { status: 'loading' } | { status: 'error'; error: string } | { status: 'ready'; data: TakesData };

interface CompareState {
  sides: Record<string, SideState>;
  /** Two takes' comparison, by `takesKey`. */
  takes: Record<string, TakesState>;
  /** Every session, for picking the other side. */
  sessions: SessionSummary[] | null;
  sessionsError: string | null;
  loadSide: (ref: SideRef) => Promise<void>;
  loadSessions: () => Promise<void>;
  /** Loads the session and measures the question's takes (one ffmpeg pass for all of them). */
  loadTakes: (sessionId: string, a: string, b: string) => Promise<void>;
}

export const sideKey = (ref: SideRef) => `${ref.kind}:${ref.sessionId}`;

/** Swapped sides are the same comparison: nothing is loaded or measured again. */
export const takesKey = (sessionId: string, a: string, b: string) => `${sessionId}/${[a, b].sort().join('/')}`;

/** The take ids' question, or why there is none to compare. */
function questionOf(detail: SessionDetail, a: string, b: string): SessionQuestion | string {
  const owner = (takeId: string) => detail.questions.find((q) => q.takes.some((t) => t.id === takeId));
  const [qa, qb] = [owner(a), owner(b)];
  if (!qa || !qb) return 'That take is not part of this interview; it may have been deleted.';
  if (qa.id !== qb.id) return 'These two takes answer different questions; only takes of one question can be compared.';
  if (a === b) return 'Choose two different takes to compare.';
  return qa;
}

export const useCompareStore = create<CompareState>()((set, get) => ({
  sides: {},
  takes: {},
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

  loadTakes: async (sessionId, a, b) => {
    const key = takesKey(sessionId, a, b);
    const put = (state: TakesState) => set((s) => ({ takes: { ...s.takes, [key]: state } }));
    // A reload keeps what is shown until the new figures are in.
    if (get().takes[key]?.status !== 'ready') put({ status: 'loading' });
    let data: TakesData;
    try {
      const [detail, processing] = await Promise.all([unwrap(api.sessions.get({ sessionId })), unwrap(api.processing.get({ sessionId }))]);
      const question = questionOf(detail, a, b);
      if (typeof question === 'string') return put({ status: 'error', error: question });
      const finalized = detail.recording?.status === 'finalized';
      data = {
        detail,
        processing,
        question,
        metrics: finalized
          ? { status: 'loading' }
          : {
              status: 'unavailable',
              reason: !detail.recording
                ? 'This interview has no recording, so its takes cannot be played or measured.'
                : detail.recording.status === 'recording'
                  ? 'This interview is still being recorded; the takes can be played and measured once it ends.'
                  : 'The recording has not been made playable yet, so the takes can be neither played nor measured. Make it playable from the interview’s page.',
            },
      };
    } catch (error) {
      return put({ status: 'error', error: describeError(error, 'Could not load this interview.') });
    }
    put({ status: 'ready', data });
    if (data.metrics.status !== 'loading') return;
    let metrics: TakeMetricsState;
    try {
      metrics = { status: 'ready', metrics: await unwrap(api.takes.metrics({ sessionQuestionId: data.question.id })) };
    } catch (error) {
      metrics = { status: 'error', error: describeError(error, 'The takes could not be measured.') };
    }
    put({ status: 'ready', data: { ...data, metrics } });
  },
}));
