import { create } from 'zustand';
import type { QuestionSet } from '../../../../shared/domain/types';
import { api, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { blankQuestion, draftOf, emptyDraft, sameDraft, toInput, type Draft, type DraftErrors, type DraftQuestion } from './draft';

// The Question sets screens: the list, and the editor of one set. The editor's draft is also
// kept in localStorage, so leaving the page, a reload or a crash never loses unsaved edits.

export const NEW_SET = 'new';

const storageKey = (setId: string) => `questionSetDraft:${setId}`;

function storedDraft(setId: string): Draft | null {
  try {
    const text = localStorage.getItem(storageKey(setId));
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

/** An unsaved draft of this set is waiting in the editor. */
export function hasDraft(setId: string): boolean {
  return storedDraft(setId) !== null;
}

function keepDraft(setId: string, draft: Draft | null): void {
  try {
    if (draft) localStorage.setItem(storageKey(setId), JSON.stringify(draft));
    else localStorage.removeItem(storageKey(setId));
  } catch (error) {
    console.error('Could not keep the draft', error);
  }
}

type Loadable<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

interface ListState {
  sets: Loadable<QuestionSet[]>;
  /** The set being deleted or duplicated, to disable its buttons. */
  busyId: string | null;
  actionError: string | null;
  load: () => Promise<void>;
  remove: (id: string) => Promise<void>;
  /** Resolves with the copy's id. */
  duplicate: (id: string) => Promise<string | null>;
}

export const useQuestionSetsStore = create<ListState>()((set, get) => ({
  sets: { status: 'loading' },
  busyId: null,
  actionError: null,
  load: async () => {
    if (get().sets.status !== 'ready') set({ sets: { status: 'loading' } });
    try {
      set({ sets: { status: 'ready', value: await unwrap(api.questionSets.list()) } });
    } catch (error) {
      set({ sets: { status: 'error', message: describeError(error, 'Could not load the question sets.') } });
    }
  },
  remove: async (id) => {
    set({ busyId: id, actionError: null });
    try {
      await unwrap(api.questionSets.delete({ questionSetId: id }));
      keepDraft(id, null);
      await get().load();
    } catch (error) {
      set({ actionError: describeError(error, 'The set could not be deleted.') });
    } finally {
      set({ busyId: null });
    }
  },
  duplicate: async (id) => {
    set({ busyId: id, actionError: null });
    try {
      const copy = await unwrap(api.questionSets.duplicate({ questionSetId: id }));
      await get().load();
      return copy.id;
    } catch (error) {
      set({ actionError: describeError(error, 'The set could not be duplicated.') });
      return null;
    } finally {
      set({ busyId: null });
    }
  },
}));

interface EditorState {
  setId: string;
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  /** What main has (null for a new set). */
  saved: QuestionSet | null;
  draft: Draft;
  /** The draft came back from an earlier visit. */
  restored: boolean;
  errors: DraftErrors;
  saving: boolean;
  saveError: string | null;
  /** A short confirmation after a save, cleared by the next edit. */
  savedNotice: string | null;

  open: (setId: string) => Promise<void>;
  edit: (patch: Partial<Omit<Draft, 'questions'>>) => void;
  editQuestion: (key: string, patch: Partial<DraftQuestion>) => void;
  addQuestion: () => string;
  removeQuestion: (key: string) => void;
  /** Moves a question; saved at once when nothing else is unsaved. */
  move: (from: number, to: number) => Promise<void>;
  /** Resolves with the saved set's id, or null when it could not be saved. */
  save: () => Promise<string | null>;
  discard: () => void;
}

export function isDirty(state: Pick<EditorState, 'saved' | 'draft' | 'status'>): boolean {
  if (state.status !== 'ready') return false;
  return !sameDraft(state.draft, state.saved ? draftOf(state.saved) : emptyDraft());
}

export const useEditorStore = create<EditorState>()((set, get) => {
  /** Applies a change to the draft and keeps it (or forgets it once it matches what is saved). */
  const change = (draft: Draft, extra: Partial<EditorState> = {}) => {
    // After a refused save, the sentences follow the edits: a fixed field loses its error.
    const errors = Object.keys(get().errors).length ? (toInput(draft).errors ?? {}) : {};
    set({ draft, errors, savedNotice: null, saveError: null, ...extra });
    const state = get();
    keepDraft(state.setId, isDirty(state) ? draft : null);
  };
  const fromSaved = (saved: QuestionSet) => set({ saved, draft: draftOf(saved), restored: false, errors: {} });

  return {
    setId: NEW_SET,
    status: 'loading',
    loadError: null,
    saved: null,
    draft: emptyDraft(),
    restored: false,
    errors: {},
    saving: false,
    saveError: null,
    savedNotice: null,

    open: async (setId) => {
      set({ setId, status: 'loading', loadError: null, errors: {}, saveError: null, savedNotice: null, restored: false });
      try {
        const saved = setId === NEW_SET ? null : await unwrap(api.questionSets.get({ questionSetId: setId }));
        if (get().setId !== setId) return;
        const stored = saved?.builtIn || saved?.kit ? null : storedDraft(setId);
        const base = saved ? draftOf(saved) : emptyDraft();
        const restored = stored !== null && !sameDraft(stored, base);
        set({ status: 'ready', saved, draft: restored ? stored : base, restored });
      } catch (error) {
        if (get().setId === setId) set({ status: 'error', loadError: describeError(error, 'Could not open this question set.') });
      }
    },

    edit: (patch) => change({ ...get().draft, ...patch }),
    editQuestion: (key, patch) =>
      change({ ...get().draft, questions: get().draft.questions.map((q) => (q.key === key ? { ...q, ...patch } : q)) }),
    addQuestion: () => {
      const question = blankQuestion();
      change({ ...get().draft, questions: [...get().draft.questions, question] });
      return question.key;
    },
    removeQuestion: (key) => change({ ...get().draft, questions: get().draft.questions.filter((q) => q.key !== key) }),

    move: async (from, to) => {
      const { draft, saved } = get();
      const wasClean = !isDirty(get());
      const questions = [...draft.questions];
      const [moved] = questions.splice(from, 1);
      if (!moved || from === to) return;
      questions.splice(to, 0, moved);
      change({ ...draft, questions });
      // With nothing else unsaved, the new order is saved at once, as a list's order is.
      if (!wasClean || !saved || saved.builtIn) return;
      try {
        const reordered = await unwrap(
          api.questionSets.reorder({ questionSetId: saved.id, questionIds: questions.map((q) => q.id ?? q.key) }),
        );
        if (get().setId !== saved.id) return;
        // Edits made while the call ran stay in the draft.
        if (sameDraft(get().draft, { ...draftOf(saved), questions })) fromSaved(reordered);
        else set({ saved: reordered });
        keepDraft(saved.id, isDirty(get()) ? get().draft : null);
        set({ savedNotice: 'New order saved.' });
      } catch (error) {
        set({ saveError: describeError(error, 'The new order could not be saved; it is kept as an unsaved change.') });
      }
    },

    save: async () => {
      const { draft, saved, setId } = get();
      const result = toInput(draft);
      if (result.errors) {
        set({ errors: result.errors, saveError: 'Some fields need attention before the set can be saved.' });
        return null;
      }
      set({ saving: true, saveError: null, errors: {} });
      try {
        const next = saved
          ? await unwrap(api.questionSets.update({ questionSetId: saved.id, set: result.input }))
          : await unwrap(api.questionSets.create(result.input));
        keepDraft(setId, null);
        if (get().setId === setId) {
          fromSaved(next);
          set({ setId: next.id, savedNotice: 'Saved.' });
        }
        return next.id;
      } catch (error) {
        set({ saveError: describeError(error, 'The set could not be saved. Your changes are kept.') });
        return null;
      } finally {
        set({ saving: false });
      }
    },

    discard: () => {
      const { saved, setId } = get();
      keepDraft(setId, null);
      set({ draft: saved ? draftOf(saved) : emptyDraft(), restored: false, errors: {}, saveError: null, savedNotice: null });
    },
  };
});
