// The page's Content-Security-Policy, one string for every way the renderer is served: the
// <meta> in renderer/index.html (file:// pages in Electron get no headers), the media:// and
// dev-server responses in Electron, and the browser-mode server (so e2e runs under it).
// No remote code and no inline or eval'd script; media only from our own origin (browser
// mode's /media/), the media:// protocol and blob: (the recorder's preview). Inline styles stay
// allowed: React's style props and the charts set them; they cannot run code.

const DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: media:",
  "media-src 'self' blob: media:",
  "font-src 'self'",
  // The browser-mode bridge is a WebSocket to the page's own origin ('self' covers ws: there).
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
];

/** As the <meta> in renderer/index.html carries it (a test keeps the two equal). */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** As a response header: frame-ancestors works only there (a <meta> ignores it). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

/** Headers every response of ours carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};
