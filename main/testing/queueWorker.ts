import { join, resolve } from 'node:path';
import { createApp } from '../app/createApp';
import { createLogger } from '../log';
import { MemorySecretStore } from '../settings/SettingsService';

// A process that runs the app's job queue on a data folder until it is idle, for the crash
// test: it prints `RUNNING <kind> <job id>` whenever a job starts, so the test can SIGKILL it
// mid-job and count the attempts it saw.

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
    // Never a developer's OPENAI_API_KEY: the AI endpoint in the folder's settings is a loopback test server.
    secrets: new MemorySecretStore(null),
    // Started below, once we listen: the jobs leased at start-up are the first a crash cuts off.
    runJobs: false,
  });
  app.hub.subscribe((name, payload) => {
    if (name !== 'jobs:onUpdated') return;
    const job = payload as { id: number; kind: string; status: string };
    if (job.status === 'running') process.stdout.write(`RUNNING ${job.kind} ${job.id}\n`);
  });
  app.runner.start();
  await app.runner.waitForIdle();
  await app.close();
  process.stdout.write('IDLE\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
