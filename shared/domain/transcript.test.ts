import { describe, expect, it } from 'vitest';
import { transcriptExcerpt } from './transcript';
import type { Transcript, TranscriptSegment } from './types';

function segment(id: number, text: string, startMs: number, wordMs: number, editedText: string | null = null): TranscriptSegment {
  const words = text.split(' ').map((w, i) => ({
    // Services drop the punctuation from word timings.
    word: w.replace(/[.,]/g, '').toLowerCase(),
    startMs: startMs + i * wordMs,
    endMs: startMs + (i + 1) * wordMs,
    confidence: null,
  }));
  return { id, startMs, endMs: words.at(-1)!.endMs, text, editedText, confidence: null, words: editedText === null ? words : [] };
}

const transcript = (segments: TranscriptSegment[]): Transcript => ({ language: 'en', model: 'm', editedAt: null, segments });

describe('transcriptExcerpt', () => {
  it('keeps the words that start inside the range, spelled as in their segment', () => {
    // Words every 500 ms: "I built it." 0-1.5 s, "Then, I shipped it." 2-4 s (given out of order).
    const t = transcript([segment(2, 'Then, I shipped it.', 2000, 500), segment(1, 'I built it.', 0, 500)]);
    expect(transcriptExcerpt(t, 0, 10_000)).toBe('I built it. Then, I shipped it.');
    // From 1 s (the third word) to 3 s (before "shipped").
    expect(transcriptExcerpt(t, 1000, 3000)).toBe('it. Then, I');
    // Half-open: a word starting at the end belongs to the next take.
    expect(transcriptExcerpt(t, 0, 2000)).toBe('I built it.');
    expect(transcriptExcerpt(t, 5000, 9000)).toBe('');
  });

  it('spells with the timed words when the segment text does not line up with them', () => {
    const s = segment(1, 'one two three', 0, 500);
    const t = transcript([{ ...s, text: 'one-two three' }]);
    expect(transcriptExcerpt(t, 500, 2000)).toBe('two three');
  });

  it('a corrected segment has no word timings: its corrected text is kept whole where it overlaps', () => {
    const t = transcript([segment(1, 'I built it.', 0, 500), segment(2, 'Um I shiped it', 2000, 500, 'I shipped it.')]);
    expect(transcriptExcerpt(t, 1000, 2500)).toBe('it. I shipped it.');
    expect(transcriptExcerpt(t, 0, 1500)).toBe('I built it.');
  });
});
