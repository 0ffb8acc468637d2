import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { recordInterview } from '../main/testing/interview';
import { makeLiveWebm } from '../main/testing/media';
import { plainApp } from '../main/testing/plainApp';

// Bundle export and import of a big session against a plain copy of the same bytes, in one run:
// the speed ratio (goal >= 0.7 of copy speed) and the peak RSS above the start of each run.
// Copy and export (then copy and import) alternate for a few rounds, each ratio taken from its
// own round, so that a burst of load from elsewhere skews one round, not the verdict.

const MB = 1024 * 1024;

/**
 * Seconds taken, CPU seconds used by the process (all its threads: user + system; steadier than
 * the wall clock when the machine is shared), and the peak RSS (sampled every 20 ms) while `run`
 * runs, whole and above its start.
 */
async function measured(run: () => Promise<unknown>): Promise<{ seconds: number; cpuSeconds: number; peakMb: number; growthMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  peak = Math.max(peak, process.memoryUsage().rss);
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakMb: peak / MB, growthMb: (peak - base) / MB };
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

/**
 * Writes what the last step left in the page cache out to disk, untimed. Each step writes 1 GiB;
 * without this, whichever step runs after another one pays for its writeback (the kernel throttles
 * writers once dirty pages pile up) and the ratio measures the order of the steps, not the code.
 */
function settle(): void {
  try {
    execFileSync('sync');
  } catch {
    // No sync(1) (Windows): the figures are noisier, not wrong.
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load = () => `load ${loadavg()[0]!.toFixed(1)}/${cpus().length} cores`;

export async function benchShare(megabytes: number, rounds = 3): Promise<void> {
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
    const bundle = join(work, 'b.interview');
    const rate = (s: number) => `${(bytes / MB / s).toFixed(0).padStart(4)} MiB/s`;
    const line = (what: string, m: Awaited<ReturnType<typeof measured>>, ratio?: number) =>
      console.log(
        `  ${what.padEnd(22)} ${m.seconds.toFixed(2).padStart(6)} s ${rate(m.seconds)}   CPU ${m.cpuSeconds.toFixed(2).padStart(5)} s   peak RSS ${m.peakMb.toFixed(0).padStart(3)} MiB (+${m.growthMb.toFixed(0)})` +
          (ratio === undefined ? '' : `   ${ratio.toFixed(2)} of copy speed`),
      );

    console.log(`\nBundles: one session with a ${(bytes / MB).toFixed(0)} MiB recording (SHA-256 of every file, zip STORE for media, report included)`);
    console.log(`  ${rounds} rounds of: a plain stream copy and a copyFile of the same bytes, then the export or import; sync(1) before each step, untimed`);
    type Kind = 'export' | 'import';
    const ratios = { export: { copy: [] as number[], copyFile: [] as number[] }, import: { copy: [] as number[], copyFile: [] as number[] } };
    /** The highest RSS seen during any export (import), and its largest rise above the start of one. */
    const peaks = { export: { rss: 0, growth: 0 }, import: { rss: 0, growth: 0 } };
    /** One round: `from` copied both ways, then `run` (which reads `from`), each after a sync. */
    const compare = async (kind: Kind, from: string, run: () => Promise<unknown>) => {
      const to = join(work, 'copy.bin');
      settle();
      const copied = await measured(() => copy(from, to));
      line(kind === 'export' ? 'plain stream copy' : 'plain copy of bundle', copied);
      rmSync(to);
      settle();
      // As cp copies: in the kernel, no bytes through JavaScript. A harder yardstick, for context.
      const kernel = await measured(() => copyFile(from, to));
      line(kind === 'export' ? 'copyFile (as cp)' : 'copyFile of bundle', kernel);
      rmSync(to);
      settle();
      const done = await measured(run);
      ratios[kind].copy.push(copied.seconds / done.seconds);
      ratios[kind].copyFile.push(kernel.seconds / done.seconds);
      peaks[kind] = { rss: Math.max(peaks[kind].rss, done.peakMb), growth: Math.max(peaks[kind].growth, done.growthMb) };
      line(kind, done, copied.seconds / done.seconds);
    };
    for (let round = 1; round <= rounds; round++) {
      console.log(` round ${round} (${load()})`);
      rmSync(bundle, { force: true });
      await compare('export', media, () => source.share.exportSessions({ sessionIds: [session.id], out: bundle, video: 'webm', includeReport: true }));
    }
    await source.close();
    for (let round = 1; round <= rounds; round++) {
      console.log(` round ${round} (${load()})`);
      // A fresh data folder each time: the same session, imported as new.
      const dataDir = join(work, `target-${round}`);
      const target = await plainApp(dataDir, { appVersion: 'bench' });
      await compare('import', bundle, () => target.share.importFile(bundle, { duplicates: 'refuse' }));
      await target.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    const runs = (values: number[]) => `median ${median(values).toFixed(2)}; runs ${values.map((r) => r.toFixed(2)).join(', ')}`;
    for (const kind of ['export', 'import'] as const) {
      console.log(`  => ${kind}: ${runs(ratios[kind].copy)} of copy speed (goal >= 0.7); peak RSS ${peaks[kind].rss.toFixed(0)} MiB, at most +${peaks[kind].growth.toFixed(0)} MiB above a run's start; of copyFile's speed ${runs(ratios[kind].copyFile)}`);
    }
    console.log(`  (${load()} at the end)`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
