import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINKS } from '../../shared/domain/links';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../security/csp';
import { ROOT } from '../testing/fixtures';
import { isAllowedExternalUrl, isPermissionAllowed, isRecordingScreen, isTrustedUrl, WEB_PREFERENCES, type PermissionAsk } from './policy';

describe('shell policy', () => {
  const fileBase = 'file:///opt/app/out/renderer/index.html';
  const devBase = 'http://localhost:5173/';

  it('trusts only the app page', () => {
    expect(isTrustedUrl('file:///opt/app/out/renderer/index.html#/sessions/1', fileBase)).toBe(true);
    expect(isTrustedUrl('file:///etc/passwd', fileBase)).toBe(false);
    expect(isTrustedUrl('https://evil.example/', fileBase)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/#/new', devBase)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', devBase)).toBe(false);
    expect(isTrustedUrl(undefined, devBase)).toBe(false);
    expect(isTrustedUrl('not a url', devBase)).toBe(false);
  });

  it('knows the screens that record by their route', () => {
    expect(isRecordingScreen(`${fileBase}#/new`)).toBe(true);
    expect(isRecordingScreen(`${fileBase}#/room/5d3c`)).toBe(true);
    for (const route of ['', '#/', '#/sessions/5d3c', '#/settings', '#/room/', '#/room/a/b', '#/newer', '#/new/x']) {
      expect(isRecordingScreen(`${fileBase}${route}`), route).toBe(false);
    }
    expect(isRecordingScreen(undefined)).toBe(false);
  });

  const page = (route: string) => `${fileBase}${route}`;
  const ask = (over: Partial<PermissionAsk> = {}): PermissionAsk => ({
    requesting: page('#/new'),
    pageUrl: page('#/new'),
    isMainFrame: true,
    mediaTypes: ['video', 'audio'],
    ...over,
  });
  // [what, permission, ask, base, granted]
  const table: [string, string, PermissionAsk, string, boolean][] = [
    ['camera+mic on setup', 'media', ask(), fileBase, true],
    ['camera+mic in the room', 'media', ask({ requesting: page('#/room/1'), pageUrl: page('#/room/1') }), fileBase, true],
    ['a check with the file origin only', 'media', ask({ requesting: 'file:///', mediaTypes: ['video'] }), fileBase, true],
    ['a check with an unknown media type', 'media', ask({ mediaTypes: ['unknown'] }), fileBase, true],
    ['camera on the session page', 'media', ask({ pageUrl: page('#/sessions/1') }), fileBase, false],
    ['camera on the library', 'media', ask({ pageUrl: page('#/') }), fileBase, false],
    ['camera in settings', 'media', ask({ pageUrl: page('#/settings') }), fileBase, false],
    ['camera from a subframe', 'media', ask({ isMainFrame: false }), fileBase, false],
    ['camera for another origin', 'media', ask({ requesting: 'https://evil.example/#/new', pageUrl: 'https://evil.example/#/new' }), fileBase, false],
    ['an iframe of another origin on our page', 'media', ask({ requesting: 'https://evil.example/' }), fileBase, false],
    ['another local file', 'media', ask({ requesting: 'file:///tmp/x.html#/new', pageUrl: 'file:///tmp/x.html#/new' }), fileBase, false],
    ['screen capture', 'media', ask({ mediaTypes: ['video', 'desktop'] }), fileBase, false],
    ['no page (service worker)', 'media', ask({ pageUrl: undefined }), fileBase, false],
    ['dev server page', 'media', ask({ requesting: `${devBase}#/new`, pageUrl: `${devBase}#/new` }), devBase, true],
    ['dev server, another port', 'media', ask({ requesting: 'http://localhost:5174/#/new', pageUrl: 'http://localhost:5174/#/new' }), devBase, false],
    ['fullscreen for the player', 'fullscreen', ask({ pageUrl: page('#/sessions/1'), requesting: page('#/sessions/1') }), fileBase, true],
    ['fullscreen for another origin', 'fullscreen', ask({ requesting: 'https://evil.example/', pageUrl: 'https://evil.example/' }), fileBase, false],
    ...['geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'mediaKeySystem', 'midi', 'midiSysex', 'pointerLock', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'window-management', 'storage-access', 'unknown'].map(
      (p): [string, string, PermissionAsk, string, boolean] => [p, p, ask(), fileBase, false],
    ),
  ];
  it.each(table)('permission: %s', (_what, permission, details, base, granted) => {
    expect(isPermissionAllowed(permission, details, base)).toBe(granted);
  });

  it('opens in the browser only https links the app shows', () => {
    expect(isAllowedExternalUrl(LINKS.openAiKeys)).toBe(true);
    for (const url of [
      'http://platform.openai.com/api-keys',
      'https://platform.openai.com/api-keys/../../evil',
      'https://user:pw@platform.openai.com/api-keys',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('locks every window down', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('has a strict CSP, the same in the page, the built page and the headers', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('media-src')).toEqual(["'self'", 'blob:', 'media:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    // No remote code, no inline or eval'd script, no wildcard anywhere.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    for (const [name, sources] of directives) {
      if (name !== 'style-src') expect(sources, name!).not.toContain("'unsafe-inline'");
    }
    expect(CONTENT_SECURITY_POLICY_HEADER).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);

    const metaOf = (html: string) => /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(metaOf(readFileSync(join(ROOT, 'renderer/index.html'), 'utf8'))).toBe(CONTENT_SECURITY_POLICY);
    // What Vite emits: the same meta, external module scripts only, no inline script.
    const built = join(ROOT, 'out/renderer/index.html');
    // Checked when a build newer than the page exists (`npm run build`); a stale one says nothing.
    const fresh = existsSync(built) && statSync(built).mtimeMs >= statSync(join(ROOT, 'renderer/index.html')).mtimeMs;
    if (fresh) {
      const html = readFileSync(built, 'utf8');
      expect(metaOf(html)).toBe(CONTENT_SECURITY_POLICY);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attrs, body] of scripts) {
        expect(attrs).toMatch(/src="\.\/assets\//);
        expect(body!.trim()).toBe('');
      }
    }
  });
});
