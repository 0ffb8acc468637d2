import { EXTERNAL_LINKS } from '../../shared/domain/links';

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

/**
 * The screens that record, by their hash route (renderer/src/app/router.ts): setup (#/new, the
 * preview) and the interview room (#/room/<id>). The camera is refused everywhere else.
 */
export function isRecordingScreen(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    return /^#\/(new|room\/[^/?#]+)$/.test(new URL(url).hash);
  } catch {
    return false;
  }
}

/** What a permission request or check says about itself (Electron's details, reduced). */
export interface PermissionAsk {
  /** The asking frame's URL (requests) or origin (checks). */
  requesting: string | undefined;
  /** The URL of the page that hosts the frame (webContents.getURL()): it carries the route. */
  pageUrl: string | undefined;
  isMainFrame: boolean;
  /** For 'media': which devices; anything beyond camera and microphone is refused. */
  mediaTypes?: readonly string[];
}

/** file: pages have an opaque origin in WHATWG URL; for permissions they are all "file://". */
function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'file:' ? 'file://' : u.origin;
  } catch {
    return null;
  }
}

const DEVICE_TYPES = new Set(['video', 'audio', 'unknown']);

/**
 * Camera and microphone for our own page's main frame on the screens that record; HTML
 * fullscreen for our page (the player's fullscreen button). Everything else is denied.
 */
export function isPermissionAllowed(permission: string, ask: PermissionAsk, rendererBase: string): boolean {
  const page = originOf(ask.pageUrl);
  const ours = ask.isMainFrame && isTrustedUrl(ask.pageUrl, rendererBase) && page !== null && originOf(ask.requesting) === page;
  if (!ours) return false;
  switch (permission) {
    case 'media':
      return (ask.mediaTypes ?? []).every((t) => DEVICE_TYPES.has(t)) && isRecordingScreen(ask.pageUrl);
    case 'fullscreen':
      return true;
    default:
      return false;
  }
}

/** Links opened in the user's browser: https, and only those the app itself shows. */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password && (EXTERNAL_LINKS as readonly string[]).includes(u.href);
  } catch {
    return false;
  }
}

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  webviewTag: false,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const;

export const MEDIA_SCHEME = 'media';
export const MEDIA_BASE_URL = `${MEDIA_SCHEME}://local/`;
