import { createReadStream, type ReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, sep } from 'node:path';

// Serves files of the data folder to the page (Electron's media:// protocol and the dev bridge
// share this). Paths come from a URL, so they are untrusted: only relative paths under
// recordings/ or tts-cache/, no `..`, no backslashes, and the real path must stay inside the data folder.

const CONTENT_TYPES: Record<string, string> = {
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.vtt': 'text/vtt; charset=utf-8',
  '.mp3': 'audio/mpeg',
};

/** Spoken questions (OpenAI text-to-speech), kept for the next session with the same questions. */
export const TTS_CACHE_DIR = 'tts-cache';

/** The data folder's top-level folders the page may read from. */
const SERVED_DIRS = new Set(['recordings', TTS_CACHE_DIR]);

export interface MediaResponse {
  status: 200 | 206 | 400 | 403 | 404 | 416;
  headers: Record<string, string>;
  body: ReadStream | null;
}

/** Resolves a URL path to a file inside dataDir, or null if it is not one we may serve. */
export async function resolveMediaPath(dataDir: string, urlPath: string): Promise<string | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!rel || rel.includes('\0') || rel.includes('\\') || isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return null;
  const parts = rel.split('/');
  if (!SERVED_DIRS.has(parts[0] ?? '') || parts.some((p) => p === '' || p === '.' || p === '..')) return null;
  if (!CONTENT_TYPES[extname(rel).toLowerCase()]) return null;
  try {
    const root = await realpath(dataDir);
    const file = await realpath(join(root, ...parts));
    return file.startsWith(root + sep) ? file : null;
  } catch {
    return null;
  }
}

/** Answers a GET for a media file, honouring a single `Range: bytes=` request for seeking. */
export async function serveMedia(dataDir: string, urlPath: string, range: string | null): Promise<MediaResponse> {
  const file = await resolveMediaPath(dataDir, urlPath);
  if (!file) return { status: 404, headers: {}, body: null };
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return { status: 404, headers: {}, body: null };
  const size = info.size;
  const base = {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
  };
  if (!range) {
    return {
      status: 200,
      headers: { ...base, 'Content-Length': String(size) },
      body: createReadStream(file),
    };
  }
  const parsed = parseRange(range, size);
  if (!parsed) {
    return { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` }, body: null };
  }
  const { start, end } = parsed;
  return {
    status: 206,
    headers: { ...base, 'Content-Length': String(end - start + 1), 'Content-Range': `bytes ${start}-${end}/${size}` },
    body: createReadStream(file, { start, end }),
  };
}

/** Parses `bytes=a-b`, `bytes=a-` and `bytes=-n`; multiple ranges are not supported (null). */
export function parseRange(header: string, size: number): { start: number; end: number } | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || size === 0) return null;
  const [, a, b] = match;
  let start: number;
  let end: number;
  if (a === '' && b === '') return null;
  if (a === '') {
    start = Math.max(0, size - Number(b));
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start > end || start >= size) return null;
  return { start, end };
}
