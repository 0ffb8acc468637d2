import { create } from 'zustand';
import type { Job, Processing, TranscriptSegment } from '../../../../shared/domain/types';
import type { EventPayload } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

type ProgressEvent = EventPayload<'jobs:onProgress'>;

export interface LiveProgress {
  progress: number;
  etaMs: number | null;
}

interface ProcessingState {
  sessionId: string | null;
  status: 'loading' | 'ready' | 'error';
  processing: Processing | null;
  error: string | null;
  /** Progress from `jobs:onProgress`, fresher than the job rows; dropped when a job stops running. */
  live: Record<number, LiveProgress>;
  /** Jobs with a retry or cancel in flight. */
  busy: Record<number, boolean>;
  jobErrors: Record<number, string>;
  rescoring: boolean;
  rescoreError: string | null;
  load: (sessionId: string) => Promise<void>;
  /** Fetches processing:get again; calls while one is in flight are folded into one more. */
  refresh: () => Promise<void>;
  applyJob: (job: Job) => void;
  applyProgress: (event: ProgressEvent) => void;
  retry: (jobId: number) => Promise<void>;
  cancel: (jobId: number) => Promise<void>;
  /** Saves a correction (null restores the original); resolves with an error sentence or null. */
  editSegment: (segmentId: number, text: string | null) => Promise<string | null>;
  rescore: () => Promise<void>;
}

let refreshing = false;
let refreshAgain = false;

function withJob(processing: Processing, job: Job): Processing {
  const known = processing.jobs.some((j) => j.id === job.id);
  return {
    ...processing,
    jobs: known ? processing.jobs.map((j) => (j.id === job.id ? job : j)) : [...processing.jobs, job],
  };
}

function withoutKey<T>(record: Record<number, T>, key: number): Record<number, T> {
  if (!(key in record)) return record;
  const next = { ...record };
  delete next[key];
  return next;
}

/** Keeps live progress only for jobs that are still running. */
function pruneLive(live: Record<number, LiveProgress>, jobs: Job[]): Record<number, LiveProgress> {
  const running = new Set(jobs.filter((j) => j.status === 'running').map((j) => j.id));
  return Object.fromEntries(Object.entries(live).filter(([id]) => running.has(Number(id))));
}

export const useProcessingStore = create<ProcessingState>()((set, get) => {
  /** Retry or cancel: the row's buttons wait for it, and a refusal is shown beside them. */
  async function jobAction(
    jobId: number,
    call: (input: { jobId: number }) => Promise<Result<Job>>,
    failure: string,
  ): Promise<void> {
    set({ busy: { ...get().busy, [jobId]: true }, jobErrors: withoutKey(get().jobErrors, jobId) });
    try {
      get().applyJob(await unwrap(call({ jobId })));
    } catch (error) {
      set({ jobErrors: { ...get().jobErrors, [jobId]: describeError(error, failure) } });
    } finally {
      set({ busy: withoutKey(get().busy, jobId) });
    }
  }

  return {
    sessionId: null,
    status: 'loading',
    processing: null,
    error: null,
    live: {},
    busy: {},
    jobErrors: {},
    rescoring: false,
    rescoreError: null,

    load: async (sessionId) => {
      if (get().sessionId !== sessionId) {
        set({ sessionId, status: 'loading', processing: null, live: {}, busy: {}, jobErrors: {}, rescoreError: null });
      } else if (get().status === 'error') {
        set({ status: 'loading' });
      }
      await get().refresh();
    },

    refresh: async () => {
      if (refreshing) {
        refreshAgain = true;
        return;
      }
      refreshing = true;
      try {
        do {
          refreshAgain = false;
          const sessionId = get().sessionId;
          if (!sessionId) break;
          try {
            const processing = await unwrap(api.processing.get({ sessionId }));
            // Another session opened meanwhile: fetch again for that one.
            if (get().sessionId !== sessionId) refreshAgain = true;
            else set({ status: 'ready', processing, error: null, live: pruneLive(get().live, processing.jobs) });
          } catch (error) {
            if (get().sessionId !== sessionId) {
              refreshAgain = true;
              continue;
            }
            const message = describeError(error, 'Could not load the background processing.');
            // A failed refresh keeps what is on screen; only a first load shows the error state.
            set(get().processing ? { error: message } : { status: 'error', error: message });
          }
        } while (refreshAgain);
      } finally {
        refreshing = false;
      }
    },

    applyJob: (job) => {
      const { sessionId, processing, live } = get();
      if (job.sessionId !== sessionId) return;
      set({
        processing: processing ? withJob(processing, job) : processing,
        live: job.status === 'running' ? live : withoutKey(live, job.id),
      });
      // Stages and results (media, metrics, transcript, scores) come from main with the jobs.
      void get().refresh();
    },

    applyProgress: ({ jobId, sessionId, progress, etaMs }) => {
      if (sessionId !== get().sessionId) return;
      set({ live: { ...get().live, [jobId]: { progress, etaMs } } });
    },

    retry: (jobId) => jobAction(jobId, api.jobs.retry, 'Could not start this step again.'),
    cancel: (jobId) => jobAction(jobId, api.jobs.cancel, 'Could not cancel this step.'),

    editSegment: async (segmentId, text) => {
      try {
        const segment = await unwrap(api.transcripts.editSegment({ segmentId, text }));
        const processing = get().processing;
        if (processing?.transcript) {
          const segments = processing.transcript.segments.map((s): TranscriptSegment => (s.id === segment.id ? segment : s));
          set({ processing: { ...processing, transcript: { ...processing.transcript, segments, editedAt: Date.now() } } });
        }
        void get().refresh();
        return null;
      } catch (error) {
        return describeError(error, 'The correction could not be saved.');
      }
    },

    rescore: async () => {
      const sessionId = get().sessionId;
      if (!sessionId) return;
      set({ rescoring: true, rescoreError: null });
      try {
        get().applyJob(await unwrap(api.processing.rescore({ sessionId })));
      } catch (error) {
        set({ rescoreError: describeError(error, 'Scoring could not be started again.') });
      } finally {
        set({ rescoring: false });
      }
    },
  };
});
