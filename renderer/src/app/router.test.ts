import { describe, expect, it } from 'vitest';
import { parseRoute, routes, type Route } from './router';

// Every route the app builds parses back to itself; ids with characters a URL must escape survive.

const ID = 'a/b c?d#e';

describe('routes', () => {
  const cases: [hash: string, route: Route][] = [
    [routes.library(), { name: 'library' }],
    [routes.setup(), { name: 'setup' }],
    [routes.room(ID), { name: 'room', sessionId: ID }],
    [routes.session(ID), { name: 'session', sessionId: ID, startMs: null }],
    [routes.session(ID, 1234.4), { name: 'session', sessionId: ID, startMs: 1234 }],
    [routes.candidates(), { name: 'candidates' }],
    [routes.dashboard(), { name: 'dashboard', candidateId: null }],
    [routes.dashboard(ID), { name: 'dashboard', candidateId: ID }],
    [routes.settings(), { name: 'settings' }],
    [routes.questionSets(), { name: 'questionSets' }],
    [routes.questionSet(ID), { name: 'questionSet', setId: ID }],
    [routes.compare(ID), { name: 'compare', a: ID, b: null }],
    [routes.compare(ID, 's2'), { name: 'compare', a: ID, b: 's2' }],
    [routes.compareTakes(ID, 't/1', 't 2'), { name: 'compareTakes', sessionId: ID, a: 't/1', b: 't 2' }],
  ];
  it.each(cases)('%s round-trips', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('a session called "take" is still a session compare; a take compare needs both takes', () => {
    expect(parseRoute(routes.compare('take', 's2'))).toEqual({ name: 'compare', a: 'take', b: 's2' });
    expect(parseRoute('#/compare/take/s1/t1')).toEqual({ name: 'notFound' });
    expect(parseRoute('#/compare/take/s1/t1/t2/t3')).toEqual({ name: 'notFound' });
  });

  it('unknown paths are not found', () => {
    expect(parseRoute('#/nowhere')).toEqual({ name: 'notFound' });
    expect(parseRoute('')).toEqual({ name: 'library' });
  });
});
