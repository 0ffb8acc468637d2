import { execFileSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp, type App } from '../main/app/createApp';
import { createLogger } from '../main/log';
import { requireFfmpeg } from '../main/testing/media';
import type { CallInput, CallOutput, Channel } from '../shared/ipc/contract';

// `npm run bench`: figures for the recording path, printed, never asserted.
//   ingest   chunks through the real IPC handler -> RecordingWriter -> disk, fsync policy on
//   finalize stop -> seekable WebM for 10 and 60 minutes of recording
// `--quick` shortens both (5 simulated minutes, 1 and 5 minute finalize) for a smoke run.

const ROOT = resolve(__dirname, '..');
const MB = 1024 * 1024;
/** A 1080p30 MediaRecorder stream at a generous 8 Mbit/s: one second is one chunk of 1 MB. */
const BITRATE_1080P = 8_000_000;
const CHUNK_BYTES = BITRATE_1080P / 8;

const { values: flags } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });

async function call<C extends Channel>(app: App, channel: C, input: CallInput<C>): Promise<CallOutput<C>> {
  const result = await app.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as CallOutput<C>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function withApp<T>(run: (app: App, dataDir: string, clock: { t: number }) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ir-bench-'));
  // Simulated time: each chunk is one second of recording, so the 1 s fsync policy flushes
  // on every append, as it would live.
  const clock = { t: Date.now() };
  const app = await createApp({
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    appVersion: 'bench',
    mediaBaseUrl: () => '',
    clock: { now: () => clock.t },
    log: createLogger('bench', () => undefined),
  });
  try {
    return await run(app, dataDir, clock);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function newRecording(app: App) {
  const me = await call(app, 'candidates:ensureSelf', undefined);
  const { session } = await call(app, 'sessions:create', {
    candidateId: me.id,
    interviewType: 'behavioral',
    mode: 'practice',
    jobTitle: 'Bench',
    questionSetId: 'behavioral',
    avatar: 'ava',
    avatarSettings: { voiceName: null, rate: 1, captions: true, speech: false },
    environment: {},
  });
  return call(app, 'recording:start', { sessionId: session.id, mimeType: 'video/webm;codecs=vp9,opus' });
}

interface IngestRun {
  seconds: number;
  latencies: number[];
  rssGrowth: number;
  rssPeakGrowth: number;
}

/** Appends `chunks` one-second chunks through the IPC handler, `gapMs` apart (0: flat out). */
async function ingest(chunks: number, gapMs: number, payload: Uint8Array): Promise<IngestRun> {
  return withApp(async (app, _dir, clock) => {
    const recording = await newRecording(app);
    const latencies: number[] = [];
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const started = performance.now();
    for (let seq = 0; seq < chunks; seq++) {
      clock.t += 1000;
      const t0 = performance.now();
      await call(app, 'recording:appendChunk', { recordingId: recording.id, seq, bytes: payload });
      latencies.push(performance.now() - t0);
      if (seq % 60 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
    }
    const seconds = (performance.now() - started) / 1000;
    global.gc?.();
    const rssAfter = process.memoryUsage().rss;
    latencies.sort((a, b) => a - b);
    return { seconds, latencies, rssGrowth: rssAfter - rssBefore, rssPeakGrowth: rssPeak - rssBefore };
  });
}

const latencyLine = (l: number[]) =>
  `p50 ${percentile(l, 50).toFixed(2)} ms, p99 ${percentile(l, 99).toFixed(2)} ms, max ${l.at(-1)!.toFixed(2)} ms`;

async function benchIngest(minutes: number): Promise<void> {
  const chunks = minutes * 60;
  const payload = new Uint8Array(CHUNK_BYTES);
  for (let i = 0; i < payload.length; i += 4096) payload[i] = i & 0xff;

  const flat = await ingest(chunks, 0, payload);
  // Live, a chunk arrives every second; 10x faster still leaves the disk idle between chunks.
  const paced = await ingest(Math.min(chunks, 300), 100, payload);

  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-base-'));
  const baselineStart = performance.now();
  for (let seq = 0; seq < chunks; seq++) await appendFile(join(dir, 'plain.webm'), payload);
  const baselineSeconds = (performance.now() - baselineStart) / 1000;
  rmSync(dir, { recursive: true, force: true });

  const totalMb = (chunks * CHUNK_BYTES) / MB;
  const realtimeMbPerS = CHUNK_BYTES / MB;
  const mbps = totalMb / flat.seconds;
  console.log(`\nChunk ingest: ${minutes} simulated minutes of 1080p at ${BITRATE_1080P / 1e6} Mbit/s (${chunks} x ${(CHUNK_BYTES / MB).toFixed(2)} MiB chunks)`);
  console.log(`  IPC handler -> RecordingWriter -> disk, fdatasync + DB progress row every simulated second:`);
  console.log(`    throughput, flat out   ${mbps.toFixed(1)} MiB/s = ${(mbps / realtimeMbPerS).toFixed(0)}x the recording's bitrate   (goal >= 20x)`);
  console.log(`    append latency, flat out       ${latencyLine(flat.latencies)}   (goal p99 < 20 ms)`);
  console.log(`    append latency, 10x real time  ${latencyLine(paced.latencies)}   (${paced.latencies.length} chunks)`);
  console.log(`    RSS growth             ${(flat.rssGrowth / MB).toFixed(1)} MiB at the end, ${(flat.rssPeakGrowth / MB).toFixed(1)} MiB at peak   (goal < 50 MB)`);
  console.log(`  baseline: plain fs.appendFile loop, no fsync, same chunks:`);
  console.log(`    throughput             ${(totalMb / baselineSeconds).toFixed(1)} MiB/s = ${(totalMb / baselineSeconds / realtimeMbPerS).toFixed(0)}x`);
}

/** A MediaRecorder-like WebM (no duration, no cues) of the given length, built by stream copy. */
function makeLongLiveWebm(dir: string, minutes: number): string {
  const { ffmpeg } = requireFfmpeg();
  const unit = join(dir, 'unit.webm');
  execFileSync(ffmpeg, [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=48000',
    '-t', '60', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '2500k',
    '-c:a', 'libopus', '-b:a', '64k', '-f', 'webm', unit,
  ]);
  const list = join(dir, 'list.txt');
  writeFileSync(list, Array.from({ length: minutes }, () => `file '${unit}'`).join('\n'));
  const out = join(dir, `live-${minutes}.webm`);
  execFileSync(ffmpeg, ['-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-f', 'webm', '-live', '1', out]);
  return out;
}

async function benchFinalize(minutes: number[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-media-'));
  try {
    console.log('\nStop -> seekable (close + ffmpeg -c copy remux + ffprobe + DB), 720p VP8 2.5 Mbit/s:');
    for (const m of minutes) {
      const source = makeLongLiveWebm(dir, m);
      const size = statSync(source).size;
      await withApp(async (app, _dir, clock) => {
        const recording = await newRecording(app);
        let seq = 0;
        for await (const piece of createReadStream(source, { highWaterMark: 4 * MB })) {
          // As live: the writer flushes as it goes, so stop has only the last second to flush.
          clock.t += 1000;
          await call(app, 'recording:appendChunk', { recordingId: recording.id, seq: seq++, bytes: piece as Buffer });
        }
        const t0 = performance.now();
        const done = await call(app, 'recording:stop', { recordingId: recording.id });
        const seconds = (performance.now() - t0) / 1000;
        if (done.status !== 'finalized') throw new Error(`finalize failed: ${done.error}`);
        console.log(`  ${String(m).padStart(3)} min (${(size / MB).toFixed(0)} MB)   ${seconds.toFixed(2)} s   (goal < 3 s for 60 min)`);
      });
      rmSync(source);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Interview Recorder benchmarks${flags.quick ? ' (quick)' : ''} on Node ${process.version}, ${process.platform}`);
  if (!global.gc) console.log('(run with --expose-gc for steadier RSS figures; npm run bench does)');
  await benchIngest(flags.quick ? 5 : 60);
  await benchFinalize(flags.quick ? [1, 5] : [10, 60]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
