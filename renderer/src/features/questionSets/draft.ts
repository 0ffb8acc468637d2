import { DIFFICULTIES, type Difficulty, type InterviewType } from '../../../../shared/domain/enums';
import type { QuestionSet, SetQuestion } from '../../../../shared/domain/types';
import type { CallInput } from '../../../../shared/ipc/contract';

// The editor works on a draft of text fields (what the inputs hold); it becomes the contract's
// input only when saved, with a sentence for each field that is not right.

export interface DraftQuestion {
  /** Stable across edits for React and drag and drop; a saved question's id. */
  key: string;
  id?: string;
  text: string;
  category: string;
  difficulty: Difficulty;
  /** Comma-separated. */
  keywords: string;
  lookFor: string;
  thinkSeconds: string;
  /** Empty: no limit. */
  limitSeconds: string;
  retakes: string;
}

export interface Draft {
  name: string;
  interviewType: InterviewType;
  description: string;
  instructions: string;
  questions: DraftQuestion[];
}

export type DraftErrors = Record<string, string>;
export type QuestionField = 'text' | 'category' | 'thinkSeconds' | 'limitSeconds' | 'retakes';
export const questionError = (key: string, field: QuestionField) => `${key}.${field}`;

let counter = 0;
export const newKey = () => `new-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export function blankQuestion(): DraftQuestion {
  return { key: newKey(), text: '', category: 'general', difficulty: DIFFICULTIES[1], keywords: '', lookFor: '', thinkSeconds: '0', limitSeconds: '', retakes: '0' };
}

const seconds = (ms: number) => String(Math.round(ms / 100) / 10);

function draftQuestion(q: SetQuestion): DraftQuestion {
  return {
    key: q.id,
    id: q.id,
    text: q.text,
    category: q.category,
    difficulty: q.difficulty,
    keywords: q.keywords.join(', '),
    lookFor: q.lookFor ?? '',
    thinkSeconds: seconds(q.thinkTimeMs),
    limitSeconds: q.answerLimitMs === null ? '' : seconds(q.answerLimitMs),
    retakes: String(q.retakesAllowed),
  };
}

export function draftOf(set: QuestionSet): Draft {
  return {
    name: set.name,
    interviewType: set.interviewType,
    description: set.description,
    instructions: set.instructions,
    questions: set.questions.map(draftQuestion),
  };
}

export function emptyDraft(): Draft {
  return { name: '', interviewType: 'custom', description: '', instructions: '', questions: [blankQuestion()] };
}

/** Same content, whatever the keys of questions not yet saved. */
export function sameDraft(a: Draft, b: Draft): boolean {
  const strip = (d: Draft) => JSON.stringify({ ...d, questions: d.questions.map(({ key: _key, ...q }) => q) });
  return strip(a) === strip(b);
}

function number(text: string, min: number, max: number, integer: boolean): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  if (value < min || value > max || (integer && !Number.isInteger(value))) return null;
  return value;
}

export type SetInput = CallInput<'questionSets:create'>;

/** The contract's input, or the sentences to show beside the fields. */
export function toInput(draft: Draft): { input: SetInput; errors: null } | { input: null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (!draft.name.trim()) errors.name = 'Give the set a name.';
  if (draft.questions.length === 0) errors.questions = 'Add at least one question.';
  const questions = draft.questions.map((q) => {
    const fail = (field: QuestionField, message: string) => (errors[questionError(q.key, field)] = message);
    if (!q.text.trim()) fail('text', 'Write the question.');
    if (!q.category.trim()) fail('category', 'Give it a category.');
    const think = number(q.thinkSeconds || '0', 0, 600, false);
    if (think === null) fail('thinkSeconds', 'Between 0 and 600 seconds.');
    const limit = q.limitSeconds.trim() ? number(q.limitSeconds, 1, 3600, false) : null;
    if (q.limitSeconds.trim() && limit === null) fail('limitSeconds', 'Between 1 and 3600 seconds, or empty for no limit.');
    const retakes = number(q.retakes || '0', 0, 10, true);
    if (retakes === null) fail('retakes', 'A whole number from 0 to 10.');
    return {
      ...(q.id ? { id: q.id } : {}),
      text: q.text.trim(),
      category: q.category.trim(),
      difficulty: q.difficulty,
      keywords: [...new Set(q.keywords.split(',').map((k) => k.trim()).filter(Boolean))],
      lookFor: q.lookFor.trim() || null,
      thinkTimeMs: Math.round((think ?? 0) * 1000),
      answerLimitMs: limit === null ? null : Math.round(limit * 1000),
      retakesAllowed: retakes ?? 0,
    };
  });
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      name: draft.name.trim(),
      interviewType: draft.interviewType,
      description: draft.description.trim(),
      instructions: draft.instructions.trim(),
      questions,
    },
    errors: null,
  };
}
