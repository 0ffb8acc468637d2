import { arrayMove } from '@dnd-kit/sortable';
import { create } from 'zustand';
import { DOCUMENT_EXTENSIONS, MAX_DOCUMENT_BYTES } from '../../../../shared/domain/documents';
import type { Difficulty } from '../../../../shared/domain/enums';
import type { QuestionTemplate } from '../../../../shared/domain/types';
import { api, ApiError, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { useSetupStore } from '../setup/store';

/** A question under review: generated (or added by hand) and possibly edited. */
export interface Draft {
  /** Stable across edits and moves, for React keys and focus. */
  key: string;
  text: string;
  category: string;
  difficulty: Difficulty;
  keywords: string[];
  lookFor: string;
}

export type Generation =
  | { status: 'idle' }
  | { status: 'running'; requestId: string }
  | { status: 'error'; message: string; notConfigured: boolean };

export type Reading = { status: 'idle' } | { status: 'reading'; fileName: string } | { status: 'error'; message: string };

export const QUESTION_COUNTS = [5, 8, 10, 12, 15] as const;

interface TailorState {
  /** The file the resume came from; null once the user types or pastes it. */
  resumeFileName: string | null;
  resumeText: string;
  resumeReading: Reading;
  jobReading: Reading;
  count: number;
  generation: Generation;
  /** The reviewed questions; non-empty means the interview uses them instead of the set. */
  drafts: Draft[];
  setResumeText: (text: string) => void;
  importResume: (file: File) => Promise<void>;
  importJob: (file: File) => Promise<void>;
  clearResume: () => void;
  setCount: (count: number) => void;
  generate: () => Promise<void>;
  cancel: () => void;
  edit: (key: string, patch: Partial<Omit<Draft, 'key'>>) => void;
  move: (key: string, by: -1 | 1) => void;
  /** Drag and drop: `key` takes the place of `overKey`. */
  moveTo: (key: string, overKey: string) => void;
  remove: (key: string) => void;
  add: () => void;
  discard: () => void;
}

let nextKey = 0;
const keyed = (q: Omit<Draft, 'key'>): Draft => ({ ...q, key: `d${++nextKey}` });

/** Checked here too, so that a wrong or huge file is refused before its bytes are sent. */
function checkFile(file: File): string | null {
  const ext = file.name.slice(file.name.lastIndexOf('.')).toLowerCase();
  if (!(DOCUMENT_EXTENSIONS as readonly string[]).includes(ext)) {
    return `“${file.name}” is not a file the app can read. Use PDF, DOCX or TXT, or paste the text.`;
  }
  if (file.size > MAX_DOCUMENT_BYTES) return `“${file.name}” is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`;
  return null;
}

async function readDocument(file: File) {
  const refused = checkFile(file);
  if (refused) throw new ApiError('document/unsupported', refused);
  return unwrap(api.documents.extractText({ fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }));
}

/** The session's questions, as sessions:create takes them. */
export function draftsAsQuestions(drafts: Draft[]): QuestionTemplate[] {
  return drafts.map((d) => ({
    text: d.text.trim(),
    category: d.category.trim() || 'General',
    difficulty: d.difficulty,
    keywords: d.keywords,
    lookFor: d.lookFor.trim() || undefined,
  }));
}

export const useTailorStore = create<TailorState>()((set, get) => ({
  resumeFileName: null,
  resumeText: '',
  resumeReading: { status: 'idle' },
  jobReading: { status: 'idle' },
  count: 8,
  generation: { status: 'idle' },
  drafts: [],

  setResumeText: (resumeText) => set({ resumeText, resumeFileName: resumeText ? get().resumeFileName : null }),
  importResume: async (file) => {
    set({ resumeReading: { status: 'reading', fileName: file.name } });
    try {
      const doc = await readDocument(file);
      set({ resumeText: doc.text, resumeFileName: doc.fileName, resumeReading: { status: 'idle' } });
    } catch (error) {
      set({ resumeReading: { status: 'error', message: describeError(error, 'The file could not be read.') } });
    }
  },
  importJob: async (file) => {
    set({ jobReading: { status: 'reading', fileName: file.name } });
    try {
      const doc = await readDocument(file);
      useSetupStore.getState().update({ jobDescription: doc.text });
      set({ jobReading: { status: 'idle' } });
    } catch (error) {
      set({ jobReading: { status: 'error', message: describeError(error, 'The file could not be read.') } });
    }
  },
  clearResume: () => set({ resumeText: '', resumeFileName: null, resumeReading: { status: 'idle' } }),
  setCount: (count) => set({ count }),

  generate: async () => {
    if (get().generation.status === 'running') return;
    const requestId = crypto.randomUUID();
    set({ generation: { status: 'running', requestId } });
    const { form } = useSetupStore.getState();
    try {
      const questions = await unwrap(
        api.questions.generate({
          requestId,
          interviewType: form.interviewType,
          jobTitle: form.jobTitle.trim(),
          company: form.company.trim() || null,
          experienceLevel: form.experienceLevel || null,
          jobDescription: form.jobDescription.trim() || null,
          resumeText: get().resumeText.trim() || null,
          count: get().count,
        }),
      );
      // A cancelled request that answered anyway is not wanted any more.
      if (get().generation.status !== 'running') return;
      set({
        generation: { status: 'idle' },
        drafts: questions.map(({ text, category, difficulty, keywords, lookFor }) =>
          keyed({ text, category, difficulty, keywords, lookFor }),
        ),
      });
    } catch (error) {
      const current = get().generation;
      if (current.status !== 'running' || current.requestId !== requestId) return;
      set({
        generation: {
          status: 'error',
          message: describeError(error, 'The questions could not be written.'),
          notConfigured: error instanceof ApiError && error.code === 'ai/not_configured',
        },
      });
    }
  },
  cancel: () => {
    const current = get().generation;
    if (current.status !== 'running') return;
    set({ generation: { status: 'idle' } });
    void api.questions.cancelGenerate({ requestId: current.requestId });
  },

  edit: (key, patch) => set({ drafts: get().drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)) }),
  move: (key, by) => {
    const drafts = [...get().drafts];
    const from = drafts.findIndex((d) => d.key === key);
    const to = from + by;
    if (from < 0 || to < 0 || to >= drafts.length) return;
    [drafts[from], drafts[to]] = [drafts[to]!, drafts[from]!];
    set({ drafts });
  },
  moveTo: (key, overKey) => {
    const drafts = get().drafts;
    const from = drafts.findIndex((d) => d.key === key);
    const to = drafts.findIndex((d) => d.key === overKey);
    if (from < 0 || to < 0 || from === to) return;
    set({ drafts: arrayMove(drafts, from, to) });
  },
  remove: (key) => set({ drafts: get().drafts.filter((d) => d.key !== key) }),
  add: () =>
    set({
      drafts: [...get().drafts, keyed({ text: '', category: 'General', difficulty: 'medium', keywords: [], lookFor: '' })],
    }),
  discard: () => set({ drafts: [], generation: { status: 'idle' } }),
}));
