import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ffprobeStreamsAndChapters, makeLiveWebm, mp4TopLevelBoxes, requireFfmpeg } from '../testing/media';
import { probe, remuxToSeekable } from './ffmpeg';
import type { FfmpegLocation } from './ffmpegLocator';
import { ffmpegArgv, PARTIAL_SUFFIX, type Progress } from './runFfmpeg';
import { extractAudio, FfmpegError, makeThumbnail, MediaAbortError, transcodeMp4, transcodeSpec, type Chapter } from './steps';

/** Processes (Linux /proc) with `arg` in their argv: the ffmpeg writing a given file. */
function processesWithArg(arg: string): { pid: number; argv: string[] }[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
        return argv.includes(arg) ? [{ pid: Number(pid), argv }] : [];
      } catch {
        return []; // gone while we looked
      }
    });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function partialsIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith(PARTIAL_SUFFIX));
}

/** What a promise rejects with; a value it resolves with fails the type checks that follow. */
const settled = (promise: Promise<unknown>) => promise.catch((error: unknown) => error);

describe('media steps on a real recording', () => {
  let location: FfmpegLocation;
  let dir: string;
  let video: string;
  let videoMs: number;

  beforeAll(async () => {
    location = requireFfmpeg();
    dir = mkdtempSync(join(tmpdir(), 'ir-steps-'));
    const live = join(dir, 'live.webm');
    makeLiveWebm(live, 10, '640x360');
    video = join(dir, 'recording.webm');
    await remuxToSeekable(location, live, video);
    videoMs = (await probe(location, video)).durationMs ?? NaN;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a 480-pixel-wide JPEG poster frame', async () => {
    const out = join(dir, 'poster.jpg');
    const result = await makeThumbnail(location, video, out);
    expect(result).toEqual({ path: out, bytes: statSync(out).size, atMs: 1000 });
    expect([...readFileSync(out).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const [stream] = ffprobeStreamsAndChapters(out).streams;
    expect(stream).toMatchObject({ codec_name: 'mjpeg', width: 480, height: 270 });
    expect(partialsIn(dir)).toEqual([]);
  });

  it('fails with a sentence, and leaves nothing, when there is no frame at the time asked', async () => {
    const out = join(dir, 'late.jpg');
    const error = await settled(makeThumbnail(location, video, out, { atMs: 60_000 }));
    expect(error).toBeInstanceOf(FfmpegError);
    expect(error).toMatchObject({
      code: 'ffmpeg/failed',
      message: 'The thumbnail could not be made.',
      reason: 'Nothing in the file could be used.',
      permanent: true,
    });
    expect(existsSync(out)).toBe(false);
    expect(partialsIn(dir)).toEqual([]);
  });

  it('extracts small mono speech audio as long as the video', async () => {
    const out = join(dir, 'speech.ogg');
    const result = await extractAudio(location, video, out);
    expect(result.path).toBe(out);
    expect(result.bytes).toBe(statSync(out).size);
    // 24 kbit/s for 10 s is 30 kB; Ogg pages add a little.
    expect(result.bytes).toBeLessThan(34_000);
    expect(Math.abs(result.durationMs - videoMs)).toBeLessThanOrEqual(100);
    const streams = ffprobeStreamsAndChapters(out).streams;
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({ codec_type: 'audio', codec_name: 'opus', channels: 1 });
  });

  it('transcodes to a faststart H.264/AAC MP4 with the chapters asked for, reporting progress', async () => {
    const out = join(dir, 'interview.mp4');
    const chapters: Chapter[] = [
      { title: 'Why = us; #1 \\ "now"\nplease', startMs: 3333, endMs: 7777 },
      { title: 'Tell me about yourself', startMs: 0, endMs: 3333 },
      { title: 'A click apart', startMs: 5000, endMs: 5000 },
      { title: 'Last', startMs: 7777, endMs: 10_000 },
    ];
    const progress: Progress[] = [];
    const result = await transcodeMp4(location, video, out, { chapters, durationMs: videoMs, onProgress: (p) => progress.push(p) });

    expect(result).toMatchObject({ path: out, bytes: statSync(out).size });
    const { streams, chapters: found } = ffprobeStreamsAndChapters(out);
    const v = streams.find((s) => s.codec_type === 'video');
    const a = streams.find((s) => s.codec_type === 'audio');
    expect(v).toMatchObject({ codec_name: 'h264', pix_fmt: 'yuv420p' });
    expect(a).toMatchObject({ codec_name: 'aac' });
    expect(Math.abs(Number(v?.duration) - Number(a?.duration)) * 1000).toBeLessThanOrEqual(100);
    expect(Math.abs(result.durationMs - videoMs)).toBeLessThanOrEqual(100);

    // Sorted by start; the empty one is left out.
    const ms = (c: (typeof found)[number], at: number) => {
      const [num = 1, den = 1] = c.time_base.split('/').map(Number);
      return (at * num * 1000) / den;
    };
    expect(found.map((c) => c.tags?.title)).toEqual(['Tell me about yourself', 'Why = us; #1 \\ "now"\nplease', 'Last']);
    const asked = [[0, 3333], [3333, 7777], [7777, 10_000]];
    found.forEach((c, i) => {
      expect(Math.abs(ms(c, c.start) - (asked[i]?.[0] ?? NaN))).toBeLessThanOrEqual(1);
      expect(Math.abs(ms(c, c.end) - (asked[i]?.[1] ?? NaN))).toBeLessThanOrEqual(1);
    });

    const boxes = mp4TopLevelBoxes(out);
    expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));

    // Several reports, always forward, with time left once under way, ending at 1.
    const fractions = progress.map((p) => p.fraction);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    fractions.slice(1).forEach((f, i) => expect(f).toBeGreaterThan(fractions[i] ?? 1));
    expect(fractions.at(-2)).toBeGreaterThan(0.8);
    expect(progress.at(-1)).toEqual({ fraction: 1, etaMs: 0 });
    expect(progress.some((p) => p.fraction > 0 && p.fraction < 1 && typeof p.etaMs === 'number' && p.etaMs > 0)).toBe(true);
    expect(partialsIn(dir)).toEqual([]);
  });

  it('gives video and sound one length when the recorder stopped them apart', async () => {
    for (const [videoS, audioS] of [[3.5, 4], [4, 3.5]]) {
      const live = join(dir, `apart-${videoS}.webm`);
      execFileSync(location.ffmpeg, [
        '-v', 'error', '-y',
        '-f', 'lavfi', '-t', String(videoS), '-i', 'testsrc2=size=320x240:rate=15',
        '-f', 'lavfi', '-t', String(audioS), '-i', 'sine=frequency=440:sample_rate=48000',
        '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-c:a', 'libopus', '-f', 'webm', '-live', '1', live,
      ]);
      const seekable = join(dir, `apart-${videoS}.seekable.webm`);
      await remuxToSeekable(location, live, seekable);
      const out = join(dir, `apart-${videoS}.mp4`);
      const result = await transcodeMp4(location, seekable, out);

      const { streams } = ffprobeStreamsAndChapters(out);
      const [v, a] = ['video', 'audio'].map((type) => Number(streams.find((s) => s.codec_type === type)?.duration) * 1000);
      expect(Math.abs(v! - a!), `video ${videoS} s, audio ${audioS} s`).toBeLessThanOrEqual(100);
      expect(Math.abs(result.durationMs - 4000)).toBeLessThanOrEqual(100);
    }
  });

  it('cancels a transcode: ffmpeg is killed at once and leaves no file', async () => {
    const out = join(dir, 'cancelled.mp4');
    const partial = out + PARTIAL_SUFFIX;
    const chapters = [{ title: 'One', startMs: 0, endMs: 5000 }];
    const controller = new AbortController();
    let running: { pid: number; argv: string[] } | undefined;
    let abortedAt = 0;
    // veryslow takes ~10 s here, so the abort lands mid-run.
    const run = transcodeMp4(location, video, out, {
      chapters,
      preset: 'veryslow',
      durationMs: videoMs,
      signal: controller.signal,
      onProgress: () => {
        if (abortedAt) return;
        [running] = processesWithArg(partial);
        abortedAt = performance.now();
        controller.abort();
      },
    });
    const error = await settled(run);
    expect(error).toBeInstanceOf(MediaAbortError);
    expect((error as Error).name).toBe('AbortError');
    expect(performance.now() - abortedAt).toBeLessThan(2000);

    // The process we saw ran exactly the argv the bench is given for the same job.
    const metadata = `${out}.chapters${PARTIAL_SUFFIX}`;
    const { videoMs: v, audioMs: a } = await probe(location, video);
    const streamEnds = { videoMs: v!, audioMs: a! };
    const expected = ffmpegArgv({ ...transcodeSpec(video, out, metadata, { preset: 'veryslow', streamEnds }), output: partial });
    expect(running?.argv).toEqual([location.ffmpeg, ...expected]);
    expect(isRunning(running?.pid ?? 0)).toBe(false);
    expect(processesWithArg(partial)).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect(partialsIn(dir)).toEqual([]);
  });

  it('rejects a file of random bytes with a sentence and ffmpeg’s reason', async () => {
    const corrupt = join(dir, 'corrupt.webm');
    writeFileSync(corrupt, randomBytes(100_000));
    for (const [step, sentence] of [
      [() => transcodeMp4(location, corrupt, join(dir, 'corrupt.mp4')), 'The recording could not be converted to MP4.'],
      [() => extractAudio(location, corrupt, join(dir, 'corrupt.ogg')), 'The audio could not be extracted from the recording.'],
    ] as const) {
      const error = await settled(step());
      expect(error).toBeInstanceOf(FfmpegError);
      expect(error).toMatchObject({
        code: 'ffmpeg/failed',
        message: sentence,
        reason: 'The file is damaged or is not a recording.',
        permanent: true,
      });
      expect(String((error as FfmpegError).cause)).toMatch(/Invalid data found when processing input/);
    }
    expect(readdirSync(dir).filter((name) => name.startsWith('corrupt.') && name !== 'corrupt.webm')).toEqual([]);
  });

  it('converts what decodes of a recording cut in half', async () => {
    // A truncated WebM (a crash mid-write) is not an error: ffmpeg reads up to the cut, so the
    // steps succeed with the first half.
    const half = join(dir, 'half.webm');
    copyFileSync(video, half);
    truncateSync(half, Math.floor(statSync(video).size / 2));
    const mp4 = await transcodeMp4(location, half, join(dir, 'half.mp4'));
    const audio = await extractAudio(location, half, join(dir, 'half.ogg'));
    for (const result of [mp4, audio]) {
      expect(result.durationMs).toBeGreaterThan(videoMs * 0.3);
      expect(result.durationMs).toBeLessThan(videoMs * 0.7);
    }
  });
});
