import { describe, expect, it } from 'vitest';
import { countFillers, FILLERS, transcriptMetrics, type Filler, type TimedWord } from './transcriptMetrics';

/** Words `stepMs` apart from `startMs`, each `lengthMs` long. */
function timed(text: string, startMs: number, stepMs: number, lengthMs: number): TimedWord[] {
  return text.split(' ').map((word, i) => ({ word, startMs: startMs + i * stepMs, endMs: startMs + i * stepMs + lengthMs }));
}

function fillers(counts: Partial<Record<Filler, number>>): Record<Filler, number> {
  return { ...Object.fromEntries(FILLERS.map((f) => [f, 0])), ...counts } as Record<Filler, number>;
}

describe('transcriptMetrics', () => {
  // Answer a: 17 words from 2000 ms, 400 ms apart, 300 ms long: the last ends at 8700.
  const a = timed('Um, I like working with people. It was, like, you know, basically a kind of mentoring role.', 2000, 400, 300);
  // Answer b: 27 words from 12000 ms, 250 ms apart; "—" is not a word.
  const b = timed(
    'Uhh I mean it’s sort of hard, erm, actually literally — What kind of role would you like? Do you know? Ahh Er I don’t like that',
    12_000,
    250,
    200,
  );
  const words = [...a, ...b.reverse(), { word: 'Outside', startMs: 25_000, endMs: 25_300 }, { word: 'Yes.', startMs: 50_200, endMs: 50_600 }];
  const metrics = transcriptMetrics({
    words,
    answers: [
      { id: 'a', askedEndMs: 1000, startMs: 1500, endMs: 10_000 },
      { id: 'b', startMs: 10_000, endMs: 20_000 },
      { id: 'c', startMs: 30_000, endMs: 40_000 },
      { id: 'd', askedEndMs: 50_500, startMs: 50_000, endMs: 51_000 },
    ],
  });

  it('counts words, fillers, pace and latency of an answer', () => {
    expect(metrics[0]).toEqual({
      sessionQuestionId: 'a',
      answerWords: 17,
      wordsPerMinute: (17 * 60_000) / (8700 - 2000),
      // "I like" is the verb; "was, like," is the filler; "a kind of" names a kind.
      fillers: fillers({ um: 1, like: 1, 'you know': 1, basically: 1 }),
      fillerCount: 4,
      responseLatencyMs: 2000 - 1000,
    });
  });

  it('matches fillers across words, spelling variants and curly apostrophes; sorts the words', () => {
    const [, second] = metrics;
    expect(second?.answerWords).toBe(26);
    // Without a question end, latency runs from the answer mark.
    expect(second?.responseLatencyMs).toBe(12_000 - 10_000);
    expect(second?.wordsPerMinute).toBeCloseTo((26 * 60_000) / (26 * 250 + 200), 6);
    // "you like", "Do you know", "What kind of" and "don’t like" are meant literally.
    expect(second?.fillers).toEqual(
      fillers({ uh: 1, 'i mean': 1, 'sort of': 1, er: 2, actually: 1, literally: 1, ah: 1 }),
    );
    expect(second?.fillerCount).toBe(8);
  });

  it('reports nothing said as nulls, and talking over the question as no delay', () => {
    expect(metrics[2]).toEqual({
      sessionQuestionId: 'c',
      answerWords: 0,
      wordsPerMinute: null,
      fillers: fillers({}),
      fillerCount: 0,
      responseLatencyMs: null,
    });
    expect(metrics[3]).toMatchObject({ answerWords: 1, wordsPerMinute: 150, responseLatencyMs: 0 });
  });

  it('counts "like" as a filler only where it is not a verb or a comparison', () => {
    const count = (text: string) => countFillers(text.split(' ')).like;
    expect(count('i like it')).toBe(0);
    expect(count('we would like to')).toBe(0);
    expect(count('it looks like rain')).toBe(0);
    expect(count('things like that')).toBe(0);
    expect(count('it was like so big')).toBe(1);
    expect(count('like i said')).toBe(1);
    expect(count('and like um like')).toBe(2);
  });

  it('does not count the words of a phrase again', () => {
    const counts = countFillers('you know like i mean kind of'.split(' '));
    expect(counts).toEqual(fillers({ 'you know': 1, like: 1, 'i mean': 1, 'kind of': 1 }));
  });

  it('handles an hour of words', () => {
    const hour = timed(Array.from({ length: 9000 }, (_, i) => (i % 7 === 0 ? 'um' : 'word')).join(' '), 0, 400, 300);
    const answers = Array.from({ length: 30 }, (_, i) => ({ id: String(i), startMs: i * 120_000, endMs: (i + 1) * 120_000 }));
    const result = transcriptMetrics({ words: hour, answers });
    expect(result.reduce((acc, r) => acc + r.fillers.um, 0)).toBe(Math.ceil(9000 / 7));
    expect(result.reduce((acc, r) => acc + r.answerWords, 0)).toBe(9000);
  });
});
