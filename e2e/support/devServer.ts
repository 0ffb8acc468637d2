import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';

const ROOT = resolve(__dirname, '..', '..');

/** `npm run dev:web`'s server as a child process, so a test can SIGKILL it like a crash. */
export class DevServerProcess {
  readonly dataDir: string;
  url = '';
  private child: ChildProcess | null = null;
  private output: string[] = [];

  /** `env`: added to the server's environment, e.g. FFMPEG_PATH to an ffmpeg a test holds back. */
  constructor(
    dataDir?: string,
    private readonly env: Record<string, string> = {},
  ) {
    this.dataDir = dataDir ?? mkdtempSync(join(tmpdir(), 'ir-e2e-'));
  }

  /** `files`: opened at start as a double-clicked file would be. */
  async start(files: readonly string[] = []): Promise<string> {
    // A developer's own key would let AI jobs run before a test gives its settings, against the real API.
    const { OPENAI_API_KEY: _key, ...env } = process.env;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'main/devweb/cli.ts'), '--data-dir', this.dataDir, '--port', '0', ...files],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, ...this.env } },
    );
    this.child = child;
    child.stderr!.on('data', (d: Buffer) => this.output.push(d.toString()));
    this.url = await new Promise<string>((resolvePromise, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        this.output.push(line);
        if (line.startsWith('READY ')) resolvePromise(line.slice(6).trim());
      });
      child.once('exit', (code) => reject(new Error(`dev server exited (${code}):\n${this.output.join('\n')}`)));
    });
    return this.url;
  }

  /** The crash: no chance to close files or finish anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    this.child = null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  /** Read-only view of the app's database, as the user's disk holds it. */
  db(): BetterSqlite3.Database {
    return new BetterSqlite3(join(this.dataDir, 'interview-recorder.sqlite'), { readonly: true });
  }

  logs(): string {
    return this.output.join('\n');
  }
}
