import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_PATH, decodeMessage, encodeMessage, type BridgeMessage } from '../../shared/ipc/bridgeProtocol';
import { startDevServer, type DevServer } from '../devweb/server';
import { MIGRATIONS_DIR, quietLog, RESOURCES_DIR, tempDir } from '../testing/fixtures';

// The loopback bridge serves the same contract as Electron IPC, to our page only.

async function server(): Promise<DevServer> {
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
  return s;
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
