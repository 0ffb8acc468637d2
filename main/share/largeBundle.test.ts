import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { recordInterview } from '../testing/interview';
import { IO_CHUNK } from './exportBundle';
import { useNativeZipCrc32, yazlCrc32Module } from './zipCrc';

// The fast paths of export and import: yazl's CRC-32 made native, and the bundle read IO_CHUNK at
// a time. A recording several chunks long (and not a whole number of them) goes out and back.

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');
/** Sizes around the edges: empty, one byte, odd, and across chunk boundaries. */
const SIZES = [0, 1, 7, 4095, 65_537, IO_CHUNK - 1, IO_CHUNK + 3, 2 * IO_CHUNK + 12_345];

/** yazl's output for streamed entries, with every entry's CRC-32 as the zip records it. */
async function zipCrcs(entries: Buffer[]): Promise<number[]> {
  const zip = new yazl.ZipFile();
  entries.forEach((data, i) => zip.addReadStreamLazy(`f${i}`, { compress: false, size: data.length }, (cb) => cb(null, Readable.from([data.subarray(0, 5), data.subarray(5)]))));
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  const read = await yauzl.fromBufferPromise(Buffer.concat(chunks), { lazyEntries: true });
  const crcs: number[] = [];
  await new Promise<void>((resolve, reject) => {
    read.on('entry', (e: yauzl.Entry) => (crcs.push(e.crc32), read.readEntry()));
    read.on('end', resolve);
    read.on('error', reject);
    read.readEntry();
  });
  return crcs;
}

describe("yazl's CRC-32, made native", () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the standard CRC-32 on random data of odd sizes, whole and in running parts', () => {
    expect(useNativeZipCrc32()).toBe(true);
    const native = yazlCrc32Module().unsigned;
    // The check value of CRC-32 (the zip polynomial).
    expect(native(Buffer.from('123456789'))).toBe(0xcbf43926);
    for (const size of SIZES) {
      const data = randomBytes(size);
      const cut = Math.floor(size / 3);
      const whole = native(data);
      expect(whole).toBe(crc32(data));
      expect(native(data.subarray(cut), native(data.subarray(0, cut)))).toBe(whole);
    }
    // Anything else still goes the JavaScript way (strings; a signed running value).
    expect(native('hello')).toBe(crc32('hello'));
    expect(native(Buffer.from('lo'), native(Buffer.from('hel')) | 0)).toBe(crc32('hello'));
  });

  it('is what yazl calls for the entries it streams, and the CRCs it writes are right', async () => {
    expect(useNativeZipCrc32()).toBe(true);
    // Twice is the same as once: the wrapper does not wrap itself.
    const installed = yazlCrc32Module().unsigned;
    expect(useNativeZipCrc32()).toBe(true);
    expect(yazlCrc32Module().unsigned).toBe(installed);
    const spy = vi.spyOn(yazlCrc32Module(), 'unsigned');
    const entries = SIZES.map((n) => randomBytes(n));
    expect(await zipCrcs(entries)).toEqual(entries.map((d) => crc32(d)));
    expect(spy).toHaveBeenCalled();
  });
});

describe('a recording several read chunks long', () => {
  it('exports (unzip -t checks every CRC) and imports byte for byte, with progress; a cancelled import leaves nothing', async () => {
    const dir = tempDir();
    const app = await testApp();
    const live = join(dir, 'live.webm');
    makeLiveWebm(live, 2);
    const { session, recording } = await recordInterview(app, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }]);
    // The bundle ships bytes, whatever they encode: grown past three chunks, not a multiple of one.
    const media = join(app.dataDir, recording.path);
    appendFileSync(media, randomBytes(3 * IO_CHUNK + 54_321));
    const bytes = readFileSync(media);
    const out = join(dir, 'big.interview');
    await app.share.exportSessions({ sessionIds: [session.id], out, video: 'webm', includeReport: false });
    expect(execFileSync('unzip', ['-t', out]).toString()).toContain('No errors detected');

    // Cancelled half-way through the recording: no rows, no files, no staging left.
    const fresh = await testApp();
    const controller = new AbortController();
    const cancelled = fresh.share.importFile(out, {
      duplicates: 'refuse',
      signal: controller.signal,
      onProgress: (p) => p.doneBytes > p.totalBytes / 2 && controller.abort(),
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AppError', code: 'cancelled' });
    expect(existsSync(join(fresh.dataDir, 'recordings', session.id))).toBe(false);
    expect(readdirSync(join(fresh.dataDir, 'tmp'))).toEqual([]);
    expect((await fresh.share.inspect(out)).sessions).toMatchObject([{ id: session.id, exists: false }]);

    const progress: { doneBytes: number; totalBytes: number }[] = [];
    expect(await fresh.share.importFile(out, { duplicates: 'refuse', onProgress: (p) => progress.push(p) })).toEqual({
      imported: [session.id],
      skipped: [],
      replaced: [],
    });
    expect(sha(readFileSync(join(fresh.dataDir, recording.path)))).toBe(sha(bytes));
    // One event per chunk read at least, climbing to the bundle's size.
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((p, i) => i === 0 || p.doneBytes >= progress[i - 1]!.doneBytes)).toBe(true);
    expect(progress.at(-1)!.doneBytes).toBe(progress.at(-1)!.totalBytes);
    expect(readdirSync(join(fresh.dataDir, 'tmp'))).toEqual([]);
  }, 120_000);
});
