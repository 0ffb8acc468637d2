import type BetterSqlite3 from 'better-sqlite3';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, read } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, statfs, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import type { z } from 'zod';
import type { BundleSummary, ImportOutcome } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import { kitCandidate } from '../kits/KitService';
import { TEMP_DIR } from '../pipeline/context';
import {
  IMPORT_LIMITS,
  MANIFEST_NAME,
  ManifestSchema,
  SessionDocSchema,
  checkFormatVersion,
  checkSessionDoc,
  invalid,
  isAllowedEntryName,
  sessionFile,
  type Manifest,
  type SessionDoc,
} from './bundleFormat';
import { IO_CHUNK } from './exportBundle';
import { matchCandidate, sessionExists, writeSession } from './sessionData';

// Reads a .interview bundle without trusting it. Every entry is checked from the central
// directory before a byte is inflated (name on an allow-list, no symlinks, no encryption, no
// duplicates, caps on count, size and ratio), inflated into a staging folder under the data
// folder's tmp/ (cleared at start-up) under names of our own, hashed on the way, and only then
// compared with the manifest. Files move into recordings/ and the rows go in one transaction:
// either the whole bundle is imported or nothing is.

type Db = BetterSqlite3.Database;

export type ImportLimits = { readonly [K in keyof typeof IMPORT_LIMITS]: number };

/** What to do with a session that is already here. */
export type DuplicatePolicy = 'skip' | 'replace' | 'refuse';

export interface ImportProgress {
  doneBytes: number;
  totalBytes: number;
}


interface Staged {
  path: string;
  bytes: number;
  sha256: string;
}

const SYMLINK = 0o120000;
const FILE_TYPE_MASK = 0o170000;

/** yauzl's messages, as sentences about the file. */
function describeZipError(error: Error): AppError {
  const m = error.message;
  if (/absolute path|invalid relative path|invalid characters/i.test(m)) {
    return invalid(`The bundle contains a file with an unsafe name (${m.split(': ').slice(1).join(': ')}).`, error);
  }
  if (/central directory|signature|unexpected EOF|overflows file bounds|Invalid comment length/i.test(m)) {
    return invalid('The file is not a complete .interview bundle: it is truncated or damaged.', error);
  }
  if (/bytes in the stream|size mismatch/i.test(m)) return invalid('A file inside the bundle is not the size it claims to be.', error);
  if (/encryption/i.test(m)) return invalid('The bundle contains encrypted files, which this app does not open.', error);
  return invalid(`The bundle is damaged (${m}).`, error);
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(describeZipError(error)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * The bundle's file for yauzl, read IO_CHUNK at a time. yauzl's own file reader reads 64 KiB at a
 * time, one read in flight: a 1 GiB recording took 16,384 round trips to the thread pool and
 * as many allocations, most of the import's CPU time after the disk (measured).
 */
const keepOpen = (_fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => callback(null);

class FileReader extends yauzl.RandomAccessReader {
  constructor(private readonly handle: FileHandle) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    // The range is [start, end); fs streams take an inclusive end. Positioned reads: the file's
    // offset is never moved. yauzl destroys each stream when its entry is done, and a destroyed
    // fs stream closes its fd whatever autoClose says: its close is a no-op here, the file is
    // closed once, by close() below, when the zip is.
    return createReadStream('', { fd: this.handle.fd, fs: { read, close: keepOpen }, start, end: end - 1, autoClose: false, highWaterMark: IO_CHUNK });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null, bytesRead?: number) => void): void {
    // Headers and the central directory: small reads, straight into yauzl's buffer. yauzl
    // refuses a short read as a truncated file.
    read(this.handle.fd, buffer, offset, length, position, callback);
  }

  override close(callback: (error: Error | null) => void): void {
    this.handle.close().then(() => callback(null), callback);
  }
}

async function openZip(file: string): Promise<yauzl.ZipFile> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', 'That bundle file does not exist.');
    throw describeZipError(error as Error);
  }
  try {
    const { size } = await handle.stat();
    // Not autoClose: the file stays open until zip.close(), which closes the handle.
    return await yauzl.fromRandomAccessReaderPromise(new FileReader(handle), size, {
      lazyEntries: true,
      validateEntrySizes: true,
      strictFileNames: true,
      decodeStrings: true,
      autoClose: false,
    });
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw describeZipError(error as Error);
  }
}

/** The checks made on an entry from the central directory alone, before reading its data. */
function checkEntry(entry: yauzl.Entry, seen: Set<string>, totals: { bytes: number }, limits: ImportLimits = IMPORT_LIMITS): void {
  const name = entry.fileName;
  if (seen.has(name)) throw invalid(`The bundle contains "${name}" twice.`);
  seen.add(name);
  if (((entry.externalFileAttributes >>> 16) & FILE_TYPE_MASK) === SYMLINK) throw invalid(`The bundle contains a link (${name}), which is not allowed.`);
  if (entry.isEncrypted()) throw invalid(`The bundle contains an encrypted file (${name}), which this app does not open.`);
  if (!isAllowedEntryName(name)) throw invalid(`The bundle contains a file this app does not expect (${name}).`);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw invalid(`A file inside the bundle uses an unknown compression (${name}).`);
  if (name.endsWith('.json') && entry.uncompressedSize > limits.maxJsonBytes) throw invalid(`The bundle's ${name} is far too large.`);
  if (entry.uncompressedSize > limits.ratioFloorBytes && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxRatio) {
    throw invalid(`A file inside the bundle (${name}) expands far beyond its stored size, as a zip bomb does.`);
  }
  totals.bytes += entry.uncompressedSize;
  if (totals.bytes > limits.maxTotalBytes) throw invalid('The bundle expands to more data than any interview holds.');
}

function parseJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(`The bundle's ${what} is not valid JSON.`, error);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`The bundle's ${what} is not in the expected form (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'invalid'}).`);
  }
  return parsed.data;
}

function parseManifest(text: string): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw invalid("The bundle's manifest is not valid JSON.", error);
  }
  // The version first: a newer format is refused as such, whatever else changed in it.
  checkFormatVersion((raw as { formatVersion?: unknown } | null)?.formatVersion);
  return parseJson(ManifestSchema, text, 'manifest');
}

/** Lists what a bundle holds (reading only its manifest and session files), for the duplicate question. */
export async function inspectBundle(db: Db, file: string): Promise<BundleSummary> {
  const zip = await openZip(file);
  try {
    if (zip.entryCount > IMPORT_LIMITS.maxEntries) throw invalid(`The bundle has ${zip.entryCount} files; no interview bundle has that many.`);
    const seen = new Set<string>();
    const totals = { bytes: 0 };
    const texts = new Map<string, string>();
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      checkEntry(entry, seen, totals);
      if (entry.fileName.endsWith('.json')) texts.set(entry.fileName, (await readEntry(zip, entry)).toString('utf8'));
    }
    const manifestText = texts.get(MANIFEST_NAME);
    if (manifestText === undefined) throw invalid('The file has no manifest: it is not an .interview bundle.');
    const manifest = parseManifest(manifestText);
    return {
      formatVersion: manifest.formatVersion,
      appVersion: manifest.appVersion,
      sessions: manifest.sessionIds.map((id) => {
        const text = texts.get(sessionFile(id, 'session.json'));
        if (text === undefined) throw invalid(`The bundle lists session ${id} but holds no data for it.`);
        const doc = parseJson(SessionDocSchema, text, `data for session ${id}`);
        return {
          id,
          candidate: String(doc.candidate.name ?? ''),
          jobTitle: String(doc.session.job_title ?? ''),
          createdAt: Number(doc.session.created_at ?? 0),
          exists: sessionExists(db, id),
        };
      }),
    };
  } finally {
    zip.close();
  }
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (error) {
    throw error instanceof AppError ? error : describeZipError(error as Error);
  }
  return Buffer.concat(chunks);
}

export interface ImportDeps {
  dataDir: string;
  raw: Db;
}

export async function importBundle(
  deps: ImportDeps,
  file: string,
  options: { duplicates: DuplicatePolicy; signal?: AbortSignal; onProgress?: (p: ImportProgress) => void; limits?: Partial<ImportLimits> },
): Promise<ImportOutcome> {
  const limits = { ...IMPORT_LIMITS, ...options.limits };
  const staging = join(deps.dataDir, TEMP_DIR, `import-${randomUUID()}`);
  const { signal } = options;
  const zip = await openZip(file);
  // Made only once the zip opened: a file that is no zip at all leaves not even an empty folder.
  try {
    await mkdir(staging, { recursive: true });
    if (zip.entryCount > limits.maxEntries) throw invalid(`The bundle has ${zip.entryCount} files; no interview bundle has that many.`);
    const totalBytes = (await stat(file)).size;
    let doneBytes = 0;
    const seen = new Set<string>();
    const totals = { bytes: 0 };
    const staged = new Map<string, Staged>();
    const texts = new Map<string, string>();
    const free = await statfs(deps.dataDir).then((s) => s.bavail * s.bsize).catch(() => Number.POSITIVE_INFINITY);

    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (signal?.aborted) throw new AppError('cancelled', 'The import was cancelled.');
      checkEntry(entry, seen, totals, limits);
      if (totals.bytes > free) throw new AppError('disk/low', 'There is not enough free disk space to import this bundle.');
      const path = join(staging, String(staged.size));
      const hash = createHash('sha256');
      let bytes = 0;
      const expected = entry.uncompressedSize;
      const counting = new Transform({
        transform(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          // yauzl checks this too (validateEntrySizes); counting here bounds what reaches the disk.
          if (bytes > expected) return done(invalid('A file inside the bundle is not the size it claims to be.'));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const before = doneBytes;
      try {
        const stream = await zip.openReadStreamPromise(entry);
        stream.on('data', () => options.onProgress?.({ doneBytes: Math.min(totalBytes, before + Math.round((bytes / Math.max(1, expected)) * entry!.compressedSize)), totalBytes }));
        await pipeline(stream, counting, createWriteStream(path, { flags: 'wx', highWaterMark: IO_CHUNK }), { signal });
      } catch (error) {
        if (signal?.aborted) throw new AppError('cancelled', 'The import was cancelled.');
        throw error instanceof AppError ? error : describeZipError(error as Error);
      }
      doneBytes += entry.compressedSize;
      options.onProgress?.({ doneBytes: Math.min(doneBytes, totalBytes), totalBytes });
      const item = { path, bytes, sha256: hash.digest('hex') };
      staged.set(entry.fileName, item);
      if (entry.fileName.endsWith('.json')) texts.set(entry.fileName, await readFile(path, 'utf8'));
    }
    // Headers and the central directory are the rest of the file: all of it has been read.
    options.onProgress?.({ doneBytes: totalBytes, totalBytes });

    const manifestText = texts.get(MANIFEST_NAME);
    if (manifestText === undefined) throw invalid('The file has no manifest: it is not an .interview bundle.');
    const manifest = parseManifest(manifestText);
    const listed = new Set(manifest.files.map((f) => f.name));
    if (listed.size !== manifest.files.length) throw invalid('The bundle\'s manifest lists a file twice.');
    for (const f of manifest.files) {
      const got = staged.get(f.name);
      if (!got) throw invalid(`The bundle is missing ${f.name}, which its manifest lists.`);
      if (got.bytes !== f.bytes) throw invalid(`${f.name} in the bundle is not the size its manifest says.`);
      if (got.sha256 !== f.sha256) throw invalid(`${f.name} in the bundle does not match its checksum: the file is damaged or was changed.`);
    }
    for (const name of staged.keys()) {
      if (name !== MANIFEST_NAME && !listed.has(name)) throw invalid(`The bundle holds ${name}, which its manifest does not list.`);
      if (name !== MANIFEST_NAME && !manifest.sessionIds.some((id) => name.startsWith(`sessions/${id}/`))) {
        throw invalid(`The bundle holds ${name}, which belongs to no session it lists.`);
      }
    }
    const docs: SessionDoc[] = manifest.sessionIds.map((id) => {
      const text = texts.get(sessionFile(id, 'session.json'));
      if (text === undefined) throw invalid(`The bundle lists session ${id} but holds no data for it.`);
      const doc = parseJson(SessionDocSchema, text, `data for session ${id}`);
      checkSessionDoc(doc, id);
      return doc;
    });
    if (signal?.aborted) throw new AppError('cancelled', 'The import was cancelled.');
    return await commit(deps, docs, staged, options.duplicates);
  } finally {
    zip.close();
    await rm(staging, { recursive: true, force: true });
  }
}


/** Moves the staged files into recordings/ and writes the rows in one transaction; undoes the moves if that fails. */
async function commit(deps: ImportDeps, docs: SessionDoc[], staged: Map<string, Staged>, duplicates: DuplicatePolicy): Promise<ImportOutcome> {
  const result: ImportOutcome = { imported: [], skipped: [], replaced: [] };
  const existing = docs.filter((d) => sessionExists(deps.raw, String(d.session.id)));
  if (existing.length && duplicates === 'refuse') {
    throw new AppError('bundle/exists', existing.length === 1 ? 'This interview has already been imported.' : `${existing.length} of these interviews have already been imported.`);
  }
  const todo = docs.filter((d) => duplicates === 'replace' || !existing.includes(d));
  result.skipped = docs.filter((d) => !todo.includes(d)).map((d) => String(d.session.id));

  const moved: string[] = [];
  const setAside: { from: string; to: string }[] = [];
  const created: string[] = [];
  const plans: { doc: SessionDoc; recordingPath: string | null; mediaPaths: Map<string, string> }[] = [];
  try {
    for (const doc of todo) {
      const sessionId = String(doc.session.id);
      const dir = join(deps.dataDir, 'recordings', sessionId);
      if (existing.includes(doc)) {
        // Kept aside (not in tmp/, which start-up clears) until the rows are replaced.
        const aside = `${dir}.replaced-${randomUUID()}`;
        if (await rename(dir, aside).then(() => true, () => false)) setAside.push({ from: dir, to: aside });
      }
      if ((await mkdir(dir, { recursive: true })) !== undefined) created.push(dir);
      const recordingId = doc.recording ? String(doc.recording.id) : null;
      let recordingPath: string | null = null;
      const mediaPaths = new Map<string, string>();
      const place = async (name: Parameters<typeof sessionFile>[1], suffix: string): Promise<string | null> => {
        const item = staged.get(sessionFile(sessionId, name));
        if (!item || recordingId === null) return null;
        const rel = `recordings/${sessionId}/${recordingId}.${suffix}`;
        await rename(item.path, join(deps.dataDir, ...rel.split('/')));
        moved.push(join(deps.dataDir, ...rel.split('/')));
        return rel;
      };
      recordingPath = (await place('recording.mp4', 'mp4')) ?? (await place('recording.webm', 'webm'));
      const thumbnail = await place('thumbnail.jpg', 'jpg');
      if (thumbnail) mediaPaths.set('thumbnail', thumbnail);
      if (recordingPath?.endsWith('.mp4')) mediaPaths.set('mp4', recordingPath);
      plans.push({ doc, recordingPath, mediaPaths });
    }
    deps.raw.transaction(() => {
      for (const plan of plans) {
        const sessionId = String(plan.doc.session.id);
        if (existing.includes(plan.doc)) deps.raw.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
        // A session of a kit made here lands under the kit's candidate; others are matched by email.
        const candidate = kitCandidate(deps.raw, plan.doc.session.kit_id) ?? matchCandidate(deps.raw, plan.doc.candidate);
        try {
          writeSession(deps.raw, plan.doc, { ...candidate, recordingPath: plan.recordingPath, mediaPaths: plan.mediaPaths });
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw invalid(`The bundle's data for session ${sessionId} could not be stored (${(error as Error).message}).`, error);
        }
        (existing.includes(plan.doc) ? result.replaced : result.imported).push(sessionId);
      }
    })();
  } catch (error) {
    for (const path of moved) await rm(path, { force: true });
    for (const dir of created) await rm(dir, { recursive: true, force: true });
    for (const { from, to } of setAside) {
      await rm(from, { recursive: true, force: true });
      await rename(to, from);
    }
    throw error;
  }
  for (const { to } of setAside) await rm(to, { recursive: true, force: true });
  return result;
}
