import { create } from 'zustand';
import type { KitSummary } from '../../../../shared/domain/kits';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

// The kits made or received on this laptop, with the interviews recorded under each.

type Loadable<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

interface KitsState {
  kits: Loadable<KitSummary[]>;
  load: () => Promise<void>;
}

export const useKitsStore = create<KitsState>()((set) => ({
  kits: { status: 'loading' },
  load: async () => {
    try {
      set({ kits: { status: 'ready', value: await unwrap(api.kits.list()) } });
    } catch (error) {
      set({ kits: { status: 'error', message: describeError(error, 'Could not load the interview kits.') } });
    }
  },
}));
