import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onTestFinished } from 'vitest';
import { createApp, type App, type AppOptions } from '../app/createApp';
import { locateFfmpeg, type FfmpegLocation } from '../media/ffmpegLocator';
import { createLogger } from '../log';

// Shared test fixtures: temp folders, the real ffmpeg, real app services on real SQLite files.

export const ROOT = resolve(__dirname, '../..');
export const MIGRATIONS_DIR = join(ROOT, 'migrations');
export const RESOURCES_DIR = join(ROOT, 'resources');

/** A fresh folder removed when the current test ends. */
export function tempDir(prefix = 'ir-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

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

export const quietLog = createLogger('test', () => undefined);

/** The real services on a temp data folder; closed when the test ends. */
export async function testApp(overrides: Partial<AppOptions> = {}): Promise<App & { dataDir: string }> {
  const dataDir = overrides.dataDir ?? tempDir();
  const app = await createApp({
    dataDir,
    migrationsDir: MIGRATIONS_DIR,
    resourcesDir: RESOURCES_DIR,
    appVersion: '0.0.0-test',
    mediaBaseUrl: () => 'media://local/',
    log: quietLog,
    freeBytes: async () => 100 * 1024 ** 3,
    ffmpegStaticPath: null,
    ...overrides,
  });
  onTestFinished(() => app.close());
  return Object.assign(app, { dataDir });
}
