import { randomUUID } from 'node:crypto';
import { mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { KIT_EXTENSION } from '../../shared/domain/kits';
import type { OpenRequest, ShareProgress } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import type { EventHub } from '../ipc/eventHub';
import type { Handlers } from '../ipc/handlers';
import { TEMP_DIR } from '../pipeline/context';
import { BUNDLE_EXTENSION, IMPORT_LIMITS } from './bundleFormat';
import type { ShareService } from './ShareService';

// The share:* IPC calls. Paths never come from the page: in Electron the shell's dialogs choose
// them (injected), in browser mode exports land in the data folder's exports/ (the page
// downloads them) and imports are uploaded in chunks to a staging file first.

/** What a dialog is for: its file-type filter. */
export type SharedFileKind = 'bundle' | 'kit';

export interface FileDialogs {
  /** Where to save; null when the user cancels. */
  pickSavePath(defaultName: string, kind?: SharedFileKind): Promise<string | null>;
  /** A bundle (or kit) to open; null when the user cancels. */
  pickOpenPath(kind?: SharedFileKind): Promise<string | null>;
}

export interface ShareHandlerDeps {
  share: ShareService;
  hub: EventHub;
  dataDir: string;
  now: () => number;
  /** The Electron shell's dialogs; absent in browser mode. */
  dialogs?: FileDialogs;
  /** Browser mode: the URL prefix serving the data folder's exports/. */
  exportsBaseUrl?: () => string;
  /** Registers a kit file the OS opened as a kit import source (main/kits/handlers.ts). */
  openKit: (path: string) => { sourceId: string; fileName: string };
  /** Bytes free where the data folder is, and what must stay free for recording. */
  freeBytes: (dir: string) => Promise<number>;
  reserveBytes: number;
  /** An upload with no chunk for this long is closed and its file deleted. */
  uploadIdleMs?: number;
}

/** Browser-mode uploads open at once: one a page needs, a few for retries; each holds a file handle. */
export const MAX_OPEN_UPLOADS = 4;
const UPLOAD_IDLE_MS = 60_000;

type ShareChannel = Extract<keyof Handlers, `share:${string}`>;

export const EXPORTS_DIR = 'exports';
/** Names of files the page may download from exports/. */
export const EXPORT_FILE_NAME = /^[\w][\w.-]{0,150}\.(interview|interviewkit|json|csv)$/;

/** "Ana Díaz", a date → "Ana-Diaz-2026-12-01": safe on every file system. */
export function fileStem(text: string, at: number): string {
  const name = text.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'interview';
  return `${name}-${new Date(at).toISOString().slice(0, 10)}`;
}

function throttled(emit: (p: ShareProgress) => void, everyMs = 250): (p: ShareProgress) => void {
  let last = 0;
  return (p) => {
    const t = Date.now();
    if (t - last >= everyMs || p.doneBytes >= p.totalBytes) {
      last = t;
      emit(p);
    }
  };
}

interface Source {
  path: string;
  fileName: string;
  /** An upload: ours to delete. */
  upload: { handle: FileHandle | null; expected: number; received: number; nextSeq: number; idle: NodeJS.Timeout | null } | null;
}

/**
 * A path the OS handed the app, checked as a picked file would be: it must be a regular
 * `.interview` or `.interviewkit` file. Resolves to its absolute path and kind, or throws the
 * sentence the user sees.
 */
export async function openableFile(path: string): Promise<{ path: string; kind: OpenRequest['kind'] }> {
  const absolute = resolve(path);
  const name = basename(absolute);
  const extension = extname(absolute).toLowerCase();
  if (extension !== BUNDLE_EXTENSION && extension !== KIT_EXTENSION) {
    throw new AppError('bundle/invalid', `${name} is not an interview bundle or kit; only .interview and .interviewkit files can be opened.`);
  }
  const info = await stat(absolute).catch(() => null);
  if (!info) throw new AppError('not_found', `${name} could not be found; it may have been moved or deleted.`);
  if (!info.isFile()) throw new AppError('bundle/invalid', `${name} is not a file that can be imported.`);
  return { path: absolute, kind: extension === KIT_EXTENSION ? 'kit' : 'bundle' };
}

export interface ShareHandlers {
  handlers: Pick<Handlers, ShareChannel>;
  /**
   * A file the OS asked to open: registered as an import source (or refused with a sentence),
   * kept until a page takes it, and announced with share:onOpenRequested. Never throws.
   */
  openFile(path: string): Promise<OpenRequest>;
}

export function createShareHandlers(deps: ShareHandlerDeps): ShareHandlers {
  const operations = new Map<string, AbortController>();
  const sources = new Map<string, Source>();
  /** Uploads past the count check whose file is not open yet. */
  let starting = 0;
  const openRequests: OpenRequest[] = [];
  const progress = () => throttled((p) => deps.hub.emit('share:onProgress', p));

  const begin = (operationId: string) => {
    if (operations.has(operationId)) throw new AppError('conflict', 'That export or import is already running.');
    const controller = new AbortController();
    operations.set(operationId, controller);
    return controller;
  };
  const sourceOf = (sourceId: string): Source => {
    const source = sources.get(sourceId);
    if (!source) throw new AppError('not_found', 'That bundle is no longer open; choose it again.');
    if (source.upload && source.upload.received !== source.upload.expected) throw new AppError('conflict', 'The bundle has not been uploaded completely.');
    return source;
  };
  const discard = async (sourceId: string) => {
    const source = sources.get(sourceId);
    sources.delete(sourceId);
    if (source?.upload) {
      if (source.upload.idle) clearTimeout(source.upload.idle);
      await source.upload.handle?.close();
      await rm(source.path, { force: true });
    }
  };

  /** (Re)arms the idle timer of an open upload: a page that went away leaves no handle open. */
  const keepOpen = (sourceId: string) => {
    const upload = sources.get(sourceId)!.upload!;
    if (upload.idle) clearTimeout(upload.idle);
    upload.idle = setTimeout(() => void discard(sourceId), deps.uploadIdleMs ?? UPLOAD_IDLE_MS);
    upload.idle.unref();
  };

  const addSource = (path: string) => {
    const sourceId = randomUUID();
    sources.set(sourceId, { path, fileName: basename(path), upload: null });
    return { sourceId, fileName: basename(path) };
  };

  const registerOpened = async (path: string): Promise<OpenRequest> => {
    let request: OpenRequest;
    try {
      const file = await openableFile(path);
      request = { id: randomUUID(), kind: file.kind, ...(file.kind === 'kit' ? deps.openKit(file.path) : addSource(file.path)), error: null };
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'That file could not be opened.';
      request = { id: randomUUID(), kind: extname(path).toLowerCase() === KIT_EXTENSION ? 'kit' : 'bundle', fileName: basename(path), sourceId: null, error: message };
    }
    openRequests.push(request);
    deps.hub.emit('share:onOpenRequested', { fileName: request.fileName });
    return request;
  };
  // One at a time, so that files the OS sends together are offered in the order it sent them.
  let opening: Promise<unknown> = Promise.resolve();
  const openFile = (path: string): Promise<OpenRequest> => {
    const next = opening.then(() => registerOpened(path));
    opening = next;
    return next;
  };

  const handlers: Pick<Handlers, ShareChannel> = {
    'share:export': async ({ operationId, sessionIds, video, includeReport, redactions }) => {
      const first = deps.share.session(sessionIds[0]!);
      const stem = sessionIds.length === 1 ? fileStem(String(first.candidate.name), Number(first.session.created_at)) : fileStem('interviews', deps.now());
      const fileName = `${stem}${BUNDLE_EXTENSION}`;
      let out: string;
      if (deps.dialogs) {
        const picked = await deps.dialogs.pickSavePath(fileName);
        if (!picked) return { saved: false, fileName, bytes: 0, downloadUrl: null, redactions: {} };
        out = picked.endsWith(BUNDLE_EXTENSION) ? picked : `${picked}${BUNDLE_EXTENSION}`;
      } else {
        await mkdir(join(deps.dataDir, EXPORTS_DIR), { recursive: true });
        out = join(deps.dataDir, EXPORTS_DIR, fileName);
      }
      const controller = begin(operationId);
      try {
        const report = progress();
        const result = await deps.share.exportSessions({
          sessionIds,
          out,
          video,
          includeReport,
          redactions,
          signal: controller.signal,
          onProgress: (p) => report({ operationId, ...p }),
        });
        return {
          saved: true,
          fileName: basename(out),
          bytes: result.bytes,
          downloadUrl: deps.dialogs || !deps.exportsBaseUrl ? null : `${deps.exportsBaseUrl()}${encodeURIComponent(basename(out))}`,
          redactions: result.redactions,
        };
      } finally {
        operations.delete(operationId);
      }
    },
    'share:cancel': ({ operationId }) => {
      operations.get(operationId)?.abort();
    },
    'share:pickBundle': async () => {
      if (!deps.dialogs) throw new AppError('conflict', 'Upload the bundle instead: this window cannot open files itself.');
      const path = await deps.dialogs.pickOpenPath();
      return path ? addSource(path) : null;
    },
    'share:uploadStart': async ({ fileName, bytes }) => {
      const openUploads = [...sources.values()].filter((s) => s.upload?.handle).length;
      if (openUploads + starting >= MAX_OPEN_UPLOADS) throw new AppError('conflict', `${MAX_OPEN_UPLOADS} uploads are already open; finish or close one first.`);
      if (bytes > IMPORT_LIMITS.maxTotalBytes) throw new AppError('bundle/invalid', `${basename(fileName)} is larger than any interview bundle can be.`);
      // Counted from here: starts arriving together must not all pass the check above.
      starting++;
      try {
        const free = await deps.freeBytes(deps.dataDir);
        if (bytes > free - deps.reserveBytes) {
          throw new AppError('disk/low', `There is not enough free disk space to upload ${basename(fileName)}; free some space and try again.`);
        }
        const sourceId = randomUUID();
        const dir = join(deps.dataDir, TEMP_DIR, 'uploads');
        await mkdir(dir, { recursive: true });
        const path = join(dir, `${sourceId}${BUNDLE_EXTENSION}`);
        const handle = await open(path, 'wx');
        sources.set(sourceId, { path, fileName: basename(fileName), upload: { handle, expected: bytes, received: 0, nextSeq: 0, idle: null } });
        keepOpen(sourceId);
        return { sourceId };
      } finally {
        starting--;
      }
    },
    'share:uploadChunk': async ({ sourceId, seq, bytes }) => {
      const upload = sources.get(sourceId)?.upload;
      if (!upload?.handle) throw new AppError('not_found', 'That upload is no longer open; choose the file again.');
      keepOpen(sourceId);
      if (seq < upload.nextSeq) return { received: upload.received };
      if (seq > upload.nextSeq) throw new AppError('recording/gap', 'A piece of the upload went missing; choose the file again.');
      if (upload.received + bytes.byteLength > upload.expected) throw new AppError('ipc/invalid_input', 'The upload is larger than the file announced.');
      await upload.handle.write(bytes, 0, bytes.byteLength, upload.received);
      upload.received += bytes.byteLength;
      upload.nextSeq += 1;
      if (upload.received === upload.expected) {
        clearTimeout(upload.idle!);
        upload.idle = null;
        await upload.handle.close();
        upload.handle = null;
      }
      return { received: upload.received };
    },
    'share:inspect': ({ sourceId }) => deps.share.inspect(sourceOf(sourceId).path),
    'share:import': async ({ sourceId, operationId, duplicates }) => {
      const source = sourceOf(sourceId);
      const controller = begin(operationId);
      try {
        const report = progress();
        const result = await deps.share.importFile(source.path, {
          duplicates,
          signal: controller.signal,
          onProgress: (p) => report({ operationId, stage: 'importing', ...p }),
        });
        await discard(sourceId);
        return result;
      } finally {
        operations.delete(operationId);
      }
    },
    'share:discard': ({ sourceId }) => discard(sourceId),
    'share:sessionJson': ({ sessionId }) => {
      const doc = deps.share.session(sessionId);
      return { fileName: `${fileStem(String(doc.candidate.name), Number(doc.session.created_at))}.json`, text: deps.share.sessionJson(sessionId) };
    },
    'share:libraryCsv': () => ({ fileName: `${fileStem('interviews', deps.now())}.csv`, text: deps.share.libraryCsv() }),
    'share:takeOpenRequests': () => openRequests.splice(0),
  };
  return { handlers, openFile };
}

/** Size of a file in exports/, for the browser-mode download route; null when it is not one of ours. */
export async function exportFile(dataDir: string, name: string): Promise<{ path: string; bytes: number } | null> {
  if (!EXPORT_FILE_NAME.test(name)) return null;
  const path = join(dataDir, EXPORTS_DIR, name);
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? { path, bytes: info.size } : null;
}
