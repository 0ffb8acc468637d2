import { create } from 'zustand';
import type { AppInfo } from '../../../shared/domain/types';
import { api, unwrap } from '../lib/api';
import { describeError } from '../lib/errors';

interface InfoState {
  info: AppInfo | null;
  error: string | null;
  recoveredDismissed: boolean;
  load: () => Promise<void>;
  dismissRecovered: () => void;
}

/** AppInfo does not change while the app runs, so it is fetched once and shared. */
export const useInfoStore = create<InfoState>()((set, get) => ({
  info: null,
  error: null,
  recoveredDismissed: false,
  load: async () => {
    if (get().info) return;
    set({ error: null });
    try {
      set({ info: await unwrap(api.app.info()) });
    } catch (error) {
      set({ error: describeError(error, 'Could not read the app settings.') });
    }
  },
  dismissRecovered: () => set({ recoveredDismissed: true }),
}));
