import type { TimeRange } from './audioPieces';
import type { Quote } from './scoreSchema';

// Checking that a quote the model gives is really in the candidate's answer.

export interface TimedWord extends TimeRange {
  word: string;
}

export interface AnswerEvidence {
  window: TimeRange;
  /** The transcript's words whose midpoint lies in the answer window. */
  words: TimedWord[];
  /** The answer as text (the caller's, e.g. with the user's corrections). */
  text: string;
}

/** A quote shorter than this proves little: "I think" is in every answer. */
export const MIN_QUOTE_WORDS = 3;
/** Segment times the model copies may reach a little past the answer's marks. */
const WINDOW_TOLERANCE_MS = 1000;

/** Case, punctuation, apostrophes and spacing do not count when comparing quotes. */
export function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The quote as we keep it, or null when the answer does not bear it out.
 * - Found among the answer's timed words: kept, with the times of those words (the model's
 *   own times are then irrelevant, however wrong).
 * - Found only in the answer's text (no word timings): kept if the model's times fall inside
 *   the answer window (give or take a second), clamped to it.
 * - Otherwise, or shorter than MIN_QUOTE_WORDS (unless the whole answer is shorter): dropped.
 */
export function verifyQuote(quote: Quote, evidence: AnswerEvidence): Quote | null {
  const wanted = tokens(quote.text);
  const textTokens = tokens(evidence.text);
  const answerLength = Math.max(textTokens.length, evidence.words.length);
  if (wanted.length === 0 || wanted.length < Math.min(MIN_QUOTE_WORDS, answerLength)) return null;
  const text = quote.text.trim();
  const located = locateInWords(wanted, evidence.words);
  if (located) return { text, ...located };
  if (indexOfSequence(textTokens, wanted) < 0 || !insideWindow(quote, evidence.window)) return null;
  const clamp = (ms: number) => Math.min(Math.max(ms, evidence.window.startMs), evidence.window.endMs);
  return { text, startMs: clamp(quote.startMs), endMs: clamp(quote.endMs) };
}

function locateInWords(wanted: string[], words: TimedWord[]): TimeRange | null {
  // A transcribed "word" can hold several tokens ("well-known"), so match token by token
  // and remember which word each token came from.
  const owners: number[] = [];
  const flat: string[] = [];
  words.forEach((word, i) => {
    for (const token of tokens(word.word)) {
      flat.push(token);
      owners.push(i);
    }
  });
  const at = indexOfSequence(flat, wanted);
  if (at < 0) return null;
  const first = words[owners[at]!]!;
  const last = words[owners[at + wanted.length - 1]!]!;
  return { startMs: first.startMs, endMs: last.endMs };
}

function indexOfSequence(haystack: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (haystack[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}

function insideWindow(quote: Quote, window: TimeRange): boolean {
  return (
    quote.startMs >= window.startMs - WINDOW_TOLERANCE_MS &&
    quote.endMs <= window.endMs + WINDOW_TOLERANCE_MS &&
    quote.startMs <= quote.endMs
  );
}
