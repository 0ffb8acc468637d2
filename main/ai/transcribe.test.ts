import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  makeSpokenAudio,
  startFakeOpenAI,
  type FakeOpenAI,
  type ScriptWord,
  type SpokenAudio,
} from '../testing/fakeOpenAI';
import { requireFfmpeg, tempDir } from '../testing/fixtures';
import { parseSilences, planPieces, type PlannedPiece } from './audioPieces';
import { classifyAiError, createAiClient } from './client';
import { mergePieceReplies, transcribeRecording, type TranscribeOptions, type VerboseReply } from './transcribe';

describe('planPieces', () => {
  const base = { durationMs: 60_000, fileBytes: 600_000, overlapMs: 2000, fillRatio: 1 };

  it('keeps a recording that fits in one piece', () => {
    expect(planPieces({ ...base, maxPieceBytes: 600_000, silences: [] })).toEqual([
      { startMs: 0, endMs: 60_000, keepFromMs: -Infinity, keepUntilMs: Infinity },
    ]);
  });

  it('cuts in the middle of the last pause that fits, with the overlap around each seam', () => {
    // 10 bytes per ms: a piece may span 20 s.
    const silences = [
      { startMs: 5000, endMs: 6000 },
      { startMs: 14_000, endMs: 15_000 },
      { startMs: 16_000, endMs: 17_000 },
      { startMs: 30_000, endMs: 31_000 },
      { startMs: 44_000, endMs: 56_000 },
    ];
    const pieces = planPieces({ ...base, maxPieceBytes: 200_000, silences });
    expect(pieces).toEqual([
      { startMs: 0, endMs: 17_500, keepFromMs: -Infinity, keepUntilMs: 16_500 },
      { startMs: 15_500, endMs: 31_500, keepFromMs: 16_500, keepUntilMs: 30_500 },
      // The last pause's middle (50 s) is past the limit: cut as near to it as the limit allows.
      { startMs: 29_500, endMs: 49_500, keepFromMs: 30_500, keepUntilMs: 48_500 },
      { startMs: 47_500, endMs: 60_000, keepFromMs: 48_500, keepUntilMs: Infinity },
    ]);
    for (const p of pieces) expect((p.endMs - p.startMs) * 10).toBeLessThanOrEqual(200_000);
    expectTiled(pieces, 60_000);
  });

  it('cuts at the size limit when the speaker never pauses', () => {
    const pieces = planPieces({ ...base, maxPieceBytes: 200_000, silences: [] });
    expect(pieces.map((p) => [p.startMs, p.endMs])).toEqual([
      [0, 20_000],
      [18_000, 38_000],
      [36_000, 56_000],
      [54_000, 60_000],
    ]);
    expectTiled(pieces, 60_000);
  });

  it('refuses pieces too small to hold more than the overlap', () => {
    expect(() => planPieces({ ...base, maxPieceBytes: 30_000, silences: [] })).toThrow(RangeError);
  });
});

/** Every instant of the timeline belongs to exactly one piece's share, and lies inside that piece. */
function expectTiled(pieces: PlannedPiece[], durationMs: number): void {
  for (let t = 0; t < durationMs; t += 250) {
    const owners = pieces.filter((p) => t >= p.keepFromMs && t < p.keepUntilMs);
    expect(owners, `owners of ${t} ms`).toHaveLength(1);
    expect(t).toBeGreaterThanOrEqual(owners[0]!.startMs);
    expect(t).toBeLessThan(owners[0]!.endMs);
  }
}

describe('parseSilences', () => {
  it('reads silencedetect lines and closes a pause still open at the end', () => {
    const stderr = [
      '[silencedetect @ 0x1] silence_start: 0',
      '[silencedetect @ 0x1] silence_end: 0.5 | silence_duration: 0.5',
      'size=N/A time=00:00:10.00 bitrate=N/A speed= 500x',
      '[silencedetect @ 0x1] silence_start: 2.5981',
      '[silencedetect @ 0x1] silence_end: 3.948 | silence_duration: 1.3499',
      '[silencedetect @ 0x1] silence_start: 9.1',
    ].join('\n');
    expect(parseSilences(stderr, 10_000)).toEqual([
      { startMs: 0, endMs: 500 },
      { startMs: 2598, endMs: 3948 },
      { startMs: 9100, endMs: 10_000 },
    ]);
  });
});

describe('mergePieceReplies', () => {
  const first: PlannedPiece = { startMs: 0, endMs: 11_000, keepFromMs: -Infinity, keepUntilMs: 10_000 };
  const second: PlannedPiece = { startMs: 9000, endMs: 20_000, keepFromMs: 10_000, keepUntilMs: Infinity };
  const word = (text: string, start: number, end: number) => ({ word: ` ${text}`, start, end });

  it('keeps each word heard in an overlap once, from the piece whose share holds its midpoint', () => {
    const firstReply: VerboseReply = {
      language: 'english',
      segments: [{ start: 8, end: 11, text: ' Before across after.', avg_logprob: -0.1 }],
      // "across" straddles the seam at 10 s; its midpoint (10.05 s) is past it.
      words: [word('before', 9.4, 9.8), word('across', 9.8, 10.3), word('after', 10.3, 10.7)],
    };
    const secondReply: VerboseReply = {
      language: 'english',
      segments: [{ start: 0, end: 2, text: ' Before across after.', avg_logprob: -0.3 }],
      words: [word('before', 0.4, 0.8), word('across', 0.8, 1.3), word('after', 1.3, 1.7)],
    };
    const segments = mergePieceReplies([
      { piece: first, reply: firstReply },
      { piece: second, reply: secondReply },
    ]);
    const words = segments.flatMap((s) => s.words);
    expect(words.map((w) => [w.word, w.startMs, w.endMs])).toEqual([
      ['before', 9400, 9800],
      ['across', 9800, 10_300],
      ['after', 10_300, 10_700],
    ]);
    // The trimmed segments are rebuilt from their words and keep their own confidence.
    expect(segments.map((s) => [s.text, s.startMs, s.endMs])).toEqual([
      ['before', 9400, 9800],
      ['across after', 9800, 10_700],
    ]);
    expect(segments[0]!.confidence).toBeCloseTo(Math.exp(-0.1));
    expect(segments[1]!.confidence).toBeCloseTo(Math.exp(-0.3));
  });

  it('takes word confidence where the service gives it, and none where it does not', () => {
    const whole: PlannedPiece = { startMs: 0, endMs: 5000, keepFromMs: -Infinity, keepUntilMs: Infinity };
    const [withProbability] = mergePieceReplies([
      {
        piece: whole,
        reply: { words: [{ ...word('yes', 1, 1.5), probability: 0.8 }, { ...word('no', 2, 2.5), probability: 0.6 }] },
      },
    ]);
    expect(withProbability).toMatchObject({
      text: 'yes no',
      startMs: 1000,
      endMs: 2500,
      words: [{ confidence: 0.8 }, { confidence: 0.6 }],
    });
    expect(withProbability!.confidence).toBeCloseTo(0.7);
    const [plain] = mergePieceReplies([{ piece: whole, reply: { segments: [{ start: 0, end: 1, text: ' Hi.' }] } }]);
    expect(plain).toEqual({ startMs: 0, endMs: 1000, text: 'Hi.', confidence: null, words: [] });
  });

  it('keeps a segment without word timings in the piece that holds its middle', () => {
    const segmentAt = (start: number, end: number): VerboseReply => ({ segments: [{ start, end, text: ' Hello there.' }] });
    const merged = mergePieceReplies([
      { piece: first, reply: segmentAt(9.2, 10.4) }, // middle 9.8 s: the first piece's
      { piece: second, reply: segmentAt(0.2, 1.4) }, // the same segment, heard again
    ]);
    expect(merged.map((s) => [s.startMs, s.endMs])).toEqual([[9200, 10_400]]);
  });
});

// Real audio: words spoken by espeak-ng at known times, phrases separated by pauses.
const WORDS = [
  'alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima',
  'mike', 'november', 'oscar', 'papa', 'quebec', 'romeo', 'sierra', 'tango', 'uniform', 'victor', 'whiskey',
  'xray', 'yankee', 'zulu', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
  'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'red',
  'green', 'blue', 'yellow', 'purple',
];
const PHRASES = Array.from({ length: WORDS.length / 4 }, (_, i) => WORDS.slice(i * 4, i * 4 + 4));

describe('transcribeRecording with real audio', () => {
  let audioDir: string;
  let paused: SpokenAudio;
  let continuous: SpokenAudio;
  let fake: FakeOpenAI;

  beforeAll(async () => {
    audioDir = await mkdtemp(join(tmpdir(), 'ir-speech-'));
    const [a, b] = await Promise.all([
      makeSpokenAudio(await mkdtemp(join(audioDir, 'paused-')), PHRASES, { wordGapMs: 200, phraseGapMs: 1500 }),
      makeSpokenAudio(await mkdtemp(join(audioDir, 'continuous-')), [WORDS.slice(0, 40)], { leadMs: 0, wordGapMs: 150 }),
    ]);
    paused = a;
    continuous = b;
  });

  afterAll(async () => {
    await rm(audioDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });

  afterEach(async () => {
    await fake.close();
    expect(fake.problems).toEqual([]);
  });

  function options(audio: SpokenAudio, extra: Partial<TranscribeOptions> = {}): TranscribeOptions {
    fake.setTranscript({ kind: 'spoken', referenceAudio: audio.file, words: audio.words });
    return {
      client: createAiClient({ baseUrl: fake.baseUrl, apiKey: 'sk-test' }),
      model: 'whisper-1',
      audioFile: audio.file,
      ffmpeg: requireFfmpeg(),
      durationMs: audio.durationMs,
      workDir: tempDir(),
      ...extra,
    };
  }

  function uploads() {
    return fake.requests.filter((r) => r.endpoint === 'transcriptions').map((r) => r.upload!);
  }

  /** Every scripted word once, in order, within 60 ms of where it was spoken. */
  function expectEveryWordOnce(got: { word: string; startMs: number; endMs: number }[], script: ScriptWord[]): void {
    expect(got.map((w) => w.word)).toEqual(script.map((w) => w.word));
    got.forEach((w, i) => {
      expect(Math.abs(w.startMs - script[i]!.startMs), `${w.word} start`).toBeLessThan(60);
      expect(Math.abs(w.endMs - script[i]!.endMs), `${w.word} end`).toBeLessThan(60);
    });
  }

  it('splits a long recording at pauses with overlap and puts every word once on the timeline', async () => {
    expect(paused.durationMs).toBeGreaterThan(55_000);
    const maxPieceBytes = 40_000;
    const fractions: number[] = [];
    const opts = options(paused, { maxPieceBytes, onProgress: (f) => fractions.push(f) });

    const result = await transcribeRecording(opts);

    const pieces = uploads();
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    for (const piece of pieces) {
      expect(piece.filename).toMatch(/^piece-\d{3}\.ogg$/);
      expect(piece.bytes).toBeLessThanOrEqual(maxPieceBytes);
    }
    for (const [a, b] of pieces.slice(0, -1).map((p, i) => [p, pieces[i + 1]!] as const)) {
      const overlapMs = a.startMs! + a.durationMs - b.startMs!;
      expect(overlapMs).toBeGreaterThan(1900);
      expect(overlapMs).toBeLessThan(2100);
      expect(isBetweenPhrases(b.startMs! + overlapMs / 2, paused.words), 'the seam lies in a pause').toBe(true);
    }
    // The overlaps really held words twice, so the de-duplication was put to the test.
    expect(pieces.flatMap((p) => p.words).length).toBeGreaterThan(paused.words.length);
    expectEveryWordOnce(result.segments.flatMap((s) => s.words), paused.words);
    expect(result.language).toBe('english');
    for (const segment of result.segments) expect(segment.confidence).toBeCloseTo(Math.exp(-0.2));
    expect(fractions.length).toBe(pieces.length);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(fractions.at(-1)).toBe(1);
    expect(await readdir(opts.workDir!)).toEqual([]);
  });

  it('cuts speech without pauses at the size limit and still keeps every word once', async () => {
    // An unknown duration (0) is read from the file.
    const result = await transcribeRecording(options(continuous, { maxPieceBytes: 20_000, durationMs: 0 }));
    const pieces = uploads();
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(pieces.flatMap((p) => p.words).length).toBeGreaterThan(continuous.words.length);
    expectEveryWordOnce(result.segments.flatMap((s) => s.words), continuous.words);
  });

  it('sends a recording that fits whole, named so the service accepts Opus', async () => {
    const result = await transcribeRecording(options(paused, { language: 'en' }));
    expect(uploads()).toHaveLength(1);
    expect(uploads()[0]).toMatchObject({ filename: 'recording.ogg', startMs: 0 });
    expect(fake.requests[0]!.model).toBe('whisper-1');
    expectEveryWordOnce(result.segments.flatMap((s) => s.words), paused.words);
  });

  it("fails with the service's error when a piece fails, and removes its pieces", async () => {
    const opts = options(paused, { maxPieceBytes: 40_000 });
    const error = await transcribeRecording({
      ...opts,
      onProgress: () => fake.enqueueFault({ kind: 'rate_limit', retryAfter: '3' }, 'transcriptions'),
    }).then(() => null, (e: unknown) => e);
    expect(classifyAiError(error)).toMatchObject({ kind: 'retry', retryAfterMs: 3000 });
    expect(uploads()).toHaveLength(2);
    expect(await readdir(opts.workDir!)).toEqual([]);
  });

  it('rejects a reply without the expected fields, for a retry', async () => {
    const opts = options(paused);
    fake.setTranscript({ kind: 'reply', body: { text: 'hi', words: [{ word: 'hi', start: 'soon' }] } });
    const error = await transcribeRecording(opts).then(() => null, (e: unknown) => e);
    expect(classifyAiError(error)).toEqual({
      kind: 'retry',
      retryAfterMs: null,
      message: 'The transcription service sent a reply in an unexpected form.',
    });
  });

  it('gives up a hanging upload at the timeout', async () => {
    fake.enqueueFault({ kind: 'hang' });
    const started = performance.now();
    const error = await transcribeRecording(options(paused, { timeoutMs: 300 })).then(() => null, (e: unknown) => e);
    expect(classifyAiError(error)).toMatchObject({ kind: 'retry', message: 'The AI service did not answer in time.' });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('stops when cancelled between pieces and cleans up', async () => {
    const controller = new AbortController();
    const opts = options(paused, {
      maxPieceBytes: 40_000,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const error = await transcribeRecording(opts).then(() => null, (e: unknown) => e);
    expect(classifyAiError(error).kind).toBe('fatal');
    expect(uploads()).toHaveLength(1);
    expect(await readdir(opts.workDir!)).toEqual([]);
  });
});

function isBetweenPhrases(ms: number, words: ScriptWord[]): boolean {
  return words.some((w, i) => {
    const next = words[i + 1];
    return next !== undefined && next.startMs - w.endMs > 1000 && ms > w.endMs && ms < next.startMs;
  });
}
