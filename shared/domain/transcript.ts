// Reading a transcript by time: the review's transcript panel and the take comparison.

import type { Transcript, TranscriptSegment } from './types';

/**
 * A segment's timed words, spelled as in the segment's text when the two line up (services often
 * drop punctuation from word timings).
 */
export function spelledWords(segment: TranscriptSegment): { text: string; startMs: number }[] {
  const spelled = segment.text.trim().split(/\s+/);
  const useText = spelled.length === segment.words.length;
  return segment.words.map((w, i) => ({ text: useText ? (spelled[i] ?? w.word) : w.word.trim(), startMs: w.startMs }));
}

/**
 * What was said between two moments: the words that start inside the range; a corrected
 * segment has no word timings, so its corrected text is kept whole when it overlaps the range.
 * Empty when nothing was said there.
 */
export function transcriptExcerpt(transcript: Transcript, startMs: number, endMs: number): string {
  const parts: string[] = [];
  for (const segment of [...transcript.segments].sort((a, b) => a.startMs - b.startMs)) {
    if (segment.endMs <= startMs || segment.startMs >= endMs) continue;
    if (segment.editedText !== null || segment.words.length === 0) {
      parts.push((segment.editedText ?? segment.text).trim());
      continue;
    }
    for (const w of spelledWords(segment)) if (w.startMs >= startMs && w.startMs < endMs) parts.push(w.text);
  }
  return parts.filter((p) => p !== '').join(' ');
}
