import { buildApi, type Api } from '../../../shared/ipc/api';
import { BRIDGE_PATH, CLOSE_TOO_BIG, decodeMessage, encodeMessage } from '../../../shared/ipc/bridgeProtocol';
import type { Result } from '../../../shared/ipc/result';

// window.api over the loopback WebSocket bridge (dev:web and e2e tests). Calls made before the
// socket opens wait for it; if it closes, pending and later calls fail with a typed error.

export function connectBridge(token: string): Api {
  const url = new URL(BRIDGE_PATH, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  const socket = new WebSocket(url);
  socket.binaryType = 'arraybuffer';

  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener('open', () => resolve(true), { once: true });
    socket.addEventListener('close', () => resolve(false), { once: true });
  });
  const disconnected: Result<never> = {
    ok: false,
    error: { code: 'ipc/disconnected', message: 'Lost the connection to the app. Reload the page.' },
  };

  socket.addEventListener('message', (event) => {
    const message = decodeMessage(new Uint8Array(event.data as ArrayBuffer));
    if (message?.t === 'result' && message.id !== null) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message?.t === 'event') {
      for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', (event) => {
    const result: Result<never> =
      event.code === CLOSE_TOO_BIG
        ? { ok: false, error: { code: 'ipc/too_large', message: 'That was too much data to send to the app at once; the connection was closed. Reload the page.' } }
        : disconnected;
    for (const settle of pending.values()) settle(result);
    pending.clear();
  });

  return buildApi(
    async (channel, input) => {
      if (!(await opened) || socket.readyState !== WebSocket.OPEN) return disconnected;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        socket.send(encodeMessage({ t: 'call', id, channel, input }));
      });
    },
    (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  );
}
