import { useSyncExternalStore } from 'react';

// Routes live in location.hash only: the query string carries the bridge token (dev:web, tests)
// and must survive every navigation.

export type Route =
  | { name: 'library' }
  | { name: 'setup' }
  | { name: 'room'; sessionId: string }
  | { name: 'session'; sessionId: string; startMs: number | null }
  | { name: 'candidates' }
  | { name: 'dashboard'; candidateId: string | null }
  | { name: 'settings' }
  | { name: 'questionSets' }
  | { name: 'questionSet'; setId: string }
  /** Two sides side by side; b is null while the user picks it. */
  | { name: 'compare'; a: string; b: string | null }
  /** Two takes of one question of a session, side by side. */
  | { name: 'compareTakes'; sessionId: string; a: string; b: string }
  | { name: 'notFound' };

export const routes = {
  library: () => '#/',
  setup: () => '#/new',
  room: (sessionId: string) => `#/room/${encodeURIComponent(sessionId)}`,
  session: (sessionId: string, startMs?: number | null) =>
    `#/sessions/${encodeURIComponent(sessionId)}${startMs == null ? '' : `?t=${Math.max(0, Math.round(startMs))}`}`,
  candidates: () => '#/candidates',
  dashboard: (candidateId?: string | null) => `#/dashboard${candidateId ? `?candidate=${encodeURIComponent(candidateId)}` : ''}`,
  settings: () => '#/settings',
  questionSets: () => '#/question-sets',
  questionSet: (setId: string) => `#/question-sets/${encodeURIComponent(setId)}`,
  newQuestionSet: () => '#/question-sets/new',
  compare: (a: string, b?: string | null) =>
    `#/compare/${encodeURIComponent(a)}${b ? `/${encodeURIComponent(b)}` : ''}`,
  compareTakes: (sessionId: string, a: string, b: string) =>
    `#/compare/take/${encodeURIComponent(sessionId)}/${encodeURIComponent(a)}/${encodeURIComponent(b)}`,
};

export function parseRoute(hash: string): Route {
  // A route's own parameters follow a `?` inside the hash (`#/sessions/<id>?t=<ms>`).
  const [rawPath = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const path = rawPath || '/';
  const params = new URLSearchParams(query);
  if (path === '/') return { name: 'library' };
  if (path === '/new') return { name: 'setup' };
  if (path === '/settings') return { name: 'settings' };
  if (path === '/question-sets') return { name: 'questionSets' };
  const set = /^\/question-sets\/([^/]+)$/.exec(path);
  if (set?.[1]) return { name: 'questionSet', setId: decodeURIComponent(set[1]) };
  if (path === '/candidates') return { name: 'candidates' };
  if (path === '/dashboard') return { name: 'dashboard', candidateId: params.get('candidate') };
  const takes = /^\/compare\/take\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
  if (takes?.[1] && takes[2] && takes[3]) {
    return { name: 'compareTakes', sessionId: decodeURIComponent(takes[1]), a: decodeURIComponent(takes[2]), b: decodeURIComponent(takes[3]) };
  }
  const compare = /^\/compare\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (compare?.[1]) {
    return { name: 'compare', a: decodeURIComponent(compare[1]), b: compare[2] ? decodeURIComponent(compare[2]) : null };
  }
  const match = /^\/(room|sessions)\/([^/]+)$/.exec(path);
  if (match?.[1] && match[2]) {
    const sessionId = decodeURIComponent(match[2]);
    if (match[1] === 'room') return { name: 'room', sessionId };
    const t = Number(params.get('t'));
    return { name: 'session', sessionId, startMs: params.has('t') && Number.isFinite(t) && t >= 0 ? t : null };
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
