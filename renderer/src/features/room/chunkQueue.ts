export interface AppendResult {
  diskLow: boolean;
}

/**
 * Sends recorder chunks to main strictly in order, one call at a time, without making the
 * recorder wait: push() returns at once and the chunk joins a promise chain. Each chunk gets the
 * next sequence number when pushed, so main's writer sees 0, 1, 2, ... with no gaps. After the
 * first failure nothing more is sent (main would reject the gap anyway).
 */
export class ChunkQueue {
  private tail: Promise<void> = Promise.resolve();
  private nextSeq = 0;
  private failed = false;

  constructor(
    private readonly append: (seq: number, bytes: Uint8Array<ArrayBuffer>) => Promise<AppendResult>,
    private readonly onDiskLow: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  push(blob: Blob): void {
    if (blob.size === 0 || this.failed) return;
    const seq = this.nextSeq++;
    // Reading starts now, in parallel with earlier sends; the chain keeps the sends in order.
    const reading = blob.arrayBuffer();
    this.tail = this.tail.then(async () => {
      if (this.failed) return;
      try {
        const result = await this.append(seq, new Uint8Array(await reading));
        if (result.diskLow) this.onDiskLow();
      } catch (error) {
        this.failed = true;
        this.onError(error);
      }
    });
  }

  /** Resolves once every pushed chunk has been sent (or the queue has failed); never rejects. */
  drained(): Promise<void> {
    return this.tail;
  }
}
