// The shell's security decisions as plain functions, so they are tested without Electron.

/** The only origin whose frames may call IPC, load media and use the camera. */
export function isTrustedUrl(url: string | undefined | null, rendererBase: string): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    const base = new URL(rendererBase);
    if (base.protocol === 'file:') return u.protocol === 'file:' && u.pathname === base.pathname;
    return u.origin === base.origin;
  } catch {
    return false;
  }
}

/** Permissions the page may have: camera and microphone for our own page, nothing else. */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, rendererBase: string): boolean {
  return permission === 'media' && isTrustedUrl(requestingUrl, rendererBase);
}

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  spellcheck: false,
} as const;

export const MEDIA_SCHEME = 'media';
export const MEDIA_BASE_URL = `${MEDIA_SCHEME}://local/`;
