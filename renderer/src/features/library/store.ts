import { create } from 'zustand';
import type { SessionSummary } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

interface LibraryState {
  status: 'loading' | 'ready' | 'error';
  sessions: SessionSummary[];
  error: string | null;
  load: () => Promise<void>;
}

export const useLibraryStore = create<LibraryState>()((set, get) => ({
  status: 'loading',
  sessions: [],
  error: null,
  load: async () => {
    // Reloads keep showing the previous list instead of flashing a spinner.
    if (get().sessions.length === 0) set({ status: 'loading' });
    try {
      const sessions = await unwrap(api.sessions.list());
      set({ status: 'ready', sessions, error: null });
    } catch (error) {
      set({ status: 'error', error: describeError(error, 'Could not load the interviews.') });
    }
  },
}));
