import { describe, expect, it } from 'vitest';
import { isPermissionAllowed, isTrustedUrl, WEB_PREFERENCES } from './policy';

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

  it('grants camera and microphone to the app page only, nothing else', () => {
    expect(isPermissionAllowed('media', fileBase, fileBase)).toBe(true);
    expect(isPermissionAllowed('media', 'https://evil.example/', fileBase)).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'mediaKeySystem']) {
      expect(isPermissionAllowed(p, fileBase, fileBase), p).toBe(false);
    }
  });

  it('locks every window down', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
  });
});
