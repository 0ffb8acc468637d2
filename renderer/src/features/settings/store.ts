import { create } from 'zustand';
import type { KeepMedia, SettingsView } from '../../../../shared/domain/types';
import { api, ApiError, unwrap } from '../../lib/api';
import { describeError } from '../../lib/errors';

interface SettingsForm {
  enabled: boolean;
  baseUrl: string;
  transcriptionModel: string;
  scoringModel: string;
  keepMedia: KeepMedia;
  /** Auto-delete interviews older than this many days; null keeps them. */
  retentionDays: number | null;
}

export type SettingsField = 'baseUrl' | 'transcriptionModel' | 'scoringModel';
type FieldErrors = Partial<Record<SettingsField, string>>;

type TestResult = { status: 'idle' } | { status: 'testing' } | { status: 'done'; ok: boolean; message: string };

interface SettingsState {
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  /** What main has; the form starts from it. */
  view: SettingsView | null;
  form: SettingsForm;
  errors: FieldErrors;
  saving: boolean;
  saveError: string | null;
  /** Set after a successful save, cleared by the next edit. */
  saved: boolean;
  /** A key typed in; the stored one never comes back from main. */
  apiKey: string;
  replacingKey: boolean;
  /** "Store it anyway" for a system without a keyring. */
  allowWeakStorage: boolean;
  keyBusy: boolean;
  keyError: string | null;
  test: TestResult;

  load: () => Promise<void>;
  update: (patch: Partial<SettingsForm>) => void;
  setApiKey: (apiKey: string) => void;
  setReplacingKey: (replacing: boolean) => void;
  setAllowWeakStorage: (allow: boolean) => void;
  /** Validates, saves the settings and any key typed in; resolves true when all of it was saved. */
  save: () => Promise<boolean>;
  removeKey: () => Promise<void>;
  testConnection: () => Promise<void>;
}

const EMPTY_FORM: SettingsForm = { enabled: false, baseUrl: '', transcriptionModel: '', scoringModel: '', keepMedia: 'both', retentionDays: null };

function formOf(view: SettingsView): SettingsForm {
  return { ...view.ai, keepMedia: view.keepMedia, retentionDays: view.retentionDays };
}

export function isDirty(state: Pick<SettingsState, 'view' | 'form' | 'apiKey'>): boolean {
  if (state.apiKey.trim() !== '') return true;
  if (!state.view) return false;
  const saved = formOf(state.view);
  return (Object.keys(saved) as (keyof SettingsForm)[]).some((key) => saved[key] !== state.form[key]);
}

/** The same rules main applies, checked first so the messages sit beside their fields. */
function validate(form: SettingsForm): FieldErrors {
  const errors: FieldErrors = {};
  const baseUrl = form.baseUrl.trim();
  if (baseUrl === '') errors.baseUrl = 'Enter the address of the AI server.';
  else {
    const url = URL.canParse(baseUrl) ? new URL(baseUrl) : null;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      errors.baseUrl = 'Use an http or https address, e.g. https://api.openai.com/v1.';
    }
  }
  if (form.transcriptionModel.trim() === '') errors.transcriptionModel = 'Enter the name of a transcription model.';
  if (form.scoringModel.trim() === '') errors.scoringModel = 'Enter the name of a chat model for scoring.';
  return errors;
}

const FIELDS: readonly string[] = ['baseUrl', 'transcriptionModel', 'scoringModel'];

/**
 * main's input errors read "The request was not valid: <sentence> (ai.baseUrl)."; such a
 * sentence goes beside its field, anything else above the Save button.
 */
function placeError(message: string): { field: SettingsField; text: string } | null {
  const match = /^The request was not valid: (.*) \((?:ai\.)?(\w+)\)\.?$/.exec(message);
  if (!match?.[1] || !match[2] || !FIELDS.includes(match[2])) return null;
  const text = match[1].trim();
  return { field: match[2] as SettingsField, text: /[.!?]$/.test(text) ? text : `${text}.` };
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  status: 'loading',
  loadError: null,
  view: null,
  form: EMPTY_FORM,
  errors: {},
  saving: false,
  saveError: null,
  saved: false,
  apiKey: '',
  replacingKey: false,
  allowWeakStorage: false,
  keyBusy: false,
  keyError: null,
  test: { status: 'idle' },

  load: async () => {
    // Opening the screen starts from what is saved; unsaved edits from an earlier visit are dropped.
    set({
      status: get().view ? 'ready' : 'loading',
      loadError: null,
      errors: {},
      saveError: null,
      saved: false,
      apiKey: '',
      replacingKey: false,
      allowWeakStorage: false,
      keyError: null,
      test: { status: 'idle' },
    });
    try {
      const view = await unwrap(api.settings.get());
      set({ status: 'ready', view, form: formOf(view) });
    } catch (error) {
      set({ status: 'error', loadError: describeError(error, 'Could not read the settings.') });
    }
  },

  update: (patch) => {
    const errors = { ...get().errors };
    for (const key of Object.keys(patch)) delete errors[key as SettingsField];
    // A test result speaks for the settings it ran with, not for edited ones.
    set({ form: { ...get().form, ...patch }, errors, saved: false, saveError: null, test: { status: 'idle' } });
  },

  setApiKey: (apiKey) => set({ apiKey, keyError: null, saved: false }),
  setReplacingKey: (replacingKey) => set({ replacingKey, apiKey: '', keyError: null }),
  setAllowWeakStorage: (allowWeakStorage) => set({ allowWeakStorage, keyError: null }),

  save: async () => {
    const { form, apiKey, view } = get();
    const errors = validate(form);
    if (Object.keys(errors).length > 0) {
      set({ errors, saveError: null, saved: false });
      return false;
    }
    set({ saving: true, errors: {}, saveError: null, keyError: null, saved: false });
    const key = apiKey.trim();
    try {
      const next = await unwrap(
        api.settings.update({
          ai: {
            enabled: form.enabled,
            baseUrl: form.baseUrl.trim(),
            transcriptionModel: form.transcriptionModel.trim(),
            scoringModel: form.scoringModel.trim(),
          },
          keepMedia: form.keepMedia,
          retentionDays: form.retentionDays,
          ...(key === ''
            ? {}
            : {
                apiKey: key,
                // Only once the user has accepted weak protection on a system without a keyring.
                ...(view?.keyStorage === 'basic_text' && get().allowWeakStorage ? { allowWeakStorage: true } : {}),
              }),
        }),
      );
      set({ view: next, form: formOf(next), ...(key === '' ? {} : { apiKey: '', replacingKey: false, allowWeakStorage: false }) });
      set({ saved: true });
      return true;
    } catch (error) {
      const placed = error instanceof ApiError ? placeError(error.message) : null;
      if (placed) set({ errors: { [placed.field]: placed.text } });
      // A refused key (no keyring, weak storage not accepted) is said beside the key field.
      else if (key !== '' && error instanceof ApiError && error.code === 'conflict') set({ keyError: error.message });
      else set({ saveError: describeError(error, 'The settings could not be saved.') });
      return false;
    } finally {
      set({ saving: false });
    }
  },

  removeKey: async () => {
    set({ keyBusy: true, keyError: null });
    try {
      const view = await unwrap(api.settings.update({ apiKey: null }));
      set({ view, apiKey: '', replacingKey: false, test: { status: 'idle' } });
    } catch (error) {
      set({ keyError: describeError(error, 'The key could not be removed.') });
    } finally {
      set({ keyBusy: false });
    }
  },

  testConnection: async () => {
    // The test uses what is saved, so unsaved changes are saved first.
    if (isDirty(get()) && !(await get().save())) return;
    set({ test: { status: 'testing' } });
    try {
      const result = await unwrap(api.settings.testAi());
      set({ test: { status: 'done', ok: result.ok, message: result.message } });
    } catch (error) {
      set({ test: { status: 'done', ok: false, message: describeError(error, 'The connection could not be tested.') } });
    }
  },
}));
