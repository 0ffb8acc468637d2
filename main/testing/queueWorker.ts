import { join, resolve } from 'node:path';
import { createApp } from '../app/createApp';
import { createLogger } from '../log';

// A process that runs the app's job queue on a data folder until it is idle, for the crash
// test: it prints RUNNING <kind> whenever a job starts, so the test can SIGKILL it mid-job.

const root = resolve(__dirname, '../..');

async function main(): Promise<void> {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: queueWorker <data-dir>');
  const app = await createApp({
    dataDir,
    migrationsDir: join(root, 'migrations'),
    resourcesDir: join(root, 'resources'),
    appVersion: 'test',
    mediaBaseUrl: () => '',
    ffmpegStaticPath: null,
    freeBytes: async () => 100 * 1024 ** 3,
    log: createLogger('worker', () => undefined),
  });
  app.hub.subscribe((name, payload) => {
    if (name === 'jobs:onUpdated' && (payload as { status: string }).status === 'running') {
      process.stdout.write(`RUNNING ${(payload as { kind: string }).kind}\n`);
    }
  });
  await app.runner.waitForIdle();
  await app.close();
  process.stdout.write('IDLE\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
