import { create } from 'zustand';
import type { CandidateOverview } from '../../../../shared/domain/library';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

export interface CandidateForm {
  name: string;
  email: string;
  phone: string;
  position: string;
  notes: string;
}

interface CandidatesState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  candidates: CandidateOverview[];
  load: () => Promise<void>;
  /** Creates (no id) or updates a candidate; rejects with main's sentence on bad input. */
  save: (id: string | null, form: CandidateForm) => Promise<void>;
  remove: (id: string) => Promise<void>;
}

export const useCandidatesStore = create<CandidatesState>()((set, get) => ({
  status: 'loading',
  error: null,
  candidates: [],
  load: async () => {
    if (get().candidates.length === 0) set({ status: 'loading' });
    try {
      set({ status: 'ready', error: null, candidates: await unwrap(api.candidates.overview()) });
    } catch (error) {
      set({ status: 'error', error: describeError(error, 'Could not load the candidates.') });
    }
  },
  save: async (id, form) => {
    if (id) await unwrap(api.candidates.update({ candidateId: id, ...form }));
    else await unwrap(api.candidates.create(form));
    await get().load();
  },
  remove: async (id) => {
    await unwrap(api.candidates.delete({ candidateId: id }));
    await get().load();
  },
}));
