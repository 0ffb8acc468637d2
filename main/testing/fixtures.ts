import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { onTestFinished } from 'vitest';
import { createApp, type App, type AppOptions } from '../app/createApp';
import { createLogger } from '../log';
import { MemorySecretStore } from '../settings/SettingsService';

// Shared vitest fixtures: temp folders and real app services on real SQLite files.

export { ffprobeJson, makeLiveWebm, requireFfmpeg } from './media';

export const ROOT = resolve(__dirname, '../..');
export const MIGRATIONS_DIR = join(ROOT, 'migrations');
export const RESOURCES_DIR = join(ROOT, 'resources');

/** A fresh folder removed when the current test ends. */
export function tempDir(prefix = 'ir-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
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
    // Never a developer's OPENAI_API_KEY: tests talk to the loopback server only.
    secrets: new MemorySecretStore(null),
    // Tests of the pipeline turn the queue on; others keep their ffmpeg use to themselves.
    runJobs: false,
    ...overrides,
  });
  onTestFinished(() => app.close());
  return Object.assign(app, { dataDir });
}
