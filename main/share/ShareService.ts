import type BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/ipc/result';
import { probe } from '../media/ffmpeg';
import type { FfmpegLocation } from '../media/ffmpegLocator';
import { runFfmpeg } from '../media/runFfmpeg';
import { TEMP_DIR } from '../pipeline/context';
import type { Logger } from '../log';
import type { Redaction, SessionDoc } from './bundleFormat';
import { libraryCsv } from './csv';
import { writeBundle, type ExportProgress, type PreparedSession } from './exportBundle';
import type { BundleSummary, ImportOutcome } from '../../shared/domain/types';
import { importBundle, inspectBundle } from './importBundle';
import { isEmptyRedaction, redactDoc, redactSpec, type RedactionRequest } from './redact';
import { renderReport } from './report';
import { readSession } from './sessionData';
import type { SessionLocks } from '../library/sessionLocks';

// Export, import, the report and the library CSV, for the IPC handlers and the command line.


export interface ShareDeps {
  dataDir: string;
  raw: BetterSqlite3.Database;
  appVersion: string;
  now: () => number;
  ffmpeg: () => FfmpegLocation | null;
  log: Logger;
  /** Sessions being exported are held, so that retention never deletes one mid-export. */
  locks?: SessionLocks;
}

export type VideoChoice = 'mp4' | 'webm';

export interface ExportRequest {
  sessionIds: string[];
  /** Absolute path of the .interview file to write. */
  out: string;
  /** MP4 when one was made (else the WebM), or the seekable WebM. */
  video: VideoChoice;
  includeReport: boolean;
  /** Per session id. */
  redactions?: Record<string, RedactionRequest>;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress & { stage: 'redacting' | 'writing' }) => void;
}

const abs = (dataDir: string, rel: string) => join(dataDir, ...rel.split('/'));

export class ShareService {
  constructor(private readonly deps: ShareDeps) {}

  session(sessionId: string): SessionDoc {
    return readSession(this.deps.raw, sessionId);
  }

  /** session.json alone: the same document a bundle carries. */
  sessionJson(sessionId: string): string {
    return `${JSON.stringify({ ...this.session(sessionId), redactions: [] }, null, 2)}\n`;
  }

  libraryCsv(): string {
    return libraryCsv(this.deps.raw);
  }

  report(sessionId: string): Promise<Buffer> {
    return renderReport(this.session(sessionId), [], { now: this.deps.now() });
  }

  async exportSessions(request: ExportRequest): Promise<{ out: string; bytes: number; redactions: Record<string, Redaction[]> }> {
    const ids = [...new Set(request.sessionIds)];
    if (!ids.length) throw new AppError('ipc/invalid_input', 'Choose at least one interview to export.');
    const release = this.deps.locks?.hold(ids) ?? (() => undefined);
    const scratch: string[] = [];
    try {
      const prepared: PreparedSession[] = [];
      for (const id of ids) prepared.push(await this.prepare(id, request, scratch));
      const result = await writeBundle({
        out: request.out,
        sessions: prepared,
        appVersion: this.deps.appVersion,
        now: this.deps.now(),
        signal: request.signal,
        onProgress: (p) => request.onProgress?.({ ...p, stage: 'writing' }),
      });
      this.deps.log.info('sessions exported', { sessions: ids.length, bytes: result.bytes });
      return { out: request.out, bytes: result.bytes, redactions: result.manifest.redactions ?? {} };
    } finally {
      release();
      for (const file of scratch) await rm(file, { force: true });
    }
  }

  private async prepare(sessionId: string, request: ExportRequest, scratch: string[]): Promise<PreparedSession> {
    const original = this.session(sessionId);
    if (original.session.status === 'in_progress') throw new AppError('conflict', 'An interview still being recorded cannot be exported.');
    const recording = original.recording;
    const files: PreparedSession['files'] = [];
    let doc = original;
    let redactions: Redaction[] = [];
    if (recording && (recording.status === 'finalized' || recording.status === 'interrupted')) {
      const mp4 = original.media.find((m) => m.kind === 'mp4');
      const recordingIsMp4 = String(recording.mime_type).startsWith('video/mp4');
      const source =
        recordingIsMp4 || (request.video === 'mp4' && mp4)
          ? { path: recordingIsMp4 ? String(recording.path) : String(mp4!.path), container: 'mp4' as const }
          : { path: String(recording.path), container: 'webm' as const };
      let sourcePath = abs(this.deps.dataDir, source.path);
      const redaction = request.redactions?.[sessionId];
      if (!isEmptyRedaction(redaction)) {
        const cut = redactDoc(original, redaction!);
        if (cut.timeline.durationMs <= 0) throw new AppError('ipc/invalid_input', 'The redaction removes the whole recording.');
        ({ doc, redactions } = cut);
        const location = this.deps.ffmpeg();
        if (!location) throw new AppError('ffmpeg/missing', 'Cutting the recording needs ffmpeg, which was not found.');
        const info = await probe(location, sourcePath);
        await mkdir(join(this.deps.dataDir, TEMP_DIR), { recursive: true });
        const out = join(this.deps.dataDir, TEMP_DIR, `redact-${randomUUID()}.${source.container}`);
        scratch.push(out);
        await runFfmpeg(location, redactSpec(sourcePath, out, cut.timeline, source.container, info.audioCodec !== null), {
          durationMs: info.durationMs,
          failure: 'The recording could not be cut.',
          signal: request.signal,
          onProgress: (p) => request.onProgress?.({ doneBytes: Math.round(p.fraction * 1000), totalBytes: 1000, stage: 'redacting' }),
        }).catch((error: unknown) => {
          if (request.signal?.aborted) throw new AppError('cancelled', 'The export was cancelled.');
          throw error;
        });
        sourcePath = out;
      }
      const name = source.container === 'mp4' ? ('recording.mp4' as const) : ('recording.webm' as const);
      const bytes = (await stat(sourcePath)).size;
      files.push({ name, path: sourcePath });
      // The rows describe the file the bundle carries, named as it is inside the bundle.
      doc = {
        ...doc,
        recording: {
          ...doc.recording!,
          path: name,
          mime_type: source.container === 'mp4' ? 'video/mp4' : recording.mime_type,
          codecs: source.container === 'mp4' ? 'h264,aac' : recording.codecs,
          bytes,
        },
        media: doc.media.flatMap((m) => {
          if (m.kind === 'thumbnail') return [{ ...m, path: 'thumbnail.jpg' }];
          if (m.kind === 'mp4' && source.container === 'mp4') return [{ ...m, path: name, bytes }];
          return [];
        }),
      };
      const thumbnail = doc.media.find((m) => m.kind === 'thumbnail');
      const thumbnailRow = original.media.find((m) => m.kind === 'thumbnail');
      if (thumbnail && thumbnailRow) files.push({ name: 'thumbnail.jpg', path: abs(this.deps.dataDir, String(thumbnailRow.path)) });
    } else {
      // Nothing playable to ship: the rows that describe media would point at nothing.
      doc = { ...doc, recording: null, media: [], voiceMetrics: [], transcript: null };
    }
    const report = request.includeReport ? await renderReport(doc, redactions, { now: this.deps.now() }) : null;
    return { doc, files, report, redactions };
  }

  inspect(file: string): Promise<BundleSummary> {
    return inspectBundle(this.deps.raw, file);
  }

  async importFile(file: string, options: Parameters<typeof importBundle>[2]): Promise<ImportOutcome> {
    const result = await importBundle({ dataDir: this.deps.dataDir, raw: this.deps.raw }, file, options);
    this.deps.log.info('bundle imported', { ...result });
    return result;
  }
}
