import { useSyncExternalStore } from 'react';

// Routes live in location.hash only: the query string carries the bridge token (dev:web, tests)
// and must survive every navigation.

export type Route =
  | { name: 'library' }
  | { name: 'setup' }
  | { name: 'room'; sessionId: string }
  | { name: 'session'; sessionId: string }
  | { name: 'settings' }
  /** Two sides side by side; b is null while the user picks it. */
  | { name: 'compare'; a: string; b: string | null }
  | { name: 'notFound' };

export const routes = {
  library: () => '#/',
  setup: () => '#/new',
  room: (sessionId: string) => `#/room/${encodeURIComponent(sessionId)}`,
  session: (sessionId: string) => `#/sessions/${encodeURIComponent(sessionId)}`,
  settings: () => '#/settings',
  compare: (a: string, b?: string | null) =>
    `#/compare/${encodeURIComponent(a)}${b ? `/${encodeURIComponent(b)}` : ''}`,
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { name: 'library' };
  if (path === '/new') return { name: 'setup' };
  if (path === '/settings') return { name: 'settings' };
  const compare = /^\/compare\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (compare?.[1]) {
    return { name: 'compare', a: decodeURIComponent(compare[1]), b: compare[2] ? decodeURIComponent(compare[2]) : null };
  }
  const match = /^\/(room|sessions)\/([^/]+)$/.exec(path);
  if (match?.[1] && match[2]) {
    const sessionId = decodeURIComponent(match[2]);
    return match[1] === 'room' ? { name: 'room', sessionId } : { name: 'session', sessionId };
  }
  return { name: 'notFound' };
}

export function navigate(hash: string): void {
  location.hash = hash;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The hash, not a parsed object, is the snapshot: it is a stable string between changes. */
export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
