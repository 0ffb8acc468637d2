import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/ipc/result';
import { tempDir } from '../testing/fixtures';
import { RecordingWriter } from './RecordingWriter';

function fakeClock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const chunk = (n: number, size = 1000) => new Uint8Array(size).fill(n);

describe('RecordingWriter', () => {
  it('appends chunks in order and the file is their concatenation', async () => {
    const file = join(tempDir(), 'a.webm');
    const writer = await RecordingWriter.create(file, { fsyncIntervalMs: 1000, clock: fakeClock() });
    // Fired without awaiting, as the renderer pipelines them: order must hold.
    const results = await Promise.all([0, 1, 2, 3].map((seq) => writer.append(seq, chunk(seq, 10 + seq))));
    expect(results.map((r) => r.bytes)).toEqual([10, 21, 33, 46]);
    await writer.close();
    const data = readFileSync(file);
    expect(data.length).toBe(46);
    expect([...data.subarray(0, 10)]).toEqual(Array(10).fill(0));
    expect([...data.subarray(33)]).toEqual(Array(13).fill(3));
  });

  it('ignores a repeated sequence number without writing it', async () => {
    const file = join(tempDir(), 'b.webm');
    const writer = await RecordingWriter.create(file, { fsyncIntervalMs: 1000, clock: fakeClock() });
    await writer.append(0, chunk(1));
    await writer.append(1, chunk(2));
    const again = await writer.append(1, chunk(9));
    expect(again).toEqual({ ignored: true, bytes: 2000, synced: false });
    await writer.close();
    expect(readFileSync(file).length).toBe(2000);
    expect(readFileSync(file).includes(9)).toBe(false);
  });

  it('rejects a gap with a typed error and keeps accepting the expected chunk', async () => {
    const writer = await RecordingWriter.create(join(tempDir(), 'c.webm'), { fsyncIntervalMs: 1000, clock: fakeClock() });
    await writer.append(0, chunk(0));
    const gap = await writer.append(2, chunk(2)).catch((e: unknown) => e);
    expect(gap).toBeInstanceOf(AppError);
    expect((gap as AppError).code).toBe('recording/gap');
    expect(writer.expectedSeq).toBe(1);
    await expect(writer.append(1, chunk(1))).resolves.toMatchObject({ ignored: false, bytes: 2000 });
    await writer.close();
  });

  it('flushes to disk once per interval, and on close', async () => {
    const clock = fakeClock();
    const writer = await RecordingWriter.create(join(tempDir(), 'd.webm'), { fsyncIntervalMs: 1000, clock });
    const synced: boolean[] = [];
    for (let seq = 0; seq < 6; seq++) {
      synced.push((await writer.append(seq, chunk(seq))).synced);
      clock.advance(400);
    }
    // 0 ms, 400, 800 -> no; 1200 -> yes; 1600, 2000 -> no (1000 since 1200 only at 2200).
    expect(synced).toEqual([false, false, false, true, false, false]);
    const handle = (writer as unknown as { file: { sync: () => Promise<void> } }).file;
    const sync = vi.spyOn(handle, 'sync');
    await writer.close();
    expect(sync).toHaveBeenCalledTimes(1);
  });

  it('refuses appends after close and never overwrites an existing file', async () => {
    const dir = tempDir();
    const writer = await RecordingWriter.create(join(dir, 'e.webm'), { fsyncIntervalMs: 0, clock: fakeClock() });
    await writer.append(0, chunk(0));
    await writer.close();
    await writer.close();
    await expect(writer.append(1, chunk(1))).rejects.toMatchObject({ code: 'recording/closed' });
    writeFileSync(join(dir, 'kept.webm'), 'precious');
    await expect(RecordingWriter.create(join(dir, 'kept.webm'), { fsyncIntervalMs: 0, clock: fakeClock() })).rejects.toThrow(/EEXIST/);
    expect(readFileSync(join(dir, 'kept.webm'), 'utf8')).toBe('precious');
  });
});
