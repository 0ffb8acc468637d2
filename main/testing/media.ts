import { execFileSync } from 'node:child_process';
import { locateFfmpeg, type FfmpegLocation } from '../media/ffmpegLocator';

// Real media for tests and benchmarks (no test-runner imports, so e2e and bench use it too).

export function requireFfmpeg(): FfmpegLocation {
  const found = locateFfmpeg({ env: process.env, staticPath: null });
  if (!found) throw new Error('These tests need ffmpeg and ffprobe on PATH (apt-get install ffmpeg).');
  return found;
}

/**
 * Encodes a WebM like MediaRecorder's: VP8 + Opus, written as a live stream (no duration, no
 * cues), so it needs the same remux before it can seek.
 */
export function makeLiveWebm(file: string, seconds: number, size = '320x240'): void {
  const { ffmpeg } = requireFfmpeg();
  execFileSync(ffmpeg, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=15`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
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

