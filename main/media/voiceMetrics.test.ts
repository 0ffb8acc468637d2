import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures';
import { makeSpeechWav, requireFfmpeg, type SpeechSegment } from '../testing/media';
import { FfmpegError } from './runFfmpeg';
import {
  integratedLoudness,
  loudnessRange,
  measureVoice,
  parseVoiceLog,
  voiceMetrics,
  windowMetrics,
  type VoiceWindowMetrics,
} from './voiceMetrics';

// Captured from `ffmpeg -i voice.wav -map 0:a:0 -af <voiceFilter(-35, 300)> -f null -` on a stereo
// WAV: "Yes." (0-323 ms), 2.5 s of digital silence, "Yes." 30 dB louder in the left channel only
// (clipping), 0.5 s of silence. 3647 ms in all.
const CAPTURED = readFileSync(join(__dirname, 'testdata', 'voice-stereo.stderr.txt'), 'utf8');

describe('voice log parser', () => {
  const log = parseVoiceLog(CAPTURED);

  it('reads silences, 100 ms frames, loudness blocks and the summary', () => {
    expect(log.silences).toEqual([
      { startMs: 323, endMs: 2823 },
      { startMs: 3147, endMs: 3647 },
    ]);
    // 36 frames of 4800 samples and a last one of 2256, at 48 kHz.
    expect(log.frames).toHaveLength(37);
    expect(log.decodedMs).toBe(3600 + 47);
    expect(log.loudness).toHaveLength(36);
    expect(log.loudness[3]).toEqual({ endMs: 400, momentaryLufs: -18.5, shortTermLufs: -120.7 });
    expect(log.summary).toEqual({ integratedLufs: -4.9, loudnessRangeLu: 2.7 });
  });

  it('counts clipped samples per channel, in the frames of the loud take only', () => {
    const clipped = log.frames.filter((f) => f.clippedSamples > 0);
    expect(clipped.map((f) => f.startMs)).toEqual([2800, 2900, 3000, 3100]);
    // The left channel's full-scale counts; the quiet right channel adds none; both count as samples.
    expect(clipped.map((f) => f.clippedSamples)).toEqual([668, 1350, 830, 249]);
    expect(log.frames[0]?.samples).toBe(2 * 4800);
    const whole = windowMetrics(log, { sessionQuestionId: null, startMs: 0, endMs: log.decodedMs }, 2000);
    expect(whole.clippingPercent).toBeCloseTo((100 * (668 + 1350 + 830 + 249)) / (2 * (36 * 4800 + 2256)), 9);
  });

  it('computes loudness over a window as ebur128 does over the whole', () => {
    const whole = windowMetrics(log, { sessionQuestionId: null, startMs: 0, endMs: log.decodedMs }, 2000);
    expect(whole.integratedLufs).toBeCloseTo(-4.9, 0);
    expect(Math.abs((whole.loudnessRangeLu ?? NaN) - 2.7)).toBeLessThanOrEqual(0.15);
  });

  it('splits the recording into answer windows', () => {
    const [overall, first, second] = voiceMetrics(
      log,
      [
        { id: 'q1', startMs: 0, endMs: 2000 },
        { id: 'q2', startMs: 2000, endMs: 3647 },
      ],
      2000,
    ) as [VoiceWindowMetrics, VoiceWindowMetrics, VoiceWindowMetrics];
    expect(overall).toMatchObject({
      sessionQuestionId: null,
      talkMs: 647,
      silenceMs: 3000,
      longPauseCount: 1,
      longestPauseMs: 2500,
      pauses: [{ startMs: 323, endMs: 2823 }],
      // The whole recording takes ebur128's own figures.
      integratedLufs: -4.9,
      loudnessRangeLu: 2.7,
    });
    // The 2.5 s pause is cut in two by the windows: neither half is over 2 s.
    expect(first).toMatchObject({ sessionQuestionId: 'q1', talkMs: 323, silenceMs: 1677, longPauseCount: 0, clippingPercent: 0 });
    expect(second).toMatchObject({ sessionQuestionId: 'q2', talkMs: 324, silenceMs: 823 + 500, longPauseCount: 0 });
    expect(second.clippingPercent).toBeGreaterThan(1);
    // Under 3 s: no short-term block fits, so no range.
    expect(second.loudnessRangeLu).toBeNull();
    expect(first.integratedLufs).toBeLessThan(-15);
    expect(second.integratedLufs).toBeGreaterThan(-6);
  });

  it('survives a log cut short, odd values and mixed lines', () => {
    const cut = parseVoiceLog(
      [
        'size=N/A time=00:00:00.00 bitrate=N/A speed=N/A    [Parsed_ametadata_4 @ 0x1] frame:0    pts:0       pts_time:0',
        '[Parsed_ametadata_4 @ 0x1] lavfi.astats.1.Peak_level=-inf',
        '[Parsed_ametadata_4 @ 0x1] lavfi.astats.1.Peak_count=9600.000000',
        '[Parsed_ametadata_4 @ 0x1] lavfi.astats.Overall.Number_of_samples=4800.000000',
        '[silencedetect @ 0x2] silence_start: -0.0125',
        '[Parsed_ebur128_6 @ 0x3] t: 0.0999792  TARGET:-23 LUFS    M:   nan S:  -inf     I: -70.0 LUFS       LRA:   0.0 LU',
        '[Parsed_ametadata_4 @ 0x1] frame:1    pts:4800    pts_time:0.1',
        '[Parsed_ametadata_4 @ 0x1] lavfi.astats.1.Peak_level=-inf',
        '[Parsed_ametadata_4 @ 0x1] lavfi.astats.Overall.Number_of_samples=4800.000000',
        'garbage I: 12 LUFS',
      ].join('\r\n'),
    );
    expect(cut.silences).toEqual([{ startMs: 0, endMs: 200 }]);
    expect(cut.loudness).toEqual([{ endMs: 100, momentaryLufs: null, shortTermLufs: null }]);
    expect(cut.summary).toBeNull();
    expect(cut.decodedMs).toBe(200);
    const [overall] = voiceMetrics(cut, [], 2000);
    expect(overall).toMatchObject({ talkMs: 0, silenceMs: 200, integratedLufs: null, loudnessRangeLu: null, clippingPercent: 0 });
  });

  it('gates loudness as BS.1770 and Tech 3342 say', () => {
    expect(integratedLoudness([-20, -20, -80])).toBeCloseTo(-20, 9);
    // -40 is more than 10 LU under the mean of the rest: gated out.
    expect(integratedLoudness([-20, -20, -40])).toBeCloseTo(-20, 9);
    expect(integratedLoudness([-23, -20])).toBeCloseTo(10 * Math.log10((10 ** -2.3 + 10 ** -2) / 2), 9);
    expect(integratedLoudness([-90, -120])).toBeNull();
    const ramp = Array.from({ length: 20 }, (_, i) => -30 + i);
    // 20 values: P10 is the 2nd, P95 the 19th.
    expect(loudnessRange(ramp)).toBeCloseTo(-12 - -29, 9);
    expect(loudnessRange([-75])).toBeNull();
  });
});

describe('measureVoice', () => {
  it('finds the pauses, talk time, loudness and clipping of a spoken recording, per answer', async () => {
    const location = requireFfmpeg();
    const dir = tempDir();
    const wav = join(dir, 'voice.wav');
    const { durationMs, segments } = makeSpeechWav(wav, [
      { say: 'I have worked on distributed systems for five years' },
      { silenceMs: 3000 },
      { say: 'Most of that time I led a small team' },
      { silenceMs: 2500 },
      { say: 'We shipped every week', gainDb: 30 },
    ]);
    const [speech1, pause1, speech2, pause2, speech3] = segments as [SpeechSegment, SpeechSegment, SpeechSegment, SpeechSegment, SpeechSegment];
    const progress: number[] = [];
    const [overall, q1, q2] = (await measureVoice(location, wav, {
      answers: [
        // The first pause is split in two halves of 1.5 s: a pause in neither answer.
        { id: 'q1', startMs: 0, endMs: pause1.startMs + 1500 },
        { id: 'q2', startMs: pause1.startMs + 1500, endMs: durationMs },
      ],
      onProgress: (p) => progress.push(p.fraction),
    })) as [VoiceWindowMetrics, VoiceWindowMetrics, VoiceWindowMetrics];

    expect(overall.endMs).toBeGreaterThan(durationMs - 50);
    expect(overall.longPauseCount).toBe(2);
    for (const [found, made] of [[overall.pauses[0], pause1], [overall.pauses[1], pause2]] as const) {
      expect(Math.abs((found?.startMs ?? NaN) - made.startMs)).toBeLessThanOrEqual(250);
      expect(Math.abs((found?.endMs ?? NaN) - made.endMs)).toBeLessThanOrEqual(250);
    }
    expect(overall.longestPauseMs).toBeGreaterThan(2750);
    const spoken = [speech1, speech2, speech3].reduce((acc, s) => acc + s.endMs - s.startMs, 0);
    // Gaps between words over 300 ms count as silence, so talk is a little under the phrases' length.
    expect(overall.talkMs).toBeLessThanOrEqual(spoken + 250);
    expect(overall.talkMs).toBeGreaterThan(spoken * 0.8);
    expect(overall.talkMs + overall.silenceMs).toBe(overall.endMs);
    expect(Number.isFinite(overall.integratedLufs)).toBe(true);
    expect(overall.integratedLufs).toBeGreaterThan(-40);
    expect(overall.integratedLufs).toBeLessThan(0);
    expect(Number.isFinite(overall.loudnessRangeLu)).toBe(true);

    expect(q1).toMatchObject({ sessionQuestionId: 'q1', longPauseCount: 0, clippingPercent: 0 });
    expect(q2.sessionQuestionId).toBe('q2');
    expect(q2.pauses).toHaveLength(1);
    expect(Math.abs((q2.pauses[0]?.startMs ?? NaN) - pause2.startMs)).toBeLessThanOrEqual(250);
    expect(q1.silenceMs + q2.silenceMs).toBe(overall.silenceMs);
    // Only the last phrase was pushed past full scale.
    expect(q2.clippingPercent).toBeGreaterThan(0.5);
    expect(q2.integratedLufs).toBeGreaterThan(q1.integratedLufs ?? 0);
    expect(progress.at(-1)).toBe(1);
  });

  it('rejects a damaged file, and a video without sound, with the step sentence and the reason', async () => {
    const location = requireFfmpeg();
    const dir = tempDir();
    const damaged = join(dir, 'damaged.webm');
    writeFileSync(damaged, Buffer.alloc(50_000, 7));
    const silentVideo = join(dir, 'silent.webm');
    execFileSync(location.ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x64:rate=5', '-t', '1', '-c:v', 'libvpx', silentVideo]);
    for (const [file, reason] of [
      [damaged, 'The file is damaged or is not a recording.'],
      [silentVideo, 'The file holds no audio or video to use.'],
    ] as const) {
      const error = await measureVoice(location, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FfmpegError);
      expect(error).toMatchObject({ code: 'ffmpeg/failed', message: 'The voice in the recording could not be measured.', reason });
    }
  });
});
