import { statfs } from 'node:fs/promises';

/** Bytes available to this user on the file system holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const stats = await statfs(dir);
  return stats.bavail * stats.bsize;
}

export interface DiskPolicy {
  /** A recording does not start with less free space than this. */
  minFreeToStart: number;
  /** A recording stops cleanly when free space falls below this. */
  minFreeWhileRecording: number;
  /** How often free space is measured while recording, in ms. */
  checkIntervalMs: number;
}

export const DEFAULT_DISK_POLICY: DiskPolicy = {
  minFreeToStart: 1024 * 1024 * 1024,
  minFreeWhileRecording: 300 * 1024 * 1024,
  checkIntervalMs: 5000,
};
