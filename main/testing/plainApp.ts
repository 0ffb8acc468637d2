import { join, resolve } from 'node:path';
import { createApp, type App, type AppOptions } from '../app/createApp';
import { createLogger } from '../log';

// The real services on a given data folder, quiet and with the queue off, for code outside
// vitest (e2e specs seeding a data folder, benchmarks). Closing it is the caller's job.

const ROOT = resolve(__dirname, '../..');

export function plainApp(dataDir: string, overrides: Partial<AppOptions> = {}): Promise<App> {
  return createApp({
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    appVersion: '0.0.0-plain',
    mediaBaseUrl: () => '',
    log: createLogger('plain', () => undefined),
    runJobs: false,
    freeBytes: async () => 100 * 1024 ** 3,
    ...overrides,
  });
}
