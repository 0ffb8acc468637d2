import { describe, expect, it } from 'vitest';
import { tokens, verifyQuote, type AnswerEvidence, type TimedWord } from './quotes';

function timedWords(startMs: number, text: string): TimedWord[] {
  return text.split(' ').map((word, i) => ({ word, startMs: startMs + i * 400, endMs: startMs + i * 400 + 300 }));
}

const answer: AnswerEvidence = {
  window: { startMs: 10_000, endMs: 20_000 },
  words: timedWords(10_000, "Well, I don't think so. We shipped the well-known fix on Friday."),
  text: "Well, I don't think so. We shipped the well-known fix on Friday.",
};

describe('tokens', () => {
  it('ignores case, punctuation, apostrophes and spacing', () => {
    expect(tokens("  I DON'T\tthink — so… “Well-known”!")).toEqual(['i', 'dont', 'think', 'so', 'well', 'known']);
    expect(tokens('Ｆｕｌｌ　width')).toEqual(['full', 'width']);
  });
});

describe('verifyQuote', () => {
  it('keeps a quote found among the words, with the times of those words, whatever times the model gave', () => {
    expect(verifyQuote({ text: 'we shipped the WELL KNOWN fix', startMs: 0, endMs: 1 }, answer)).toEqual({
      text: 'we shipped the WELL KNOWN fix',
      startMs: 12_000,
      endMs: 13_900,
    });
  });

  it('drops a quote that is not in the answer, or only nearly', () => {
    expect(verifyQuote({ text: 'we shipped the fix on Monday', startMs: 12_000, endMs: 14_000 }, answer)).toBeNull();
    expect(verifyQuote({ text: 'we shipped a well-known fix', startMs: 12_000, endMs: 14_000 }, answer)).toBeNull();
  });

  it('drops quotes too short to prove anything, unless the whole answer is that short', () => {
    expect(verifyQuote({ text: 'the fix', startMs: 12_000, endMs: 13_000 }, answer)).toBeNull();
    const yes: AnswerEvidence = { window: { startMs: 0, endMs: 1000 }, words: timedWords(0, 'Yes.'), text: 'Yes.' };
    expect(verifyQuote({ text: 'yes', startMs: 0, endMs: 300 }, yes)).toEqual({ text: 'yes', startMs: 0, endMs: 300 });
  });

  it('without word timings, keeps a quote from the text only if its times fall in the answer window', () => {
    const textOnly: AnswerEvidence = { ...answer, words: [] };
    const quote = { text: 'I dont think so', startMs: 10_500, endMs: 20_400 };
    expect(verifyQuote(quote, textOnly)).toEqual({ ...quote, endMs: 20_000 });
    expect(verifyQuote({ ...quote, startMs: 2000 }, textOnly)).toBeNull();
    expect(verifyQuote({ ...quote, endMs: 25_000 }, textOnly)).toBeNull();
  });
});
