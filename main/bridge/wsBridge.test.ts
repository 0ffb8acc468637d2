import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_PATH, CLOSE_TOO_BIG, decodeMessage, encodeMessage, type BridgeMessage } from '../../shared/ipc/bridgeProtocol';
import { startDevServer, type DevServer } from '../devweb/server';
import { TEMP_DIR } from '../pipeline/context';
import { createShareHandlers, MAX_OPEN_UPLOADS } from '../share/handlers';
import { call } from '../testing/call';
import { MIGRATIONS_DIR, quietLog, RESOURCES_DIR, tempDir, testApp } from '../testing/fixtures';

// The loopback bridge serves the same contract as Electron IPC, to our page only.

async function server(): Promise<DevServer & { dataDir: string }> {
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const dataDir = tempDir();
  mkdirSync(join(dataDir, 'recordings', 's'), { recursive: true });
  writeFileSync(join(dataDir, 'recordings', 's', 'a.webm'), 'abcdef');
  const s = await startDevServer({
    dataDir,
    rendererDir,
    port: 0,
    migrationsDir: MIGRATIONS_DIR,
    resourcesDir: RESOURCES_DIR,
    appVersion: 't',
    log: quietLog,
    freeBytes: async () => 10 * 1024 ** 3,
  });
  onTestFinished(() => s.close());
  return Object.assign(s, { dataDir });
}

function connect(s: DevServer, opts: { token?: string; origin?: string } = {}): Promise<WebSocket> {
  const origin = new URL(s.url).origin;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}${BRIDGE_PATH}?token=${opts.token ?? s.token}`, {
    headers: { origin: opts.origin ?? origin },
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function request(ws: WebSocket, id: number, channel: string, input: unknown): Promise<BridgeMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const m = decodeMessage(new Uint8Array(data));
      if (m?.t === 'result' && m.id === id) {
        ws.off('message', onMessage);
        resolve(m);
      }
    };
    ws.on('message', onMessage);
    ws.send(encodeMessage({ t: 'call', id, channel, input }));
  });
}

describe('WebSocket bridge', () => {
  it('answers calls with Results, binary chunks included', async () => {
    const s = await server();
    const ws = await connect(s);
    onTestFinished(() => ws.close());
    const info = await request(ws, 1, 'app:info', undefined);
    expect(info).toMatchObject({ t: 'result', id: 1, result: { ok: true, value: { version: 't' } } });
    const me = await request(ws, 2, 'candidates:ensureSelf', undefined);
    expect(me).toMatchObject({ result: { ok: true, value: { name: 'Me', isSelf: true } } });
    const bad = await request(ws, 3, 'recording:appendChunk', { recordingId: 'x', seq: 0, bytes: new Uint8Array([1, 2]) });
    expect(bad).toMatchObject({ result: { ok: false, error: { code: 'ipc/invalid_input' } } });
    const unknown = await request(ws, 4, 'shell:exec', { cmd: 'rm -rf /' });
    expect(unknown).toMatchObject({ result: { ok: false, error: { code: 'ipc/unknown_channel' } } });
  });

  it('survives garbage frames and pushes events to connected pages', async () => {
    const s = await server();
    const ws = await connect(s);
    onTestFinished(() => ws.close());
    ws.send(Buffer.from([0xc1, 0xff, 0x00]));
    ws.send('text frame');
    const event = new Promise((resolve) => ws.once('message', (d: Buffer) => resolve(decodeMessage(new Uint8Array(d)))));
    s.app.hub.emit('recording:onDiskLow', { recordingId: 'r', freeBytes: 5 });
    expect(await event).toEqual({ t: 'event', name: 'recording:onDiskLow', payload: { recordingId: 'r', freeBytes: 5 } });
    expect(await request(ws, 9, 'candidates:list', undefined)).toMatchObject({ result: { ok: true } });
  });

  it('refuses a wrong token or a foreign origin', async () => {
    const s = await server();
    await expect(connect(s, { token: 'wrong' })).rejects.toThrow(/403/);
    await expect(connect(s, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('serves media with the token only, with ranges, and the page itself', async () => {
    const s = await server();
    const origin = new URL(s.url).origin;
    const media = await fetch(`${origin}/media/${s.token}/recordings/s/a.webm`, { headers: { Range: 'bytes=1-2' } });
    expect(media.status).toBe(206);
    expect(await media.text()).toBe('bc');
    expect((await fetch(`${origin}/media/wrong/recordings/s/a.webm`)).status).toBe(404);
    expect((await fetch(`${origin}/media/${s.token}/interview-recorder.sqlite`)).status).toBe(404);
    expect((await fetch(s.url)).status).toBe(200);
    expect((await fetch(`${origin}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });
});

describe('WebSocket bridge against a hostile client', () => {
  it('closes a socket that sends a frame over the limit with 1009 and keeps serving', async () => {
    const s = await server();
    const ws = await connect(s);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send(encodeMessage({ t: 'call', id: 1, channel: 'recording:appendChunk', input: { bytes: new Uint8Array(100 * 1024 * 1024) } }));
    expect(await closed).toBe(CLOSE_TOO_BIG);
    const next = await connect(s);
    onTestFinished(() => next.close());
    expect(await request(next, 2, 'app:info', undefined)).toMatchObject({ result: { ok: true } });
  });

  it('answers every frame: a __proto__ key by its id, a text frame and a non-call with a typed error', async () => {
    const s = await server();
    const ws = await connect(s);
    onTestFinished(() => ws.close());
    const answers: BridgeMessage[] = [];
    ws.on('message', (d: Buffer) => answers.push(decodeMessage(new Uint8Array(d))!));
    // msgpack of {t:'call', id: 7, channel:'candidates:create', input:{__proto__:{admin:true}, name:'x'}}, made by hand:
    // encoders refuse to write the key, a hostile client need not.
    const proto = Buffer.from(encodeMessage({ t: 'call', id: 7, channel: 'candidates:create', input: { __proto_X: { admin: true }, name: 'x' } }));
    proto.write('__proto__', proto.indexOf('__proto_X'), 'latin1');
    ws.send(proto);
    ws.send('text frame');
    ws.send(encodeMessage({ t: 'result', id: 8, result: { ok: true, value: 1 } }));
    ws.send(Buffer.from([0xc1]));
    await vi.waitFor(() => expect(answers).toHaveLength(4));
    expect(answers).toEqual([
      { t: 'result', id: 7, result: { ok: false, error: { code: 'ipc/invalid_input', message: 'The message has a key named __proto__, which is not allowed.' } } },
      { t: 'result', id: null, result: { ok: false, error: { code: 'ipc/invalid_input', message: 'The bridge takes binary MessagePack frames only.' } } },
      { t: 'result', id: 8, result: { ok: false, error: { code: 'ipc/invalid_input', message: 'The message is not a call.' } } },
      { t: 'result', id: null, result: { ok: false, error: { code: 'ipc/invalid_input', message: 'The message could not be read.' } } },
    ]);
    expect(await call(s.app, 'candidates:list', undefined)).toHaveLength(0);
  });

  it(`opens at most ${MAX_OPEN_UPLOADS} uploads of 1,000 starts, refuses one bigger than the free disk, then serves a normal call`, async () => {
    const s = await server();
    const ws = await connect(s);
    onTestFinished(() => ws.close());
    const starts = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => request(ws, 100 + i, 'share:uploadStart', { fileName: `b${i}.interview`, bytes: 1024 })),
    );
    const results = starts.map((m) => (m.t === 'result' ? m.result : null));
    expect(results.filter((r) => r?.ok)).toHaveLength(MAX_OPEN_UPLOADS);
    expect(results.find((r) => r && !r.ok)).toEqual({
      ok: false,
      error: { code: 'conflict', message: `${MAX_OPEN_UPLOADS} uploads are already open; finish or close one first.` },
    });
    expect(readdirSync(join(s.dataDir, TEMP_DIR, 'uploads'))).toHaveLength(MAX_OPEN_UPLOADS);
    // 10 GiB free, 1 GiB kept for recording.
    const opened = results.filter((r) => r?.ok) as { ok: true; value: { sourceId: string } }[];
    await call(s.app, 'share:discard', opened[0]!.value);
    expect(await request(ws, 2000, 'share:uploadStart', { fileName: 'huge.interview', bytes: 9.5 * 1024 ** 3 })).toMatchObject({
      result: { ok: false, error: { code: 'disk/low', message: 'There is not enough free disk space to upload huge.interview; free some space and try again.' } },
    });
    expect(await request(ws, 2001, 'app:info', undefined)).toMatchObject({ result: { ok: true } });
  });

  it('refuses another Host on the page, the media and the bridge (DNS rebinding)', async () => {
    const s = await server();
    const { port } = new URL(s.url);
    const status = (path: string) =>
      new Promise<number>((resolve, reject) =>
        httpGet({ host: '127.0.0.1', port, path, headers: { host: `rebind.example:${port}` } }, (r) => {
          r.resume();
          resolve(r.statusCode!);
        }).on('error', reject),
      );
    expect(await status(`/?token=${s.token}`)).toBe(403);
    expect(await status(`/media/${s.token}/recordings/s/a.webm`)).toBe(403);
    const origin = new URL(s.url).origin;
    const ws = new WebSocket(`${origin.replace('http', 'ws')}${BRIDGE_PATH}?token=${s.token}`, { headers: { origin, host: `rebind.example:${port}` } });
    await expect(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))).rejects.toThrow(/403/);
  });
});

it('closes an upload nobody sends to and deletes its file, so a page that went away holds no handle', async () => {
  const app = await testApp();
  const { handlers } = createShareHandlers({
    share: app.share,
    hub: app.hub,
    dataDir: app.dataDir,
    now: Date.now,
    openKit: () => ({ sourceId: 'unused', fileName: 'unused' }),
    freeBytes: async () => 10 * 1024 ** 3,
    reserveBytes: 0,
    uploadIdleMs: 300,
  });
  const uploads = join(app.dataDir, TEMP_DIR, 'uploads');
  // The idle timer on a fake clock: a loaded machine's pauses must not close it early.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  onTestFinished(() => void vi.useRealTimers());
  const { sourceId } = await handlers['share:uploadStart']({ fileName: 'a.interview', bytes: 10 });
  // Chunks keep it open past the idle time.
  for (let seq = 0; seq < 3; seq++) {
    await vi.advanceTimersByTimeAsync(250);
    await handlers['share:uploadChunk']({ sourceId, seq, bytes: new Uint8Array(1) });
  }
  expect(readdirSync(uploads)).toHaveLength(1);
  await vi.advanceTimersByTimeAsync(300);
  vi.useRealTimers();
  await vi.waitFor(() => expect(readdirSync(uploads)).toEqual([]), { timeout: 10_000 });
  await expect(handlers['share:uploadChunk']({ sourceId, seq: 3, bytes: new Uint8Array(1) })).rejects.toThrow('That upload is no longer open; choose the file again.');
});
