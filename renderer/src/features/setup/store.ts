import { create } from 'zustand';
import type { ExperienceLevel, InterviewType, SessionMode } from '../../../../shared/domain/enums';
import type { AvatarSettings, Candidate, QuestionSet } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import type { AvatarId } from '../avatar/looks';

/** The "Me (practice)" choice before the self candidate exists; ensureSelf creates it on start. */
export const SELF_CANDIDATE = 'self';

type Loadable<T> =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: T[] };

export interface SetupForm {
  interviewType: InterviewType;
  mode: SessionMode;
  jobTitle: string;
  company: string;
  experienceLevel: ExperienceLevel | '';
  jobDescription: string;
  candidateId: string;
  questionSetId: string;
  /** Once the user picks a set, changing the interview type no longer replaces it. */
  questionSetChosen: boolean;
  avatar: AvatarId;
  avatarSettings: AvatarSettings;
  /** Off: nothing of this interview goes to the AI service. */
  aiProcessing: boolean;
  /** Practice with AI: the interviewer may ask one follow-up after each answer. */
  followUps: boolean;
}

interface SetupState {
  form: SetupForm;
  candidates: Loadable<Candidate>;
  questionSets: Loadable<QuestionSet>;
  /** Chosen in setup, read by the interview room; empty means the system default device. */
  cameraId: string;
  microphoneId: string;
  update: (patch: Partial<SetupForm>) => void;
  setDevices: (patch: { cameraId?: string; microphoneId?: string }) => void;
  loadCandidates: () => Promise<void>;
  loadQuestionSets: () => Promise<void>;
  addCandidate: (candidate: Candidate) => void;
}

/** A kit's set brings the kit's mode, role, sender and candidate with it (main enforces them too). */
function withKit(form: SetupForm, sets: QuestionSet[]): SetupForm {
  const chosen = sets.find((set) => set.id === form.questionSetId);
  if (!chosen?.kit) return form;
  const { kit } = chosen;
  return {
    ...form,
    interviewType: chosen.interviewType,
    mode: kit.mode,
    jobTitle: kit.jobTitle || chosen.name,
    company: kit.sender,
    candidateId: kit.candidateId ?? form.candidateId,
    questionSetChosen: true,
  };
}

/** The kit of the chosen set, if it came from one. */
export const selectedKit = (s: SetupState) =>
  s.questionSets.status === 'ready' ? (s.questionSets.items.find((set) => set.id === s.form.questionSetId)?.kit ?? null) : null;

function defaultSetFor(sets: QuestionSet[], type: InterviewType): string {
  return (sets.find((set) => set.interviewType === type) ?? sets[0])?.id ?? '';
}

export const useSetupStore = create<SetupState>()((set, get) => ({
  form: {
    interviewType: 'behavioral',
    mode: 'practice',
    jobTitle: '',
    company: '',
    experienceLevel: '',
    jobDescription: '',
    candidateId: '',
    questionSetId: '',
    questionSetChosen: false,
    avatar: 'ava',
    avatarSettings: { voiceName: null, rate: 1, captions: true, speech: true, voiceSource: 'system', openaiVoice: null },
    aiProcessing: true,
    followUps: false,
  },
  candidates: { status: 'loading' },
  questionSets: { status: 'loading' },
  cameraId: '',
  microphoneId: '',

  update: (patch) => {
    const form = { ...get().form, ...patch };
    const sets = get().questionSets;
    if (patch.interviewType && !form.questionSetChosen && sets.status === 'ready') {
      form.questionSetId = defaultSetFor(sets.items, patch.interviewType);
    }
    set({ form: patch.questionSetId && sets.status === 'ready' ? withKit(form, sets.items) : form });
  },
  setDevices: (patch) => set(patch),

  loadCandidates: async () => {
    set({ candidates: { status: 'loading' } });
    try {
      const items = await unwrap(api.candidates.list());
      set({ candidates: { status: 'ready', items } });
    } catch (error) {
      set({ candidates: { status: 'error', message: describeError(error, 'Could not load candidates.') } });
    }
  },

  loadQuestionSets: async () => {
    set({ questionSets: { status: 'loading' } });
    try {
      const items = await unwrap(api.questionSets.list());
      const { form } = get();
      const kept = items.some((s) => s.id === form.questionSetId);
      set({
        questionSets: { status: 'ready', items },
        form: kept ? withKit(form, items) : { ...form, questionSetId: defaultSetFor(items, form.interviewType) },
      });
    } catch (error) {
      set({
        questionSets: { status: 'error', message: describeError(error, 'Could not load question sets.') },
      });
    }
  },

  addCandidate: (candidate) => {
    const current = get().candidates;
    const items = current.status === 'ready' ? [...current.items, candidate] : [candidate];
    set({ candidates: { status: 'ready', items }, form: { ...get().form, candidateId: candidate.id } });
  },
}));
