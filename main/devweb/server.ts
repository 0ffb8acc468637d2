import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, extname, join, sep } from 'node:path';
import { createApp, type App, type AppOptions } from '../app/createApp';
import { attachBridge } from '../bridge/wsBridge';
import { createLogger } from '../log';
import { serveMedia } from '../media/mediaFiles';
import { SECURITY_HEADERS } from '../security/csp';
import { exportFile } from '../share/handlers';

// The app without Electron: the real main services, the built renderer and the WebSocket bridge
// on one loopback port. For `npm run dev:web` and the e2e tests; the packaged app never runs it.

export interface DevServerOptions extends Omit<AppOptions, 'mediaBaseUrl'> {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
}

export interface DevServer {
  url: string;
  token: string;
  app: App;
  close(): Promise<void>;
}

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? createLogger('devweb');
  const token = randomBytes(24).toString('hex');
  let origin = '';
  const mediaPrefix = `/media/${token}/`;
  // Bundles exported in browser mode land in the data folder's exports/; the page downloads them here.
  const exportsPrefix = `/exports/${token}/`;
  const app = await createApp({ ...options, log, mediaBaseUrl: () => `${origin}${mediaPrefix}`, exportsBaseUrl: () => `${origin}${exportsPrefix}` });
  const rendererRoot = await realpath(options.rendererDir).catch(() => {
    throw new Error(`The renderer is not built (${options.rendererDir}); run \`npm run build\` first.`);
  });

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log.error('request failed', { url: request.url, error });
      if (!response.headersSent) response.writeHead(500).end('Internal error');
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    // Only our own name: a page elsewhere whose name resolves here (DNS rebinding) sends its own.
    if (request.headers.host !== new URL(origin).host) {
      response.writeHead(403).end('Forbidden');
      return;
    }
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname.startsWith(mediaPrefix)) {
      const media = await serveMedia(options.dataDir, url.pathname.slice(mediaPrefix.length), request.headers.range ?? null);
      response.writeHead(media.status, { ...media.headers, ...SECURITY_HEADERS });
      if (media.body && request.method === 'GET') media.body.pipe(response);
      else {
        media.body?.destroy();
        response.end();
      }
      return;
    }
    if (url.pathname.startsWith(exportsPrefix)) {
      const file = await exportFile(options.dataDir, decodeURIComponent(url.pathname.slice(exportsPrefix.length)));
      if (!file) {
        response.writeHead(404).end('Not found');
        return;
      }
      response.writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(file.bytes),
        'Content-Disposition': `attachment; filename="${basename(file.path)}"`,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (request.method === 'GET') createReadStream(file.path).pipe(response);
      else response.end();
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = await realpath(join(rendererRoot, rel)).catch(() => null);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !file.startsWith(rendererRoot + sep) || !info?.isFile()) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(info.size),
      'Cache-Control': 'no-store',
      // The same policy the Electron page has, so e2e runs under it.
      ...SECURITY_HEADERS,
    });
    if (request.method === 'GET') createReadStream(file).pipe(response);
    else response.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const bridge = attachBridge(server, {
    token,
    dispatch: app.dispatch,
    hub: app.hub,
    allowedOrigin: () => origin,
    log: log.child('bridge'),
  });

  return {
    url: `${origin}/?token=${token}`,
    token,
    app,
    close: async () => {
      bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}
