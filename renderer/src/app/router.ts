import { useSyncExternalStore } from 'react';

// Routes live in location.hash only: the query string carries the bridge token (dev:web, tests)
// and must survive every navigation.

export type Route =
  | { name: 'library' }
  | { name: 'setup' }
  | { name: 'room'; sessionId: string }
  | { name: 'session'; sessionId: string }
  | { name: 'settings' }
  | { name: 'questionSets' }
  | { name: 'questionSet'; setId: string }
  | { name: 'notFound' };

export const routes = {
  library: () => '#/',
  setup: () => '#/new',
  room: (sessionId: string) => `#/room/${encodeURIComponent(sessionId)}`,
  session: (sessionId: string) => `#/sessions/${encodeURIComponent(sessionId)}`,
  settings: () => '#/settings',
  questionSets: () => '#/question-sets',
  questionSet: (setId: string) => `#/question-sets/${encodeURIComponent(setId)}`,
  newQuestionSet: () => '#/question-sets/new',
};

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { name: 'library' };
  if (path === '/new') return { name: 'setup' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/question-sets') return { name: 'questionSets' };
  const set = /^\/question-sets\/([^/]+)$/.exec(path);
  if (set?.[1]) return { name: 'questionSet', setId: decodeURIComponent(set[1]) };
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
