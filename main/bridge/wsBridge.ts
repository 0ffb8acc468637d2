import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_PATH, decodeMessage, encodeMessage } from '../../shared/ipc/bridgeProtocol';
import { fail } from '../../shared/ipc/result';
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
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const sockets = new Set<WebSocket>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const allowed =
      url.pathname === BRIDGE_PATH &&
      tokenMatches(options.token, url.searchParams.get('token')) &&
      request.headers.origin === options.allowedOrigin();
    if (!allowed) {
      options.log.warn('bridge connection refused', { path: url.pathname, origin: request.headers.origin });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data: Buffer, isBinary) => {
        const message = isBinary ? decodeMessage(new Uint8Array(data)) : null;
        if (message?.t !== 'call') {
          options.log.warn('bridge frame ignored: not a call');
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
