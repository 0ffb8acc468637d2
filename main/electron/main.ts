import { join } from 'node:path';
import { Readable } from 'node:stream';
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { CHANNELS } from '../../shared/ipc/contract';
import { AppError, fail } from '../../shared/ipc/result';
import { createApp, type App } from '../app/createApp';
import { createLogger } from '../log';
import { serveMedia } from '../media/mediaFiles';
import { SafeStorageSecretStore } from './secretStore';
import { isPermissionAllowed, isTrustedUrl, MEDIA_BASE_URL, MEDIA_SCHEME, WEB_PREFERENCES } from './policy';

// The thin Electron shell: window, IPC adapter, media protocol, permissions. Everything else
// is in the plain-Node services built by createApp.

const log = createLogger('shell');
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '../renderer/index.html');
const rendererBase = rendererUrl ?? `file://${rendererFile}`;
const appRoot = app.isPackaged ? process.resourcesPath : app.getAppPath();

protocol.registerSchemesAsPrivileged([
  { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
]);

let services: App | null = null;

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
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url, rendererBase)) event.preventDefault();
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(rendererFile);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** Where bundles are saved and opened from: the system's dialogs, attached to our window. */
const bundleDialogs = {
  pickSavePath: async (defaultName: string) => {
    const parent = BrowserWindow.getFocusedWindow();
    const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'Interview bundle', extensions: ['interview'] }] };
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
  pickOpenPath: async () => {
    const parent = BrowserWindow.getFocusedWindow();
    const options = { properties: ['openFile' as const], filters: [{ name: 'Interview bundle', extensions: ['interview'] }] };
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
};

app.whenReady().then(async () => {
  const dataDir = process.env.INTERVIEW_RECORDER_DATA_DIR ?? app.getPath('userData');
  try {
    services = await createApp({
      dataDir,
      migrationsDir: join(appRoot, 'migrations'),
      resourcesDir: join(appRoot, 'resources'),
      appVersion: app.getVersion(),
      mediaBaseUrl: () => MEDIA_BASE_URL,
      secrets: new SafeStorageSecretStore(join(dataDir, 'secrets', 'ai-key.bin')),
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
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, rendererBase));
  });
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, rendererBase),
  );
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const media = await serveMedia(dataDir, url.pathname.slice(1), request.headers.get('range'));
    const body = media.body ? (Readable.toWeb(media.body) as ReadableStream) : null;
    return new Response(body, { status: media.status, headers: media.headers });
  });
  registerIpc(services);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

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
