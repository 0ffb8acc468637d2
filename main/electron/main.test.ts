import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LINKS } from '../../shared/domain/links';
import { CHANNELS } from '../../shared/ipc/contract';
import { CONTENT_SECURITY_POLICY_HEADER } from '../security/csp';
import type { OpenRequest } from '../../shared/domain/types';
import { exportedBundle } from '../testing/bundle';
import { ROOT, tempDir } from '../testing/fixtures';
import { hostileGenerator, prototypeSnapshot, resultProblem } from '../testing/hostile';

// The shell with Electron mocked: every contract channel is registered, calls from frames other
// than our main frame are refused, windows and every web contents are locked down, permissions
// follow the route, media is confined to the data folder, and files from the OS reach one place.

type Listener = (...args: unknown[]) => unknown;
const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
const appEvents = new Map<string, Listener>();
const windows: FakeWindow[] = [];
let permissionRequest: (wc: unknown, permission: string, cb: (ok: boolean) => void, details: object) => void;
let permissionCheck: (wc: unknown, permission: string, origin: string, details: object) => boolean;
let headersReceived: (details: { url: string; responseHeaders: Record<string, string[]> }, cb: (r: object) => void) => void;
let mediaHandler: (request: Request) => Promise<Response>;
let ready: () => void;
const whenReady = new Promise<void>((resolve) => (ready = resolve));
const dataDir = { path: '' };
const openExternal = vi.fn();
/** Shell calls made at import time, before any test (mock call records are reset per test). */
const atStart: string[] = [];

interface FakeWindow {
  options: { webPreferences: Record<string, unknown> };
  url: string;
  webContents: { executeJavaScript: ReturnType<typeof vi.fn>; send: ReturnType<typeof vi.fn>; getURL: () => string };
  emitReady: () => void;
}

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => windows;
    static getFocusedWindow = () => null;
    url = '';
    private readyListeners: (() => void)[] = [];
    webContents = { send: vi.fn(), executeJavaScript: vi.fn(async () => undefined), getURL: () => this.url };
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      windows.push(this as unknown as FakeWindow);
    }
    on = vi.fn();
    once = (name: string, fn: () => void) => name === 'ready-to-show' && this.readyListeners.push(fn);
    emitReady = () => this.readyListeners.forEach((fn) => fn());
    show = vi.fn();
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
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
      enableSandbox: () => atStart.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      on: (name: string, fn: Listener) => appEvents.set(name, fn),
      exit: vi.fn(),
      quit: vi.fn(),
    },
    BrowserWindow,
    // The user closes the file dialogs: nothing is picked.
    dialog: { showErrorBox: vi.fn(), showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })), showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(channel, fn) },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: (_scheme: string, fn: typeof mediaHandler) => (mediaHandler = fn) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof permissionRequest) => (permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof permissionCheck) => (permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: typeof headersReceived) => (headersReceived = fn) },
      },
    },
    shell: { openExternal },
    systemPreferences: { getMediaAccessStatus: () => 'granted', askForMediaAccess: async () => true },
    // Linux without a keyring: reversible, as Chromium's basic_text is.
    safeStorage: {
      getSelectedStorageBackend: () => 'basic_text',
      isEncryptionAvailable: () => true,
      encryptString: (text: string) => Buffer.from(`v10${Buffer.from(text).toString('base64')}`),
      decryptString: (data: Buffer) => Buffer.from(data.toString().slice(3), 'base64').toString(),
    },
  };
});

/** A fake web contents recording what the shell registers on it. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on: (name: string, fn: Listener) => listeners.set(name, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    emit(name: string, url?: string) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('Electron shell', () => {
  // The shell loads ../renderer/index.html beside its own file (out/main -> out/renderer).
  const base = pathToFileURL(join(__dirname, '../renderer/index.html')).href;
  const page = `${base}#/new`;
  const mainFrame = { url: page };
  const ours = { sender: { mainFrame }, senderFrame: mainFrame };
  /** Where a bundle is double-clicked before the app is ready (macOS sends open-file that early); made in the test. */
  const bundleDir = mkdtempSync(join(tmpdir(), 'ir-shell-bundle-'));

  beforeAll(async () => {
    process.env.INTERVIEW_RECORDER_QUIET = '1';
    delete process.env.ELECTRON_RENDERER_URL;
    dataDir.path = mkdtempSync(join(tmpdir(), 'ir-shell-'));
    await import('./main');
    appEvents.get('open-file')!({ preventDefault: vi.fn() }, join(bundleDir, 'Ada.interview'));
    ready();
    await vi.waitFor(() => expect(windows).toHaveLength(1), { timeout: 10_000 });
  });
  afterAll(() => {
    handlers.clear();
    rmSync(dataDir.path, { recursive: true, force: true });
    rmSync(bundleDir, { recursive: true, force: true });
  });

  it('registers the contract, checks senders, sandboxes every renderer', async () => {
    expect(atStart).toContain('enableSandbox');
    expect([...handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(windows[0]!.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });

    const info = (await handlers.get('app:info')!(ours, undefined)) as { ok: boolean; value: { version: string } };
    expect(info).toMatchObject({ ok: true, value: { version: '9.9.9' } });

    const subFrame = { url: page };
    const fromIframe = { sender: { mainFrame }, senderFrame: subFrame };
    const foreign = { sender: { mainFrame: { url: 'https://evil.example/' } }, senderFrame: { url: 'https://evil.example/' } };
    foreign.sender.mainFrame = foreign.senderFrame;
    const otherFile = { url: 'file:///tmp/evil.html' };
    for (const event of [fromIframe, foreign, { sender: { mainFrame }, senderFrame: null }, { sender: { mainFrame: otherFile }, senderFrame: otherFile }]) {
      for (const channel of CHANNELS) {
        expect(await handlers.get(channel)!(event, undefined), channel).toMatchObject({ ok: false, error: { code: 'ipc/forbidden' } });
      }
    }
    // Our frame with a bad payload: a typed error from validation.
    expect(await handlers.get('sessions:get')!(ours, { sessionId: '../../etc' })).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
  });

  it('grants camera and microphone on the recording screens only, and nothing else', () => {
    const wc = (url: string) => ({ getURL: () => url });
    const answers: [string, boolean][] = [];
    const request = (what: string, contents: unknown, permission: string, details: object) =>
      permissionRequest(contents, permission, (ok) => answers.push([what, ok]), details);
    const media = { isMainFrame: true, mediaTypes: ['video', 'audio'] };
    request('setup', wc(page), 'media', { ...media, requestingUrl: page });
    request('room', wc(`${base}#/room/1`), 'media', { ...media, requestingUrl: `${base}#/room/1` });
    request('session page', wc(`${base}#/sessions/1`), 'media', { ...media, requestingUrl: `${base}#/sessions/1` });
    request('subframe', wc(page), 'media', { ...media, isMainFrame: false, requestingUrl: page });
    request('geolocation', wc(page), 'geolocation', { isMainFrame: true, requestingUrl: page });
    request('evil', wc('https://evil.example/#/new'), 'media', { ...media, requestingUrl: 'https://evil.example/#/new' });
    request('no contents', null, 'media', { ...media, requestingUrl: page });
    expect(answers).toEqual([
      ['setup', true],
      ['room', true],
      ['session page', false],
      ['subframe', false],
      ['geolocation', false],
      ['evil', false],
      ['no contents', false],
    ]);
    expect(permissionCheck(wc(page), 'media', 'file:///', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(permissionCheck(wc(`${base}#/`), 'media', 'file:///', { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(permissionCheck(wc(page), 'notifications', 'file:///', { isMainFrame: true })).toBe(false);
    expect(permissionCheck(null, 'media', 'file:///', { isMainFrame: true })).toBe(false);
  });

  it('locks down every web contents: no webviews, no navigation, no windows, allowed https links outside', () => {
    const contents = fakeContents();
    appEvents.get('web-contents-created')!({}, contents);
    expect(contents.emit('will-attach-webview')).toBe(true);
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.emit('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.emit('will-navigate', `${base}#/settings`)).toBe(false);

    expect(contents.open(LINKS.openAiKeys)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith(LINKS.openAiKeys);
    openExternal.mockClear();
    for (const url of ['https://evil.example/', 'http://platform.openai.com/api-keys', 'file:///etc/passwd', `${base}#/new`]) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('serves media from the data folder only, with ranges and the CSP', async () => {
    const dir = join(dataDir.path, 'recordings', 's1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'r1.webm'), Buffer.alloc(1000, 7));
    const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
      mediaHandler(new Request(`media://local/${path}`, { method, headers }));
    const whole = await get('recordings/s1/r1.webm');
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY_HEADER);
    expect((await whole.arrayBuffer()).byteLength).toBe(1000);
    const part = await get('recordings/s1/r1.webm', { range: 'bytes=100-199' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await get('recordings/s1/r1.webm', { range: 'bytes=5000-' })).status).toBe(416);
    expect((await get('recordings/s1/%2e%2e/%2e%2e/interview-recorder.sqlite')).status).toBe(404);
    expect((await get('recordings/s1/r1.webm', {}, 'POST')).status).toBe(405);
  });

  it('adds the CSP header to the dev server page, leaves other responses alone', () => {
    const results: object[] = [];
    headersReceived({ url: 'https://evil.example/', responseHeaders: {} }, (r) => results.push(r));
    headersReceived({ url: page, responseHeaders: {} }, (r) => results.push(r));
    expect(results).toEqual([{}, {}]);
  });

  it('asks the OS for camera access through IPC (granted off macOS)', async () => {
    expect(await handlers.get('system:mediaAccess')!(ours, undefined)).toEqual({
      ok: true,
      value: { camera: 'granted', microphone: 'granted', settingsHint: null },
    });
  });

  it('imports files the OS opens: early ones once the window is shown, never leaving a recording', async () => {
    const take = async () => ((await handlers.get('share:takeOpenRequests')!(ours, undefined)) as { value: OpenRequest[] }).value;
    const bundle = await exportedBundle(bundleDir);
    const window = windows[0]!;
    const openFile = appEvents.get('open-file')!;
    // Opened before ready: kept by the shell until the window is shown, then imported.
    window.url = `${base}#/settings`;
    expect(await take()).toEqual([]);
    window.emitReady();
    expect(window.webContents.executeJavaScript).toHaveBeenCalledWith("location.hash = '#/'");
    const early = await vi.waitFor(async () => {
      const taken = await take();
      expect(taken).toHaveLength(1);
      return taken[0]!;
    });
    expect(early).toMatchObject({ fileName: 'Ada.interview', error: null });
    expect(window.webContents.send).toHaveBeenCalledWith('share:onOpenRequested', { fileName: 'Ada.interview' });
    const summary = (await handlers.get('share:inspect')!(ours, { sourceId: early.sourceId })) as { value: { sessions: { id: string }[] } };
    expect(summary.value.sessions.map((s) => s.id)).toEqual([bundle.sessionId]);
    window.webContents.executeJavaScript.mockClear();

    // During a recording: the room stays; the request waits in main for the page.
    window.url = `${base}#/room/abc`;
    openFile({ preventDefault: vi.fn() }, bundle.file);
    await vi.waitFor(async () => expect(await take()).toMatchObject([{ fileName: 'Ada.interview', error: null }]));
    expect(window.webContents.executeJavaScript).not.toHaveBeenCalled();

    // A second start's arguments: the bundle only (flags, the app, missing and other files skipped).
    window.url = `${base}#/sessions/1`;
    appEvents.get('second-instance')!({}, ['/opt/app/interview-recorder', '--flag', bundle.file, '/tmp/missing.interview', '/tmp/notes.txt']);
    expect(window.webContents.executeJavaScript).toHaveBeenCalledTimes(1);
    await vi.waitFor(async () => expect(await take()).toMatchObject([{ fileName: 'Ada.interview', error: null }]));

    // Whatever else the OS sends gets its sentence in the import dialog; a kit opens the kit import.
    const kit = join(tempDir(), 'Backend.interviewkit');
    writeFileSync(kit, 'kit');
    openFile({ preventDefault: vi.fn() }, '/tmp/notes.txt');
    openFile({ preventDefault: vi.fn() }, join(tempDir(), 'gone.interview'));
    openFile({ preventDefault: vi.fn() }, kit);
    const refused = await vi.waitFor(async () => {
      const taken = await take();
      expect(taken).toHaveLength(3);
      return taken;
    });
    // In the order the OS sent them.
    expect(refused.map((r) => [r.kind, r.sourceId === null, r.error])).toEqual([
      ['bundle', true, 'notes.txt is not an interview bundle or kit; only .interview and .interviewkit files can be opened.'],
      ['bundle', true, 'gone.interview could not be found; it may have been moved or deleted.'],
      ['kit', false, null],
    ]);
  });

  it('answers hostile payloads on every channel with typed errors through the adapter', async () => {
    const generate = hostileGenerator(Number(process.env.FUZZ_SEED ?? 7));
    const prototype = prototypeSnapshot();
    const problems: string[] = [];
    for (const channel of CHANNELS) {
      if (channel === 'settings:testAi') continue;
      for (let i = 0; i < 15; i++) {
        const problem = resultProblem(await handlers.get(channel)!(ours, generate.payloadFor(channel)));
        if (problem) problems.push(`${channel}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(prototypeSnapshot()).toBe(prototype);
    expect(await handlers.get('app:info')!(ours, undefined)).toMatchObject({ ok: true });
  });

  it('keeps the AI key in safeStorage, after the user accepts weak storage', async () => {
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
