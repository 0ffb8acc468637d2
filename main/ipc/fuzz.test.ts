import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { call } from '../testing/call';
import { testApp } from '../testing/fixtures';
import { hostileGenerator, prototypeSnapshot, resultProblem } from '../testing/hostile';
import { newSession } from '../testing/interview';

// Every channel of the contract, through the real dispatcher on a real app, with random and
// hostile payloads: typed errors only (never `internal`, never a stack), no prototype
// pollution, the app keeps answering, and the data already saved stays as it was.
// FUZZ_SEED replays a run; each failure names its seed, channel and payload kind.

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const PER_CHANNEL = 60;

function describePayload(payload: unknown): string {
  try {
    const text = JSON.stringify(payload, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
    return (text ?? String(payload)).slice(0, 300);
  } catch {
    return Object.prototype.toString.call(payload);
  }
}

describe('IPC fuzz', () => {
  it(`every channel answers hostile payloads with typed errors (seed ${SEED})`, async () => {
    const app = await testApp();
    // Saved data the payloads may aim at, by id.
    const { session, questions } = await newSession(app);
    const me = await call(app, 'candidates:ensureSelf', undefined);
    const before = {
      session: await call(app, 'sessions:get', { sessionId: session.id }),
      candidates: await call(app, 'candidates:list', undefined),
      settings: await call(app, 'settings:get', undefined),
    };
    const generate = hostileGenerator(SEED, [session.id, me.id, questions[0]!.id]);
    const prototype = prototypeSnapshot();
    const problems: string[] = [];
    let calls = 0;

    const check = async (channel: unknown, payload: unknown) => {
      calls++;
      const result = await app.dispatch(channel, payload);
      const problem = resultProblem(result);
      if (problem) problems.push(`${String(channel)} ${describePayload(payload)}: ${problem}`);
      if (prototypeSnapshot() !== prototype || ({} as Record<string, unknown>).polluted !== undefined) {
        problems.push(`${String(channel)} ${describePayload(payload)}: polluted Object.prototype`);
      }
    };
    for (const channel of CHANNELS) {
      // settings:testAi would reach out to the configured endpoint; no hostile payload passes its
      // schema anyway (none), so one call shows that.
      const rounds = channel === 'settings:testAi' ? 1 : PER_CHANNEL;
      for (let i = 0; i < rounds; i++) await check(channel, generate.payloadFor(channel));
    }
    for (let i = 0; i < 100; i++) await check(generate.channelName(), generate.payloadFor('sessions:get'));

    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(CHANNELS.length * 10);
    // Still answering, and nothing saved was changed by what was refused. (A payload that
    // happens to be valid may add a candidate or store a key: that is the call working.)
    expect(await call(app, 'sessions:get', { sessionId: session.id })).toEqual(before.session);
    expect(await call(app, 'candidates:list', undefined)).toEqual(expect.arrayContaining(before.candidates));
    const { hasApiKey: _key, ...settings } = await call(app, 'settings:get', undefined);
    expect(settings).toEqual({ ...before.settings, hasApiKey: undefined });
    const db = new BetterSqlite3(join(app.dataDir, 'interview-recorder.sqlite'), { readonly: true });
    onTestFinished(() => {
      db.close();
    });
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  }, 60_000);

  it('refuses binary and deep nesting before validation, where they would take minutes', async () => {
    const app = await testApp();
    const big = new Uint8Array(40 * 1024 * 1024);
    const nested = JSON.parse(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`) as unknown;
    for (const [channel, payload, message] of [
      ['settings:update', { ai: big }, 'The request was not valid: binary data where none is expected.'],
      ['sessions:get', big, 'The request was not valid: binary data where none is expected.'],
      ['candidates:create', { name: 'A', notes: nested }, 'The request was not valid: it is nested too deeply.'],
      ['candidates:create', { name: 'A', notes: new Array(100_000).fill('x') }, 'The request was not valid: it is too large.'],
      ['recording:appendChunk', { recordingId: 'x', seq: 0, bytes: { inner: big } }, 'The request was not valid: binary data where none is expected.'],
    ] as const) {
      expect(await app.dispatch(channel, payload), channel).toEqual({ ok: false, error: { code: 'ipc/invalid_input', message } });
    }
    // Where bytes belong they pass on to the schema (here: an unknown recording id).
    expect(await app.dispatch('recording:appendChunk', { recordingId: 'x', seq: 0, bytes: new Uint8Array(4) })).toMatchObject({
      ok: false,
      error: { code: 'ipc/invalid_input', message: expect.stringContaining('recordingId') },
    });
  });
});
