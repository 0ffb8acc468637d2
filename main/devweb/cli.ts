import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../log';
import { startDevServer } from './server';

// `npm run dev:web`: the app in any Chromium, without an Electron binary.
// Prints `READY <url>` on its own line once serving (the e2e harness waits for it). Files named
// on the command line are opened as the desktop app opens a double-clicked one.

const root = resolve(__dirname, '../..');
const log = createLogger('devweb');

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string', default: join(homedir(), '.interview-recorder-dev') },
      port: { type: 'string', default: '5183' },
      'min-free-mb': { type: 'string' },
    },
  });
  const minFreeMb = values['min-free-mb'] === undefined ? undefined : Number(values['min-free-mb']);
  const server = await startDevServer({
    dataDir: resolve(values['data-dir']),
    port: Number(values.port),
    rendererDir: join(root, 'out', 'renderer'),
    migrationsDir: join(root, 'migrations'),
    resourcesDir: join(root, 'resources'),
    appVersion: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    log,
    ...(minFreeMb === undefined
      ? {}
      : { disk: { minFreeToStart: minFreeMb * 1024 * 1024, minFreeWhileRecording: (minFreeMb / 2) * 1024 * 1024 } }),
  });
  for (const file of positionals) void server.app.openFile(resolve(file));
  process.stdout.write(`\nInterview Recorder (browser mode) is running.\nOpen: ${server.url}\nData: ${resolve(values['data-dir'])}\n\nREADY ${server.url}\n`);
  const stop = () => {
    void server.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log.error('could not start', { error });
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
