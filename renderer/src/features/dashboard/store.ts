import { create } from 'zustand';
import type { CandidateDashboard, ManagerDashboard } from '../../../../shared/domain/library';
import type { Candidate } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

interface DashboardState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  candidates: Candidate[];
  candidate: CandidateDashboard | null;
  manager: ManagerDashboard | null;
  /** Loads both views; candidateId null picks the practising user ("Me"), else the first candidate. */
  load: (candidateId: string | null) => Promise<void>;
  /** The candidate the practice view shows. */
  candidateId: string | null;
}

export const useDashboardStore = create<DashboardState>()((set) => ({
  status: 'loading',
  error: null,
  candidates: [],
  candidate: null,
  manager: null,
  candidateId: null,
  load: async (requested) => {
    set({ status: 'loading' });
    try {
      const [candidates, manager] = await Promise.all([unwrap(api.candidates.list()), unwrap(api.dashboard.manager())]);
      const chosen = candidates.find((c) => c.id === requested) ?? candidates.find((c) => c.isSelf) ?? candidates[0] ?? null;
      const candidate = chosen
        ? await unwrap(api.dashboard.candidate({ candidateId: chosen.id, tzOffsetMinutes: new Date().getTimezoneOffset() }))
        : null;
      set({ status: 'ready', error: null, candidates, manager, candidate, candidateId: chosen?.id ?? null });
    } catch (error) {
      set({ status: 'error', error: describeError(error, 'Could not load the dashboard.') });
    }
  },
}));
