import { join } from 'node:path';
import { Readable } from 'node:stream';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell, type WebContents } from 'electron';
import { CHANNELS } from '../../shared/ipc/contract';
import { AppError, fail } from '../../shared/ipc/result';
import { createApp, type App } from '../app/createApp';
import { createLogger } from '../log';
import { serveMedia } from '../media/mediaFiles';
import type { SharedFileKind } from '../share/handlers';
import { CONTENT_SECURITY_POLICY_HEADER, SECURITY_HEADERS } from '../security/csp';
import { askMediaAccess } from './mediaAccess';
import { filesInArgv } from './openFiles';
import { isAllowedExternalUrl, isPermissionAllowed, isRecordingScreen, isTrustedUrl, MEDIA_BASE_URL, MEDIA_SCHEME, WEB_PREFERENCES } from './policy';
import { SafeStorageSecretStore } from './secretStore';

// The thin Electron shell: window, IPC adapter, media protocol, permissions, files opened by the
// OS. Everything else is in the plain-Node services built by createApp.

const log = createLogger('shell');
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const rendererBase = rendererUrl ?? `file://${rendererFile}`;
const appRoot = app.isPackaged ? process.resourcesPath : app.getAppPath();

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox();

protocol.registerSchemesAsPrivileged([
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
]);

let services: App | null = null;
let mainWindow: BrowserWindow | null = null;
/** Paths the OS asked us to open before the window was there (macOS sends them early). */
const pendingFiles: string[] = [];

/**
 * The one place a double-clicked `.interview` / `.interviewkit` file arrives: bring the window
 * forward, show the session list (unless an interview is being recorded: the page offers the
 * import once the room is left) and hand the path to main's import, which checks it and tells
 * the page. Paths that come before the services and the window exist wait for them.
 */
function onOpenFile(path: string): void {
  if (!mainWindow || !services) {
    pendingFiles.push(path);
    return;
  }
  log.info('asked to open a file', { path });
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  if (!isRecordingScreen(mainWindow.webContents.getURL())) {
    void mainWindow.webContents.executeJavaScript("location.hash = '#/'");
  }
  void services.openFile(path);
}

function registerIpc(services: App): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame !== event.sender.mainFrame || !isTrustedUrl(frame.url, rendererBase)) {
        log.warn('ipc call from an untrusted frame refused', { channel, url: frame?.url });
        return fail('ipc/forbidden', 'This request was refused.');
      }
      return services.dispatch(channel, input);
    });
  }
  services.hub.subscribe((name, payload) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(name, payload);
  });
}

/**
 * Every web contents, whatever created it: no webviews, no navigation away from our page, no
 * new windows; an allowed https link opens in the user's browser instead.
 */
function lockDown(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  const stayHome = (event: { preventDefault(): void }, url: string) => {
    if (!isTrustedUrl(url, rendererBase)) {
      log.warn('navigation refused', { url });
      event.preventDefault();
    }
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    else log.warn('window.open refused', { url });
    return { action: 'deny' };
  });
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 840,
    minWidth: 900,
    minHeight: 640,
    show: false,
    title: 'Interview Recorder',
    webPreferences: { ...WEB_PREFERENCES, preload: join(__dirname, '../preload/index.cjs') },
  });
  mainWindow = window;
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  window.once('ready-to-show', () => {
    window.show();
    for (const path of pendingFiles.splice(0)) onOpenFile(path);
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(rendererFile);
}

const FILE_FILTERS: Record<SharedFileKind, { name: string; extensions: string[] }> = {
  bundle: { name: 'Interview bundle', extensions: ['interview'] },
  kit: { name: 'Interview kit', extensions: ['interviewkit'] },
};

/** Where bundles and kits are saved and opened from: the system's dialogs, attached to our window. */
const bundleDialogs = {
  pickSavePath: async (defaultName: string, kind: SharedFileKind = 'bundle') => {
    const parent = BrowserWindow.getFocusedWindow();
    const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [FILE_FILTERS[kind]] };
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  pickOpenPath: async (kind: SharedFileKind = 'bundle') => {
    const parent = BrowserWindow.getFocusedWindow();
    const options = { properties: ['openFile' as const], filters: [FILE_FILTERS[kind]] };
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};

// One app at a time: a second start (a double-clicked file on Windows/Linux) hands its
// arguments to the first and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    for (const path of filesInArgv(argv)) onOpenFile(path);
    if (mainWindow) mainWindow.focus();
  });
  // macOS, also before ready (a file double-clicked while the app is not running). Any file the
  // OS sends goes on: a refused one gets its sentence in the import dialog.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    onOpenFile(path);
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.whenReady().then(start);
}

async function start(): Promise<void> {
  const dataDir = process.env.INTERVIEW_RECORDER_DATA_DIR ?? app.getPath('userData');
  try {
    services = await createApp({
      dataDir,
      migrationsDir: join(appRoot, 'migrations'),
      resourcesDir: join(appRoot, 'resources'),
      appVersion: app.getVersion(),
      mediaBaseUrl: () => MEDIA_BASE_URL,
      secrets: new SafeStorageSecretStore(join(dataDir, 'secrets', 'ai-key.bin')),
      askMediaAccess: () => askMediaAccess(),
      log,
      dialogs: bundleDialogs,
    });
  } catch (error) {
    log.error('start-up failed', { error });
    dialog.showErrorBox(
      'Interview Recorder could not start',
      error instanceof AppError ? error.message : 'The data folder could not be opened. Details are in the log.',
    );
    app.exit(1);
    return;
  }
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const ask = {
      requesting: details.requestingUrl,
      pageUrl: contents?.getURL(),
      isMainFrame: details.isMainFrame,
      mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
    };
    const allowed = isPermissionAllowed(permission, ask, rendererBase);
    if (!allowed) log.warn('permission refused', { permission, url: ask.requesting });
    callback(allowed);
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      permission,
      {
        requesting: details.requestingUrl ?? requestingOrigin,
        pageUrl: contents?.getURL(),
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType ? [details.mediaType] : undefined,
      },
      rendererBase,
    ),
  );
  // The dev server's pages (ELECTRON_RENDERER_URL) get the CSP as a header too; file:// pages
  // have only their <meta>, which carries the same policy.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!isTrustedUrl(details.url, rendererBase) || details.url.startsWith('file:')) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] } });
  });
  protocol.handle(MEDIA_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: SECURITY_HEADERS });
    const url = new URL(request.url);
    const media = await serveMedia(dataDir, url.pathname.slice(1), request.headers.get('range'));
    const body = media.body && request.method === 'GET' ? (Readable.toWeb(media.body) as ReadableStream) : null;
    if (!body) media.body?.destroy();
    return new Response(body, { status: media.status, headers: { ...media.headers, ...SECURITY_HEADERS } });
  });
  registerIpc(services);
  createWindow();
  for (const path of filesInArgv(process.argv.slice(1))) onOpenFile(path);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!services) return;
  event.preventDefault();
  const closing = services;
  services = null;
  void closing.close().finally(() => app.quit());
});
