import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { locateFfmpeg, type FfmpegLocation } from '../media/ffmpegLocator';

// Real media for tests and benchmarks (no test-runner imports, so e2e and bench use it too).

export function requireFfmpeg(): FfmpegLocation {
  const found = locateFfmpeg({ env: process.env, staticPath: null });
  if (!found) throw new Error('These tests need ffmpeg and ffprobe on PATH (apt-get install ffmpeg).');
  return found;
}

/**
 * Encodes a WebM like MediaRecorder's: VP8 + Opus, written as a live stream (no duration, no
 * cues), so it needs the same remux before it can seek. The sound is a tone, or `audio` padded
 * with silence to the length.
 */
export function makeLiveWebm(file: string, seconds: number, size = '320x240', audio?: string): void {
  const { ffmpeg } = requireFfmpeg();
  execFileSync(ffmpeg, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=15`,
    ...(audio ? ['-i', audio, '-af', 'apad'] : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000']),
    '-t', String(seconds),
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k',
    '-c:a', 'libopus', '-b:a', '48k',
    '-f', 'webm', '-live', '1', '-cluster_time_limit', '1000',
    file,
  ]);
}

export function ffprobeJson(file: string): {
  format: { duration?: string; format_name: string };
  streams: { codec_type: string; codec_name: string }[];
} {
  const { ffprobe } = requireFfmpeg();
  const out = execFileSync(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  return JSON.parse(out.toString('utf8'));
}

export type SpeechPart = { say: string; gainDb?: number } | { silenceMs: number };
export interface SpeechSegment {
  kind: 'speech' | 'silence';
  startMs: number;
  endMs: number;
}

/**
 * A mono WAV of espeak-ng phrases and exact digital silences, in order. Each phrase is trimmed of
 * espeak's own leading and trailing silence, so the returned timeline is where speech really is.
 * `gainDb` makes a phrase louder (past full scale it clips).
 */
export function makeSpeechWav(file: string, parts: readonly SpeechPart[]): { durationMs: number; segments: SpeechSegment[] } {
  const { ffmpeg } = requireFfmpeg();
  const rate = 22050;
  const trim = 'silenceremove=start_periods=1:start_threshold=-60dB';
  const chains: string[] = [];
  const segments: SpeechSegment[] = [];
  const pieces: string[] = [];
  let atSamples = 0;
  const ms = (samples: number) => Math.round((samples / rate) * 1000);
  parts.forEach((part, i) => {
    if ('silenceMs' in part) {
      const samples = Math.round((part.silenceMs / 1000) * rate);
      chains.push(`aevalsrc=0:s=${rate}:c=mono:d=${samples / rate}[p${i}]`);
      segments.push({ kind: 'silence', startMs: ms(atSamples), endMs: ms(atSamples + samples) });
      atSamples += samples;
      return;
    }
    const piece = `${file}.part${i}.wav`;
    pieces.push(piece, `${piece}.trim.wav`);
    execFileSync('espeak-ng', ['-w', piece, part.say]);
    execFileSync(ffmpeg, [
      '-v', 'error', '-y', '-i', piece,
      '-af', `${trim},areverse,${trim},areverse,aresample=${rate},volume=${part.gainDb ?? 0}dB`,
      '-ac', '1', '-c:a', 'pcm_s16le', `${piece}.trim.wav`,
    ]);
    const samples = Math.round(Number(ffprobeJson(`${piece}.trim.wav`).format.duration) * rate);
    chains.push(`amovie=${piece}.trim.wav[p${i}]`);
    segments.push({ kind: 'speech', startMs: ms(atSamples), endMs: ms(atSamples + samples) });
    atSamples += samples;
  });
  const labels = parts.map((_, i) => `[p${i}]`).join('');
  execFileSync(ffmpeg, [
    '-v', 'error', '-y',
    '-filter_complex', `${chains.join(';')};${labels}concat=n=${parts.length}:v=0:a=1`,
    '-c:a', 'pcm_s16le', file,
  ]);
  for (const piece of pieces) rmSync(piece);
  return { durationMs: ms(atSamples), segments };
}

/** The top-level boxes of an MP4 in file order (`moov` before `mdat` means faststart). */
export function mp4TopLevelBoxes(file: string): string[] {
  const data = readFileSync(file);
  const boxes: string[] = [];
  for (let at = 0; at + 8 <= data.length; ) {
    let size = data.readUInt32BE(at);
    boxes.push(data.toString('latin1', at + 4, at + 8));
    if (size === 1) size = Number(data.readBigUInt64BE(at + 8));
    if (size === 0) break;
    at += size;
  }
  return boxes;
}

export interface ProbedStream {
  codec_type: string;
  codec_name: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  channels?: number;
  duration?: string;
}

/** ffprobe's streams with their own durations, and the chapters (times in their time base). */
export function ffprobeStreamsAndChapters(file: string): {
  streams: ProbedStream[];
  chapters: { time_base: string; start: number; end: number; tags?: { title?: string } }[];
} {
  const { ffprobe } = requireFfmpeg();
  const out = execFileSync(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_chapters', file]);
  return JSON.parse(out.toString('utf8'));
}
