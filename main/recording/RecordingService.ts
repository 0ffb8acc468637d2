import { mkdir, rm, stat } from 'node:fs/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import type { Recording } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import type { Clock } from '../app/deps';
import { probe, remuxToSeekable } from '../media/ffmpeg';
import type { FfmpegLocation } from '../media/ffmpegLocator';
import type { EventHub } from '../ipc/eventHub';
import type { Logger } from '../log';
import type { RecordingsRepository } from '../repositories/recordings';
import type { SessionEventsRepository } from '../repositories/sessionEvents';
import type { SessionsRepository } from '../repositories/sessions';
import type { DiskPolicy } from './diskSpace';
import { RecordingWriter } from './RecordingWriter';

export interface RecordingServiceDeps {
  dataDir: string;
  /** The raw connection, for the transaction that finalizes a recording and starts its jobs. */
  raw: BetterSqlite3.Database;
  /** Enqueues what follows a finalized recording, inside the transaction that finalizes it. */
  onFinalized: (tx: BetterSqlite3.Database, recording: Recording) => void;
  clock: Clock;
  recordings: RecordingsRepository;
  sessions: SessionsRepository;
  events: SessionEventsRepository;
  hub: EventHub;
  log: Logger;
  /** Looked up on each use, so installing ffmpeg while the app runs is enough. */
  ffmpeg: () => FfmpegLocation | null;
  freeBytes: (dir: string) => Promise<number>;
  disk: DiskPolicy;
  fsyncIntervalMs: number;
}

interface Active {
  writer: RecordingWriter;
  sessionId: string;
  lastDiskCheck: number;
  diskLow: boolean;
}

const MB = 1024 * 1024;

/** Relative paths in the DB always use forward slashes, whatever the OS. */
function relPath(...parts: string[]): string {
  return parts.join('/');
}

/**
 * Owns the recording files: streams chunks to disk, closes them, makes them seekable, and
 * recovers the ones a crash left open.
 */
export class RecordingService {
  private readonly active = new Map<string, Active>();
  private readonly finalizing = new Map<string, Promise<Recording>>();

  constructor(private readonly deps: RecordingServiceDeps) {}

  private abs(path: string): string {
    return join(this.deps.dataDir, ...path.split('/'));
  }

  async start(input: {
    sessionId: string;
    mimeType: string;
    width?: number | null;
    height?: number | null;
  }): Promise<Recording> {
    const session = await this.deps.sessions.get(input.sessionId);
    if (session.status !== 'in_progress') {
      throw new AppError('conflict', 'This interview has already ended; start a new one to record again.');
    }
    for (const a of this.active.values()) {
      if (a.sessionId === input.sessionId) throw new AppError('conflict', 'This interview is already recording.');
    }
    const dir = relPath('recordings', session.id);
    await mkdir(this.abs(dir), { recursive: true });
    const free = await this.deps.freeBytes(this.abs(dir));
    if (free < this.deps.disk.minFreeToStart) {
      throw new AppError(
        'disk/low',
        `Not enough free disk space to record (${Math.floor(free / MB)} MB free; at least ${Math.ceil(this.deps.disk.minFreeToStart / MB)} MB needed).`,
      );
    }
    const startedAt = this.deps.clock.now();
    const draft = await this.deps.recordings.create({
      sessionId: session.id,
      path: 'pending',
      mimeType: input.mimeType,
      width: input.width ?? null,
      height: input.height ?? null,
      startedAt,
    });
    const path = relPath(dir, `${draft.id}.capture.webm`);
    const writer = await RecordingWriter.create(this.abs(path), {
      fsyncIntervalMs: this.deps.fsyncIntervalMs,
      clock: this.deps.clock,
    });
    this.active.set(draft.id, { writer, sessionId: session.id, lastDiskCheck: startedAt, diskLow: false });
    await this.deps.sessions.markStarted(session.id, startedAt);
    this.deps.log.info('recording started', { recordingId: draft.id, sessionId: session.id, mimeType: input.mimeType });
    return this.deps.recordings.update(draft.id, { path });
  }

  async append(input: {
    recordingId: string;
    seq: number;
    bytes: Uint8Array;
  }): Promise<{ bytes: number; ignored: boolean; diskLow: boolean }> {
    const active = this.active.get(input.recordingId);
    if (!active) {
      const recording = await this.deps.recordings.get(input.recordingId);
      throw new AppError(
        'recording/closed',
        recording.status === 'recording'
          ? 'This recording was interrupted when the app restarted; what was saved has been kept.'
          : 'This recording has already been stopped.',
      );
    }
    const result = await active.writer.append(input.seq, input.bytes);
    const now = this.deps.clock.now();
    if (result.synced) {
      await this.deps.recordings.update(input.recordingId, { bytes: result.bytes, lastChunkAt: now });
    }
    if (now - active.lastDiskCheck >= this.deps.disk.checkIntervalMs) {
      active.lastDiskCheck = now;
      const free = await this.deps.freeBytes(this.deps.dataDir);
      if (free < this.deps.disk.minFreeWhileRecording && !active.diskLow) {
        active.diskLow = true;
        this.deps.log.warn('disk space low while recording', { recordingId: input.recordingId, free });
        await this.deps.events.add({
          sessionId: active.sessionId,
          kind: 'disk',
          level: 'warning',
          message: `Recording stopped: only ${Math.floor(free / MB)} MB of disk space left.`,
        });
        this.deps.hub.emit('recording:onDiskLow', { recordingId: input.recordingId, freeBytes: free });
      }
    }
    return { bytes: result.bytes, ignored: result.ignored, diskLow: active.diskLow };
  }

  /** Closes the file, then makes it seekable. Resolves with the final row, finalized or not. */
  async stop(recordingId: string): Promise<Recording> {
    const active = this.active.get(recordingId);
    if (!active) {
      const recording = await this.deps.recordings.get(recordingId);
      if (recording.status === 'recording') {
        throw new AppError('recording/closed', 'This recording was interrupted; it will be recovered at the next start.');
      }
      return recording;
    }
    this.active.delete(recordingId);
    const { bytes } = await active.writer.close();
    const endedAt = this.deps.clock.now();
    await this.deps.recordings.update(recordingId, { status: 'recorded', bytes, endedAt, lastChunkAt: endedAt });
    this.deps.log.info('recording stopped', { recordingId, bytes });
    return this.finalize(recordingId);
  }

  /** Remuxes a recorded or interrupted capture into a seekable file; one run per recording at a time. */
  finalize(recordingId: string): Promise<Recording> {
    const running = this.finalizing.get(recordingId);
    if (running) return running;
    const run = this.finalizeNow(recordingId).finally(() => this.finalizing.delete(recordingId));
    this.finalizing.set(recordingId, run);
    return run;
  }

  private async finalizeNow(recordingId: string): Promise<Recording> {
    const recording = await this.deps.recordings.get(recordingId);
    if (recording.status === 'finalized') return recording;
    if (recording.status === 'recording') {
      throw new AppError('conflict', 'Stop the recording before making it playable.');
    }
    const location = this.deps.ffmpeg();
    if (!location) {
      const updated = await this.deps.recordings.update(recordingId, {
        error: 'ffmpeg was not found. The recording is saved and will be made playable once ffmpeg is installed.',
      });
      this.deps.hub.emit('recording:onUpdated', updated);
      return updated;
    }
    const source = recording.path;
    const target = relPath('recordings', recording.sessionId, `${recording.id}.webm`);
    try {
      await remuxToSeekable(location, this.abs(source), this.abs(target));
      const info = await probe(location, this.abs(target));
      if (!info.durationMs) throw new AppError('ffmpeg/failed', 'The recording holds no playable video.');
      const size = (await stat(this.abs(target))).size;
      const changes = {
        status: 'finalized',
        path: target,
        durationMs: info.durationMs,
        codecs: [info.videoCodec, info.audioCodec].filter(Boolean).join(',') || null,
        width: info.width ?? recording.width,
        height: info.height ?? recording.height,
        bytes: size,
        error: null,
      } as const;
      this.deps.raw.transaction(() => {
        this.deps.recordings.updateIn(this.deps.raw, recordingId, changes);
        this.deps.onFinalized(this.deps.raw, { ...recording, ...changes });
      }).immediate();
      const updated = await this.deps.recordings.get(recordingId);
      // The capture is redundant only once the seekable copy is committed.
      if (source !== target) await rm(this.abs(source), { force: true });
      this.deps.log.info('recording finalized', { recordingId, durationMs: info.durationMs, bytes: size });
      this.deps.hub.emit('recording:onUpdated', updated);
      return updated;
    } catch (error) {
      this.deps.log.error('finalize failed', { recordingId, error });
      const message = error instanceof AppError ? error.message : 'The recording could not be made playable.';
      const updated = await this.deps.recordings.update(recordingId, { status: 'failed', error: message });
      this.deps.hub.emit('recording:onUpdated', updated);
      return updated;
    }
  }

  /**
   * At start-up, before any new recording: every recording still marked `recording` was cut off
   * by a crash. Mark it and its session interrupted, note when it stopped, and make what is on
   * disk playable. Returns the sessions recovered.
   */
  async recoverInterrupted(): Promise<string[]> {
    const left = await this.deps.recordings.withStatus('recording');
    const sessionIds: string[] = [];
    for (const recording of left) {
      if (this.active.has(recording.id)) continue;
      const stoppedAt = recording.lastChunkAt ?? recording.startedAt;
      const bytes = await stat(this.abs(recording.path)).then((s) => s.size, () => 0);
      await this.deps.recordings.update(recording.id, {
        status: 'interrupted',
        interruptedAt: stoppedAt,
        endedAt: stoppedAt,
        bytes,
      });
      const session = await this.deps.sessions.get(recording.sessionId);
      if (session.status === 'in_progress') {
        await this.deps.sessions.setStatus(session.id, 'interrupted', { endedAt: stoppedAt });
      }
      await this.deps.events.add({
        sessionId: recording.sessionId,
        kind: 'recovered',
        level: 'warning',
        at: stoppedAt,
        message: `The app stopped unexpectedly while recording; ${(bytes / MB).toFixed(1)} MB recorded up to that moment were recovered.`,
      });
      this.deps.log.warn('recovering interrupted recording', { recordingId: recording.id, bytes });
      const finalized = bytes > 0 ? await this.finalize(recording.id) : recording;
      if (finalized.durationMs !== null) {
        await this.deps.sessions.setStatus(recording.sessionId, 'interrupted', { durationMs: finalized.durationMs });
      }
      sessionIds.push(recording.sessionId);
    }
    return sessionIds;
  }

  /** Closes open files (app quit): they stay `recording` and are recovered at the next start. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.active.values()].map((a) => a.writer.close()));
    this.active.clear();
  }
}
