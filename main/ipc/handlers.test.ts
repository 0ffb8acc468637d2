import { describe, expect, it } from 'vitest';
import { CHANNELS, MAX_CHUNK_BYTES } from '../../shared/ipc/contract';
import { call } from '../testing/call';
import { testApp } from '../testing/fixtures';

// Every channel, fed hostile and malformed payloads, answers with a typed error and the
// process (and the data already saved) carries on.

function deep(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

const HOSTILE: [string, unknown][] = [
  ['null', null],
  ['a number', 42],
  ['a string', 'sessions'],
  ['an array', []],
  ['an unknown key', { surprise: true }],
  ['a prototype-pollution key', JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')],
  ['a deep object', deep(5000)],
  ['a huge string', { sessionId: 'x'.repeat(5_000_000), recordingId: 'x'.repeat(5_000_000) }],
  ['wrong types', { sessionId: 1, recordingId: [], seq: '1', bytes: 'AAAA', sessionQuestionId: {}, name: 5 }],
];

describe('IPC dispatch', () => {
  it.each(HOSTILE)('answers %s on every channel with ipc/invalid_input', async (_label, payload) => {
    const app = await testApp();
    const me = await call(app, 'candidates:ensureSelf', undefined);
    for (const channel of CHANNELS) {
      const result = await app.dispatch(channel, payload);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
      if (!result.ok) expect(result.error.message).toMatch(/^The request was not valid/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Still serving, data intact.
    expect((await call(app, 'candidates:list', undefined)).map((c) => c.id)).toEqual([me.id]);
  });

  it('refuses unknown channels and names that only look like channels', async () => {
    const app = await testApp();
    for (const channel of ['nope:nothing', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await app.dispatch(channel, undefined)).toMatchObject({ ok: false, error: { code: 'ipc/unknown_channel' } });
    }
  });

  it('refuses oversized chunks and out-of-range numbers', async () => {
    const app = await testApp();
    const id = '00000000-0000-4000-8000-000000000000';
    const big = await app.dispatch('recording:appendChunk', { recordingId: id, seq: 0, bytes: new Uint8Array(MAX_CHUNK_BYTES + 1) });
    expect(big).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    const negative = await app.dispatch('recording:appendChunk', { recordingId: id, seq: -1, bytes: new Uint8Array(1) });
    expect(negative).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    const missing = await app.dispatch('recording:appendChunk', { recordingId: id, seq: 0, bytes: new Uint8Array(1) });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('turns an unexpected failure into a sentence, without internals', async () => {
    const app = await testApp();
    const broken = { ...app.handlers, 'candidates:list': () => { throw new Error('SQLITE_CORRUPT: secret path /home/x'); } };
    const { createDispatch } = await import('./handlers');
    const { quietLog } = await import('../testing/fixtures');
    const result = await createDispatch(broken, quietLog)('candidates:list', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong in the app. The details were written to the log.' } });
  });
});
