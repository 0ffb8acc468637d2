import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { recordInterview } from '../main/testing/interview';
import { makeLiveWebm } from '../main/testing/media';
import { plainApp } from '../main/testing/plainApp';

// Bundle export and import of a big session against a plain copy of the same bytes, in one run:
// the speed ratio (goal >= 0.7 of copy speed) and the peak RSS above the start of each run.

const MB = 1024 * 1024;

/** Seconds taken and peak RSS growth (sampled every 20 ms) while `run` runs. */
async function measured(run: () => Promise<unknown>): Promise<{ seconds: number; peakMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  return { seconds: (performance.now() - t0) / 1000, peakMb: (peak - base) / MB };
}

/** Incompressible bytes, as video is, appended in 8 MiB writes. */
async function grow(file: string, toBytes: number): Promise<void> {
  const handle = await open(file, 'a');
  try {
    const block = randomBytes(8 * MB);
    for (let size = statSync(file).size; size < toBytes; size += block.length) await handle.write(block);
  } finally {
    await handle.close();
  }
}

const copy = (from: string, to: string) => pipeline(createReadStream(from), createWriteStream(to));

export async function benchShare(megabytes: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'ir-bench-share-'));
  try {
    const source = await plainApp(join(work, 'source'), { appVersion: 'bench' });
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 2);
    const { session, recording } = await recordInterview(source, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }]);
    // The recording grows to the size under test: the bundle streams bytes, whatever they encode.
    const media = join(work, 'source', recording.path);
    await grow(media, megabytes * MB);
    const bytes = statSync(media).size;

    const copied = await measured(() => copy(media, join(work, 'copy-1.bin')));
    const exported = await measured(() => source.share.exportSessions({ sessionIds: [session.id], out: join(work, 'b.interview'), video: 'webm', includeReport: true }));
    const bundle = join(work, 'b.interview');
    await source.close();
    const target = await plainApp(join(work, 'target'), { appVersion: 'bench' });
    const copiedBundle = await measured(() => copy(bundle, join(work, 'copy-2.bin')));
    const imported = await measured(() => target.share.importFile(bundle, { duplicates: 'refuse' }));
    await target.close();

    const rate = (s: number) => `${(bytes / MB / s).toFixed(0)} MiB/s`;
    console.log(`\nBundles: one session with a ${(bytes / MB).toFixed(0)} MiB recording (SHA-256 of every file, zip STORE for media, report included)`);
    console.log(`  plain stream copy      ${copied.seconds.toFixed(2)} s  ${rate(copied.seconds)}   peak RSS +${copied.peakMb.toFixed(0)} MiB`);
    console.log(`  export                 ${exported.seconds.toFixed(2)} s  ${rate(exported.seconds)}   peak RSS +${exported.peakMb.toFixed(0)} MiB   ${(copied.seconds / exported.seconds).toFixed(2)} of copy speed (goal >= 0.7)`);
    console.log(`  plain copy of bundle   ${copiedBundle.seconds.toFixed(2)} s  ${rate(copiedBundle.seconds)}`);
    console.log(`  import                 ${imported.seconds.toFixed(2)} s  ${rate(imported.seconds)}   peak RSS +${imported.peakMb.toFixed(0)} MiB   ${(copiedBundle.seconds / imported.seconds).toFixed(2)} of copy speed (goal >= 0.7)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
