import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { ROOT, tempDir } from '../testing/fixtures';

// The shell with Electron mocked: every contract channel is registered, calls from frames other
// than our main frame are refused, windows are locked down, permissions limited to the camera.

const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
const windows: { options: { webPreferences: Record<string, unknown> } }[] = [];
let permissionRequest: (wc: unknown, permission: string, cb: (ok: boolean) => void, details: { requestingUrl: string }) => void;
let ready: () => void;
const whenReady = new Promise<void>((resolve) => (ready = resolve));
const dataDir = { path: '' };

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => [];
    webContents = { setWindowOpenHandler: vi.fn(), on: vi.fn(), send: vi.fn() };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this);
    }
    once = vi.fn();
    loadFile = vi.fn(async () => undefined);
    loadURL = vi.fn(async () => undefined);
  }
  return {
    app: {
      isPackaged: false,
      getAppPath: () => ROOT,
      getVersion: () => '9.9.9',
      getPath: () => dataDir.path,
      whenReady: () => whenReady,
      on: vi.fn(),
      exit: vi.fn(),
      quit: vi.fn(),
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(channel, fn) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof permissionRequest) => (permissionRequest = fn),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    shell: { openExternal: vi.fn() },
    // Linux without a keyring: reversible, as Chromium's basic_text is.
    safeStorage: {
      getSelectedStorageBackend: () => 'basic_text',
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`v10${Buffer.from(text).toString('base64')}`),
      decryptString: (data: Buffer) => Buffer.from(data.toString().slice(3), 'base64').toString(),
    },
  };
});

describe('Electron shell', () => {
  beforeAll(async () => {
    process.env.INTERVIEW_RECORDER_QUIET = '1';
    delete process.env.ELECTRON_RENDERER_URL;
  });
  afterAll(() => handlers.clear());

  it('registers the contract, checks senders, locks windows and permissions', async () => {
    dataDir.path = tempDir();
    await import('./main');
    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1), { timeout: 10_000 });

    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });

    // The shell loads ../renderer/index.html beside its own file (out/main -> out/renderer).
    const page = pathToFileURL(join(__dirname, '../renderer/index.html')).href + '#/new';
    const mainFrame = { url: page };
    const ours = { sender: { mainFrame }, senderFrame: mainFrame };
    const info = (await handlers.get('app:info')!(ours, undefined)) as { ok: boolean; value: { version: string } };
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9' } });

    const subFrame = { url: page };
    const fromIframe = { sender: { mainFrame }, senderFrame: subFrame };
    const foreign = { sender: { mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } };
    foreign.sender.mainFrame = foreign.senderFrame;
    for (const event of [fromIframe, foreign, { sender: { mainFrame }, senderFrame: null }]) {
      expect(await handlers.get('candidates:list')!(event, undefined)).toMatchObject({ ok: false, error: { code: 'ipc/forbidden' } });
    }

    const answers: boolean[] = [];
    permissionRequest(null, 'media', (ok) => answers.push(ok), { requestingUrl: page });
    permissionRequest(null, 'geolocation', (ok) => answers.push(ok), { requestingUrl: page });
    permissionRequest(null, 'media', (ok) => answers.push(ok), { requestingUrl: 'https://evil.example/' });
    expect(answers).toEqual([true, false, false]);

    // The AI key goes to safeStorage in a file of its own, after the user accepts weak storage.
    const setKey = handlers.get('settings:update')!;
    expect(await setKey(ours, { apiKey: 'sk-test-123' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('no keyring') } });
    expect(await setKey(ours, { apiKey: 'sk-test-123', allowWeakStorage: true })).toMatchObject({
      ok: true,
      value: { hasApiKey: true, keyStorage: 'basic_text' },
    });
    const stored = readFileSync(join(dataDir.path, 'secrets', 'ai-key.bin'), 'utf8');
    expect(stored).not.toContain('sk-test-123');
    expect(JSON.stringify(await handlers.get('settings:get')!(ours, undefined))).not.toContain('sk-test-123');
    expect(await setKey(ours, { apiKey: null })).toMatchObject({ ok: true, value: { hasApiKey: false } });
    expect(existsSync(join(dataDir.path, 'secrets', 'ai-key.bin'))).toBe(false);
  });
});
