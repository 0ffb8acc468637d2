import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { AppError } from '../../shared/ipc/result';
import { FORMAT_VERSION, MANIFEST_NAME, sessionFile, type Manifest, type Redaction, type SessionDoc } from './bundleFormat';
import { toSrt, toVtt, type CaptionCue } from './captions';
import { useNativeZipCrc32 } from './zipCrc';

// Writes a .interview bundle. Media is stored (zip STORE: no recompression) and streamed from
// disk through a hashing transform, so memory stays flat whatever the video's size; the
// manifest, which lists every file's SHA-256, goes last. The zip is written under a temporary
// name beside the target and renamed at the end: a cancel or a failure leaves no partial file.

export interface ExportProgress {
  doneBytes: number;
  totalBytes: number;
}

/** One session, ready to be written: its document and the files on disk to ship with it. */
export interface PreparedSession {
  doc: SessionDoc;
  /** Absolute paths of the files to stream, by the name they get in the bundle. */
  files: { name: 'recording.mp4' | 'recording.webm' | 'thumbnail.jpg'; path: string }[];
  report: Buffer | null;
  redactions: Redaction[];
}

export function captionCues(doc: SessionDoc): CaptionCue[] {
  return (doc.transcript?.segments ?? []).map((s) => ({
    startMs: Number(s.start_ms),
    endMs: Number(s.end_ms),
    text: String(s.edited_text ?? s.text ?? ''),
  }));
}

/** The manifest's `kits`: each kit the sessions were recorded under, with their ids. */
function kitsOf(docs: SessionDoc[]): NonNullable<Manifest['kits']> {
  const kits = new Map<string, NonNullable<Manifest['kits']>[number]>();
  for (const doc of docs) {
    const id = doc.session.kit_id;
    if (typeof id !== 'string') continue;
    const kit = kits.get(id) ?? { id, name: String(doc.session.question_set_name ?? ''), sessionIds: [] };
    kit.sessionIds.push(String(doc.session.id));
    kits.set(id, kit);
  }
  return [...kits.values()];
}

interface PendingFile {
  name: string;
  bytes: number;
  sha256: Promise<string>;
}

/** Read and write size for media: 1 MiB (Node's 64 KiB default costs several times the copy speed). */
export const IO_CHUNK = 1024 * 1024;

const sha256Of = (buffer: Buffer) => createHash('sha256').update(buffer).digest('hex');

export async function writeBundle(options: {
  out: string;
  sessions: PreparedSession[];
  appVersion: string;
  now: number;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
}): Promise<{ bytes: number; manifest: Manifest }> {
  const { signal } = options;
  useNativeZipCrc32();
  const zip = new yazl.ZipFile();
  const pending: PendingFile[] = [];
  let current: Transform | null = null;
  const buffers: { name: string; data: Buffer }[] = [];
  const streamed: { name: string; path: string; bytes: number }[] = [];

  for (const s of options.sessions) {
    const id = String(s.doc.session.id);
    const json = Buffer.from(`${JSON.stringify({ ...s.doc, redactions: s.redactions }, null, 2)}\n`);
    buffers.push({ name: sessionFile(id, 'session.json'), data: json });
    if (s.doc.transcript) {
      const cues = captionCues(s.doc);
      buffers.push({ name: sessionFile(id, 'transcript.vtt'), data: Buffer.from(toVtt(cues)) });
      buffers.push({ name: sessionFile(id, 'transcript.srt'), data: Buffer.from(toSrt(cues)) });
    }
    if (s.report) buffers.push({ name: sessionFile(id, 'report.pdf'), data: s.report });
    for (const f of s.files) streamed.push({ name: sessionFile(id, f.name), path: f.path, bytes: (await stat(f.path)).size });
  }

  const totalBytes = streamed.reduce((n, f) => n + f.bytes, 0) + buffers.reduce((n, b) => n + b.data.length, 0);
  let doneBytes = 0;
  const advance = (n: number) => {
    doneBytes += n;
    options.onProgress?.({ doneBytes, totalBytes });
  };

  for (const b of buffers) {
    zip.addBuffer(b.data, b.name, { compress: true, mtime: new Date(options.now) });
    // In memory already: counted as done when handed over.
    advance(b.data.length);
    pending.push({ name: b.name, bytes: b.data.length, sha256: Promise.resolve(sha256Of(b.data)) });
  }
  for (const f of streamed) {
    let resolveHash!: (hash: string) => void;
    let rejectHash!: (error: Error) => void;
    const sha256 = new Promise<string>((res, rej) => ((resolveHash = res), (rejectHash = rej)));
    // A file that fails or is cancelled rejects this; the pipeline below reports it, not this.
    sha256.catch(() => undefined);
    pending.push({ name: f.name, bytes: f.bytes, sha256 });
    zip.addReadStreamLazy(f.name, { compress: false, size: f.bytes, mtime: new Date(options.now) }, (callback) => {
      const hash = createHash('sha256');
      let seen = 0;
      const hashing = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          seen += chunk.length;
          advance(chunk.length);
          done(null, chunk);
        },
        flush(done) {
          if (seen !== f.bytes) {
            const error = new AppError('conflict', `A file of the interview changed while it was being exported (${basename(f.path)}).`);
            rejectHash(error);
            return done(error);
          }
          resolveHash(hash.digest('hex'));
          done();
        },
      });
      // yazl does not listen for errors on what it reads; the pipeline below reports them.
      hashing.on('error', rejectHash);
      // Big reads: fewer trips through the hash, CRC and zip streams per byte.
      const source = createReadStream(f.path, { highWaterMark: IO_CHUNK });
      source.on('error', (error) => {
        rejectHash(error);
        hashing.destroy(error);
      });
      current = hashing;
      callback(null, source.pipe(hashing));
    });
  }

  const tmp = join(dirname(options.out), `.${basename(options.out)}.${randomUUID()}.part`);
  const onAbort = () => {
    const error = new AppError('cancelled', 'The export was cancelled.');
    current?.destroy(error);
    // Typed as a plain ReadableStream, it is a Node stream (a PassThrough).
    (zip.outputStream as unknown as Readable).destroy(error);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
    const written = pipeline(zip.outputStream, createWriteStream(tmp, { flags: 'wx', highWaterMark: IO_CHUNK }));
    // Awaited below; when a file fails first, its rejection is the one reported.
    written.catch(() => undefined);
    // The hashes complete as yazl reads each file; a failed write ends the wait too.
    const hashed = Promise.all(pending.map(async (p) => ({ name: p.name, bytes: p.bytes, sha256: await p.sha256 })));
    const files = await Promise.race([hashed, written.then(() => hashed)]);
    const kits = kitsOf(options.sessions.map((s) => s.doc));
    const redactions = Object.fromEntries(options.sessions.filter((s) => s.redactions.length).map((s) => [String(s.doc.session.id), s.redactions]));
    const manifest: Manifest = {
      format: 'interview-recorder-bundle',
      formatVersion: FORMAT_VERSION,
      appVersion: options.appVersion,
      createdAt: options.now,
      sessionIds: options.sessions.map((s) => String(s.doc.session.id)),
      files,
      ...(Object.keys(redactions).length ? { redactions } : {}),
      ...(kits.length ? { kits } : {}),
    };
    zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST_NAME, { compress: true, mtime: new Date(options.now) });
    zip.end();
    await written;
    if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
    await rename(tmp, options.out);
    return { bytes: (await stat(options.out)).size, manifest };
  } catch (error) {
    await rm(tmp, { force: true });
    if (signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
    if (error instanceof AppError) throw error;
    throw new AppError('internal', `The bundle could not be written: ${(error as Error).message}`, { cause: error });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
