// Speech metrics per answer from a transcript's word timings: pure and fast, run after transcription.

export interface TimedWord {
  word: string;
  startMs: number;
  endMs: number;
}

export interface TranscriptAnswer {
  id: string;
  /** When the question finished (the avatar stopped talking); latency is measured from here if set. */
  askedEndMs?: number;
  startMs: number;
  endMs: number;
}

export const FILLERS = [
  'um', 'uh', 'er', 'ah', 'like', 'you know', 'i mean', 'sort of', 'kind of', 'basically', 'actually', 'literally',
] as const;
export type Filler = (typeof FILLERS)[number];

/** Per answer; the field names are those of the voice_metrics table. */
export interface AnswerSpeech {
  /** The answer's id as given (a session question). */
  sessionQuestionId: string;
  /** Words said in the answer, fillers included. */
  answerWords: number;
  /** Words over the time from the first word's start to the last word's end; null with no words. */
  wordsPerMinute: number | null;
  fillerCount: number;
  fillers: Record<Filler, number>;
  /** From the question's end (else the answer's start mark) to the first word, at least 0; null with no words. */
  responseLatencyMs: number | null;
}

const DETERMINERS = [
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'what', 'which', 'any', 'some', 'every', 'each', 'no',
  'one', 'another', 'same', 'other', 'my', 'your', 'our', 'their', 'his', 'her', 'its',
];

/**
 * Words that, just before a filler candidate, show it is meant literally. A simple heuristic that
 * prefers missing a filler to flagging a sentence:
 * - "like" is a verb after a subject, an auxiliary or "to" ("I like", "would like", "to like"),
 *   and a preposition after verbs of seeming and after "something" ("looks like", "things like");
 *   anywhere else ("it was, like, huge") it is a filler;
 * - "kind of" / "sort of" after a determiner name a kind ("what kind of role", "a sort of plan");
 * - "you know" after "do", "if"… is a question or condition ("do you know why").
 */
const LITERAL_AFTER: Partial<Record<Filler, ReadonlySet<string>>> = {
  like: new Set([
    'i', 'you', 'we', 'they', 'who', 'people',
    'do', 'does', 'did', "don't", "doesn't", "didn't", 'would', "wouldn't", "i'd", "you'd", "we'd", "they'd",
    'will', "won't", "i'll", "we'll", "they'll", 'might', 'could', 'should', 'to', 'not', 'really', 'also', 'still',
    'never', 'always', 'just',
    'look', 'looks', 'looked', 'looking', 'feel', 'feels', 'felt', 'feeling', 'seem', 'seems', 'seemed',
    'sound', 'sounds', 'sounded', 'something', 'anything', 'nothing', 'things', 'more', 'much',
  ]),
  'kind of': new Set(DETERMINERS),
  'sort of': new Set(DETERMINERS),
  'you know': new Set(['do', 'did', 'does', "don't", "didn't", 'if', 'would', 'as', 'whether']),
};

/** Lower case, curly apostrophes straightened, punctuation around the word dropped ("Um," → "um"). */
function normalize(word: string): string {
  return word
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Hesitations are spelled however the transcriber hears them: "umm", "uhh", "erm", "ahh". */
function hesitation(token: string): Filler | null {
  if (/^u+h*m+$/.test(token)) return 'um';
  if (/^u+h+$/.test(token)) return 'uh';
  if (/^e+r+m*$/.test(token)) return 'er';
  if (/^a+h+$/.test(token)) return 'ah';
  return null;
}

const PHRASES = FILLERS.filter((f) => f.includes(' ')).map((f) => ({ filler: f, parts: f.split(' ') }));
const SINGLE_WORDS: ReadonlySet<string> = new Set(FILLERS.filter((f) => !f.includes(' ')));

/** Counts fillers in normalized tokens; a phrase's words are not counted again on their own. */
export function countFillers(tokens: readonly string[]): Record<Filler, number> {
  const counts = Object.fromEntries(FILLERS.map((f) => [f, 0])) as Record<Filler, number>;
  for (let i = 0; i < tokens.length; i++) {
    const previous = tokens[i - 1] ?? '';
    const phrase = PHRASES.find(({ parts }) => parts.every((part, k) => tokens[i + k] === part));
    const token = tokens[i] ?? '';
    const filler = phrase?.filler ?? hesitation(token) ?? (SINGLE_WORDS.has(token) ? (token as Filler) : null);
    if (!filler) continue;
    if (phrase) i += phrase.parts.length - 1;
    if (LITERAL_AFTER[filler]?.has(previous)) continue;
    counts[filler] += 1;
  }
  return counts;
}

export function transcriptMetrics(input: { words: readonly TimedWord[]; answers: readonly TranscriptAnswer[] }): AnswerSpeech[] {
  const words = input.words
    .map((w) => ({ ...w, token: normalize(w.word) }))
    .filter((w) => w.token !== '')
    .sort((a, b) => a.startMs - b.startMs);
  return input.answers.map((answer) => {
    const said = words.filter((w) => w.startMs >= answer.startMs && w.startMs < answer.endMs);
    const first = said[0];
    const last = said.at(-1);
    const spanMs = first && last ? last.endMs - first.startMs : 0;
    const fillers = countFillers(said.map((w) => w.token));
    return {
      sessionQuestionId: answer.id,
      answerWords: said.length,
      wordsPerMinute: spanMs > 0 ? (said.length * 60_000) / spanMs : null,
      fillerCount: Object.values(fillers).reduce((a, b) => a + b, 0),
      fillers,
      // Talking over the end of the question is an immediate answer, not a negative delay.
      responseLatencyMs: first ? Math.max(0, first.startMs - (answer.askedEndMs ?? answer.startMs)) : null,
    };
  });
}
