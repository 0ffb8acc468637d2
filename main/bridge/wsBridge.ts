import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PATH, decodeFrame, encodeMessage, MAX_BRIDGE_FRAME_BYTES, messageOf } from '../../shared/ipc/bridgeProtocol';
import { fail, type ErrorInfo } from '../../shared/ipc/result';
import type { Dispatch } from '../ipc/handlers';
import type { EventHub } from '../ipc/eventHub';
import type { Logger } from '../log';

export interface BridgeOptions {
  token: string;
  dispatch: Dispatch;
  hub: EventHub;
  /** The page origin allowed to connect (the dev server's own), checked on the upgrade. */
  allowedOrigin: () => string;
  log: Logger;
}

/** msgpack's bytes for the key `__proto__`, and a harmless key of the same length. */
const PROTO_KEY = Buffer.from([0xa9, ...Buffer.from('__proto__')]);
const SAFE_KEY = Buffer.from([0xa9, ...Buffer.from('__proto_X')]);

/**
 * The call id of a frame msgpack refused for a `__proto__` key, read from a copy with the key
 * renamed, so the caller gets its answer instead of waiting for ever. Never dispatched.
 */
function idOfRefused(data: Buffer): number | null {
  if (!data.includes(PROTO_KEY)) return null;
  const copy = Buffer.from(data);
  for (let at = copy.indexOf(PROTO_KEY); at !== -1; at = copy.indexOf(PROTO_KEY, at + PROTO_KEY.length)) SAFE_KEY.copy(copy, at);
  const value = decodeFrame(copy) as { id?: unknown } | undefined;
  return typeof value?.id === 'number' ? value.id : null;
}

/** What a frame that is not a call gets back, with its id when it has one. */
function refusal(data: Buffer, isBinary: boolean, value: unknown): { id: number | null; error: ErrorInfo } {
  const invalid = (id: number | null, message: string) => ({ id, error: { code: 'ipc/invalid_input' as const, message } });
  if (!isBinary) return invalid(null, 'The bridge takes binary MessagePack frames only.');
  if (value === undefined) {
    const id = idOfRefused(data);
    return invalid(id, id === null ? 'The message could not be read.' : 'The message has a key named __proto__, which is not allowed.');
  }
  const id = (value as { id?: unknown } | null)?.id;
  return invalid(typeof id === 'number' ? id : null, 'The message is not a call.');
}

export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the IPC contract over a WebSocket on an existing loopback HTTP server: the transport
 * for tests and `npm run dev:web`. Only the page we served (origin) holding the token may talk.
 */
export function attachBridge(server: Server, options: BridgeOptions): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const allowed =
      url.pathname === BRIDGE_PATH &&
      // A page on another name that resolves here (DNS rebinding) sends its own Host.
      request.headers.host === new URL(options.allowedOrigin()).host &&
      tokenMatches(options.token, url.searchParams.get('token')) &&
      request.headers.origin === options.allowedOrigin();
    if (!allowed) {
      options.log.warn('bridge connection refused', { path: url.pathname, origin: request.headers.origin, host: request.headers.host });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // A frame over the limit: ws has already closed the socket with 1009, the client's typed error.
      ws.on('error', (error) => options.log.warn('bridge socket error', { error }));
      ws.on('message', (data: Buffer, isBinary) => {
        const value = isBinary ? decodeFrame(data) : undefined;
        const message = messageOf(value);
        if (message?.t !== 'call') {
          const { id, error } = refusal(data, isBinary, value);
          options.log.warn('bridge frame refused', { id, error: error.message });
          ws.send(encodeMessage({ t: 'result', id, result: { ok: false, error } }));
          return;
        }
        void options
          .dispatch(message.channel, message.input)
          .catch(() => fail('internal', 'Something went wrong in the app.'))
          .then((result) => {
            if (ws.readyState === ws.OPEN) ws.send(encodeMessage({ t: 'result', id: message.id, result }));
          });
      });
    });
  };
  server.on('upgrade', onUpgrade);

  const unsubscribe = options.hub.subscribe((name, payload) => {
    const frame = encodeMessage({ t: 'event', name, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  return {
    close: () => {
      unsubscribe();
      server.off('upgrade', onUpgrade);
      for (const ws of sockets) ws.terminate();
      wss.close();
    },
  };
}
