import { create } from 'zustand';
import type { Recording, SessionDetail } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

export type SideTab = 'questions' | 'transcript' | 'scores' | 'review';

/** Playback speeds offered in the menu and stepped through with < and >. */
export const PLAYBACK_RATES = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;

interface ReviewState {
  status: 'loading' | 'ready' | 'error';
  detail: SessionDetail | null;
  error: string | null;
  finalizing: boolean;
  finalizeError: string | null;
  /** The player's position in ms, for the timeline and the current question. */
  positionMs: number;
  /** The tab open beside the video. */
  tab: SideTab;
  /** Playback speed, kept while the page is open. */
  rate: number;
  /** Where a comment being written is pinned (ms), or null when none is. */
  commentAtMs: number | null;
  /** The keyboard shortcuts dialog. */
  helpOpen: boolean;
  load: (sessionId: string) => Promise<void>;
  finalize: () => Promise<void>;
  applyRecording: (recording: Recording) => void;
  setPosition: (ms: number) => void;
  setTab: (tab: SideTab) => void;
  setRate: (rate: number) => void;
  /** Opens the comment box on the reviewer tab, pinned to this moment. */
  startComment: (ms: number) => void;
  endComment: () => void;
  setHelpOpen: (open: boolean) => void;
}

export const useReviewStore = create<ReviewState>()((set, get) => ({
  status: 'loading',
  detail: null,
  error: null,
  finalizing: false,
  finalizeError: null,
  positionMs: 0,
  tab: 'questions',
  rate: 1,
  commentAtMs: null,
  helpOpen: false,

  load: async (sessionId) => {
    // A fresh player starts at 0; a retry for the same session keeps what is on screen.
    set({ positionMs: 0, finalizeError: null, commentAtMs: null });
    if (get().detail?.session.id !== sessionId) set({ status: 'loading', detail: null, tab: 'questions' });
    try {
      const detail = await unwrap(api.sessions.get({ sessionId }));
      detail.questions.sort((a, b) => a.position - b.position);
      set({ status: 'ready', detail, error: null });
    } catch (error) {
      set({ status: 'error', error: describeError(error, 'Could not load this interview.') });
    }
  },

  finalize: async () => {
    const recording = get().detail?.recording;
    if (!recording) return;
    set({ finalizing: true, finalizeError: null });
    try {
      get().applyRecording(await unwrap(api.recording.finalize({ recordingId: recording.id })));
    } catch (error) {
      set({ finalizeError: describeError(error, 'The recording could not be made playable.') });
    } finally {
      set({ finalizing: false });
    }
  },

  applyRecording: (recording) => {
    const detail = get().detail;
    if (detail?.recording?.id !== recording.id) return;
    set({ detail: { ...detail, recording } });
  },

  setPosition: (positionMs) => set({ positionMs }),
  setTab: (tab) => set({ tab }),
  setRate: (rate) => set({ rate }),
  startComment: (commentAtMs) => set({ commentAtMs: Math.max(0, Math.round(commentAtMs)), tab: 'review' }),
  endComment: () => set({ commentAtMs: null }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));
