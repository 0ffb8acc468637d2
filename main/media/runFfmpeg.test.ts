import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { ffprobeJson, makeLiveWebm, requireFfmpeg } from '../testing/media';
import { remuxSpec, remuxToSeekable } from './ffmpeg';
import { AppError } from '../../shared/ipc/result';
import {
  cleanupPartials,
  explainFailure,
  FfmpegError,
  ffmpegArgv,
  MediaAbortError,
  parseTimemark,
  progressAt,
  runFfmpeg,
  stderrTail,
} from './runFfmpeg';
import { transcodeSpec } from './steps';

describe('ffmpeg runner, pure parts', () => {
  it('reads ffmpeg time marks', () => {
    expect(parseTimemark('00:00:07.24')).toBe(7240);
    expect(parseTimemark('01:02:03.5')).toBe(3_723_500);
    expect(parseTimemark('-00:00:00.02')).toBe(-20);
    for (const bad of ['N/A', '', '7.24', undefined]) expect(parseTimemark(bad)).toBeNull();
  });

  it('turns a time mark into a fraction and the time left', () => {
    expect(progressAt(5000, 10_000, 2000)).toEqual({ fraction: 0.5, etaMs: 2000 });
    expect(progressAt(2500, 10_000, 1000)).toEqual({ fraction: 0.25, etaMs: 3000 });
    // Too early to extrapolate; past the end or before the start is clamped.
    expect(progressAt(100, 10_000, 50)).toEqual({ fraction: 0.01, etaMs: null });
    expect(progressAt(12_000, 10_000, 5000)).toEqual({ fraction: 1, etaMs: 0 });
    expect(progressAt(-20, 10_000, 5)).toEqual({ fraction: 0, etaMs: null });
  });

  it('names the causes a user can act on, and only those', () => {
    const damaged = { reason: 'The file is damaged or is not a recording.', permanent: true };
    expect(explainFailure('x.webm: Invalid data found when processing input')).toEqual(damaged);
    expect(explainFailure('[matroska,webm @ 0x1] EBML header parsing failed')).toEqual(damaged);
    expect(explainFailure('in.webm: No such file or directory')).toEqual({ reason: 'The file is missing.', permanent: true });
    // Space can be freed: worth another try later.
    expect(explainFailure('av_interleaved_write_frame(): No space left on device')).toEqual({ reason: 'The disk is full.', permanent: false });
    expect(explainFailure("Stream map '0:a:0' matches no streams.")?.reason).toBe('The file holds no audio or video to use.');
    expect(explainFailure('Conversion failed!')).toBeNull();
    expect(explainFailure(null)).toBeNull();
  });

  it('keeps the step sentence as the message and the cause beside it', () => {
    const error = new FfmpegError('The thumbnail could not be made.', { reason: 'The disk is full.', permanent: false });
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'ffmpeg/failed', message: 'The thumbnail could not be made.', permanent: false });
    expect(error.explanation).toBe('The thumbnail could not be made. The disk is full.');
    expect(new FfmpegError('It failed.', null).explanation).toBe('It failed.');
  });

  it('keeps the last lines of stderr, whatever their line ends', () => {
    expect(stderrTail('banner\nframe=1\rframe=2\r\nerror one\nerror two\n', 3)).toBe('frame=2\nerror one\nerror two');
    expect(stderrTail(null)).toBe('');
  });

  it('documents the bare commands the bench times', () => {
    expect(ffmpegArgv(remuxSpec('in.webm', 'out.webm'))).toEqual(
      '-nostdin -stats_period 0.25 -fflags +genpts+discardcorrupt -i in.webm -y -c copy -map 0 -f webm out.webm'.split(' '),
    );
    expect(ffmpegArgv(transcodeSpec('in.webm', 'out.mp4', 'chapters.txt')).join(' ')).toBe(
      '-nostdin -stats_period 0.25 -i in.webm -f ffmetadata -i chapters.txt -y -map 0:v:0 -map 0:a:0? ' +
        '-map_metadata 1 -map_chapters 1 -vf scale=trunc(iw/2)*2:trunc(ih/2)*2 -pix_fmt yuv420p ' +
        '-c:v libx264 -preset veryfast -crf 23 -fps_mode vfr -c:a aac -b:a 96k -movflags +faststart -f mp4 out.mp4',
    );
  });
});

describe('ffmpeg runner', () => {
  it('removes the partial files a killed run left, and nothing else', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'r1.mp4.partial'), 'x');
    writeFileSync(join(dir, 'r1.mp4.chapters.partial'), 'x');
    writeFileSync(join(dir, 'r1.webm'), 'x');
    mkdirSync(join(dir, 'folder.partial'));
    expect((await cleanupPartials(dir)).sort()).toEqual(['r1.mp4.chapters.partial', 'r1.mp4.partial']);
    expect(readdirSync(dir).sort()).toEqual(['folder.partial', 'r1.webm']);
    expect(await cleanupPartials(join(dir, 'missing'))).toEqual([]);
  });

  it('does not start ffmpeg once cancelled', async () => {
    const dir = tempDir();
    const out = join(dir, 'out.webm');
    const controller = new AbortController();
    controller.abort();
    await expect(
      runFfmpeg(requireFfmpeg(), remuxSpec(join(dir, 'missing.webm'), out), {
        signal: controller.signal,
        durationMs: null,
        failure: 'unused',
      }),
    ).rejects.toBeInstanceOf(MediaAbortError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('replaces a stale partial file and renames the output into place', async () => {
    const dir = tempDir();
    const live = join(dir, 'capture.webm');
    const out = join(dir, 'seekable.webm');
    makeLiveWebm(live, 2);
    writeFileSync(`${out}.partial`, 'left by a crash');
    const fractions: number[] = [];
    await remuxToSeekable(requireFfmpeg(), live, out, { durationMs: 2000, onProgress: (p) => fractions.push(p.fraction) });
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect(Number(ffprobeJson(out).format.duration)).toBeGreaterThan(1.9);
    expect(fractions.at(-1)).toBe(1);
    expect(new Set(fractions).size).toBe(fractions.length);
  });
});
