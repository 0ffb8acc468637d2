import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../shared/ipc/result';
import type { Clock } from '../app/deps';

export interface WriterOptions {
  /** How often data reaches the disk: appends fdatasync once this many ms passed since the last. */
  fsyncIntervalMs: number;
  clock: Clock;
}

export interface AppendResult {
  /** True when this sequence number was already written (a resend); nothing was written. */
  ignored: boolean;
  bytes: number;
  /** True when this append also flushed to disk. */
  synced: boolean;
}

/**
 * Appends a recording's chunks to one file in sequence order. Each chunk goes straight to the
 * file (nothing is kept in memory); a repeated sequence number is ignored and a skipped one is
 * an error, since a hole would corrupt the WebM stream.
 */
export class RecordingWriter {
  private nextSeq = 0;
  private bytes = 0;
  private lastSync: number;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: FileHandle,
    private readonly options: WriterOptions,
  ) {
    this.lastSync = options.clock.now();
  }

  /** Creates the file; refuses to overwrite an existing one. */
  static async create(path: string, options: WriterOptions): Promise<RecordingWriter> {
    const file = await open(path, 'wx');
    return new RecordingWriter(file, options);
  }

  get bytesWritten(): number {
    return this.bytes;
  }

  get expectedSeq(): number {
    return this.nextSeq;
  }

  append(seq: number, chunk: Uint8Array): Promise<AppendResult> {
    // Calls may overlap (IPC handlers are async); the queue keeps writes in arrival order.
    const run = this.queue.then(() => this.appendNow(seq, chunk));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async appendNow(seq: number, chunk: Uint8Array): Promise<AppendResult> {
    if (this.closed) throw new AppError('recording/closed', 'This recording has already been stopped.');
    if (seq < this.nextSeq) return { ignored: true, bytes: this.bytes, synced: false };
    if (seq > this.nextSeq) {
      throw new AppError(
        'recording/gap',
        `A piece of the recording went missing (expected part ${this.nextSeq}, got ${seq}).`,
      );
    }
    let offset = 0;
    while (offset < chunk.byteLength) {
      const { bytesWritten } = await this.file.write(chunk, offset, chunk.byteLength - offset, this.bytes + offset);
      offset += bytesWritten;
    }
    this.bytes += chunk.byteLength;
    this.nextSeq += 1;
    const now = this.options.clock.now();
    let synced = false;
    if (now - this.lastSync >= this.options.fsyncIntervalMs) {
      await this.file.datasync();
      this.lastSync = now;
      synced = true;
    }
    return { ignored: false, bytes: this.bytes, synced };
  }

  /** Flushes and closes; safe to call twice. */
  async close(): Promise<{ bytes: number }> {
    await this.queue;
    if (!this.closed) {
      this.closed = true;
      try {
        await this.file.sync();
      } finally {
        await this.file.close();
      }
    }
    return { bytes: this.bytes };
  }
}
