import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { appendFile, open } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { JOB_KINDS } from '../shared/domain/enums';
import { createApp, type App } from '../main/app/createApp';
import { openDatabase } from '../main/db/connection';
import { EventHub } from '../main/ipc/eventHub';
import { JobRunner } from '../main/jobs/JobRunner';
import { JobStore } from '../main/jobs/jobStore';
import { createLogger } from '../main/log';
import { probe, remuxSpec, remuxToSeekable } from '../main/media/ffmpeg';
import { chaptersMetadata, ffmpegArgv, transcodeMp4, transcodeSpec, type Chapter } from '../main/media/steps';
import { requireFfmpeg } from '../main/testing/media';
import { benchLibrary } from './library';
import type { CallInput, CallOutput, Channel } from '../shared/ipc/contract';
import { benchShare } from './share';

// `npm run bench`: figures for the recording path and the background jobs, printed, never asserted.
//   ingest   chunks through the real IPC handler -> RecordingWriter -> disk, fsync policy on
//   finalize stop -> seekable WebM for 10 and 60 minutes of recording
//   media    remux and MP4 transcode of a 10-minute 720p recording: the steps the jobs run vs
//            the bare ffmpeg command with the same flags
//   queue    1,000 no-op jobs through JobRunner on a SQLite file, then the SIGKILL test at full
//            size (50+ kills, 5 recordings a round; CI runs it smaller)
//   library  list pages, search and dashboards on 100,000 sessions / 1,000,000 segments, and the
//            library's first paint in Chromium (bench/library.ts)
//   share    export and import of a 1 GB session as an .interview bundle vs a plain copy (bench/share.ts)
// `npm run bench -- library` (or any of the names) runs only those parts.
// `--quick` shortens them (5 simulated minutes, 1 and 5 minute finalize, 1 minute media) for a smoke run.

const ROOT = resolve(__dirname, '..');
const MB = 1024 * 1024;
/** A 1080p30 MediaRecorder stream at a generous 8 Mbit/s: one second is one chunk of 1 MB. */
const BITRATE_1080P = 8_000_000;
const CHUNK_BYTES = BITRATE_1080P / 8;

const { values: flags, positionals } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, screenshots: { type: 'string' } },
  allowPositionals: true,
});
/** `npm run bench -- library` runs only the named parts; no names run them all. */
const PARTS = ['ingest', 'finalize', 'media', 'queue', 'library', 'share'] as const;
const wanted = (part: (typeof PARTS)[number]) => positionals.length === 0 || positionals.includes(part);

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

/** The bare command: ffmpeg with exactly the argv the step would give it, output straight to the target. */
function bareFfmpeg(args: string[]): Promise<void> {
  const { ffmpeg } = requireFfmpeg();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(ffmpeg, args, { stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`ffmpeg exited with ${code}`))));
  });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return (performance.now() - t0) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The remux and the MP4 transcode as their jobs run them (fluent-ffmpeg with progress, a
 * `.partial` file, fsync, rename; the transcode also writes the chapters and probes its output),
 * against the bare ffmpeg command with the same flags, back to back on one input.
 */
async function benchMediaJobs(minutes: number, remuxPairs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-jobs-'));
  try {
    const location = requireFfmpeg();
    const source = makeLongLiveWebm(dir, minutes);
    const loadBefore = loadavg()[0]!;
    const durationMs = minutes * 60_000;
    const seekable = join(dir, 'seekable.webm');
    const mp4 = join(dir, 'out.mp4');
    const signal = new AbortController().signal;
    let progressEvents = 0;
    const onProgress = () => {
      progressEvents++;
    };

    const remux = { bare: [] as number[], job: [] as number[], fsync: [] as number[] };
    const bareRemux = async () => {
      remux.bare.push(await timed(() => bareFfmpeg(ffmpegArgv(remuxSpec(source, seekable)))));
      // What the job adds for durability: flushing the output before its rename.
      remux.fsync.push(await timed(async () => {
        const handle = await open(seekable, 'r+');
        await handle.sync();
        await handle.close();
      }));
    };
    const jobRemux = async () => remux.job.push(await timed(() => remuxToSeekable(location, source, seekable, { durationMs, signal, onProgress })));
    // Taking turns at going first, so drift in the machine's load does not favour one side.
    for (let i = 0; i < remuxPairs; i++) {
      for (const run of i % 2 === 0 ? [bareRemux, jobRemux] : [jobRemux, bareRemux]) {
        rmSync(seekable, { force: true });
        await run();
      }
    }

    // A question about every two minutes, as chapters; the transcode reads the seekable file, as in the pipeline.
    const questions = Math.max(2, Math.round(durationMs / 120_000));
    const chapters: Chapter[] = Array.from({ length: questions }, (_, i) => ({
      title: `Question ${i + 1}: Tell me about a time you disagreed with your manager.`,
      startMs: (i * durationMs) / questions,
      endMs: ((i + 1) * durationMs) / questions,
    }));
    const metadata = join(dir, 'chapters.txt');
    writeFileSync(metadata, chaptersMetadata(chapters));
    const info = await probe(location, seekable);
    const inputMs = info.durationMs ?? durationMs;
    // The job pads the shorter stream to where the other ends; the bare command gets the same filters.
    const streamEnds = info.videoMs !== null && info.audioMs !== null ? { videoMs: info.videoMs, audioMs: info.audioMs } : undefined;
    const bareMp4 = await timed(() => bareFfmpeg(ffmpegArgv(transcodeSpec(seekable, mp4, metadata, { streamEnds }))));
    rmSync(mp4);
    const jobMp4 = await timed(() => transcodeMp4(location, seekable, mp4, { chapters, durationMs: inputMs, signal, onProgress }));

    const realtime = (s: number) => `${(inputMs / 1000 / s).toFixed(1).padStart(6)}x realtime`;
    const line = (name: string, bare: number, job: number, note: string) =>
      console.log(
        `  ${name.padEnd(22)} bare ${bare.toFixed(2).padStart(7)} s = ${realtime(bare)}   job ${job.toFixed(2).padStart(7)} s = ${realtime(job)}   ratio ${(job / bare).toFixed(3)}   (goal <= 1.05${note})`,
      );
    console.log(`\nMedia jobs vs bare ffmpeg, same flags, same input: ${minutes} min 720p30 VP8 2.5 Mbit/s + Opus (${(statSync(source).size / MB).toFixed(0)} MB)`);
    line('remux (-c copy)', median(remux.bare), median(remux.job), `; median of ${remuxPairs}`);
    console.log(`  ${''.padEnd(22)} fsync of the bare output afterwards ${median(remux.fsync).toFixed(2)} s: bare + fsync vs job, ratio ${(median(remux.job) / (median(remux.bare) + median(remux.fsync))).toFixed(3)}`);
    line('MP4 (x264 veryfast)', bareMp4, jobMp4, `; ${chapters.length} chapters, one run each`);
    // Wall-clock ratios mean something only on an otherwise idle machine.
    console.log(`  (${progressEvents} progress events reached the jobs' callbacks; load average ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after, ${cpus().length} cores)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Queue overhead: no-op jobs of every kind, in their groups at the app's concurrency, each
 * enqueued in its own transaction, timed from the first enqueue until the runner is idle.
 */
async function benchQueue(jobs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ir-bench-queue-'));
  const database = openDatabase({ file: join(dir, 'queue.sqlite'), migrationsDir: join(ROOT, 'migrations') });
  try {
    const { raw } = database;
    const recordings = Math.ceil(jobs / JOB_KINDS.length);
    raw.transaction(() => {
      raw.exec(`INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c', 'C', 0, 0);
        INSERT INTO sessions (id, candidate_id, interview_type, mode, avatar, created_at, updated_at)
          VALUES ('s', 'c', 'hr', 'practice', 'ava', 0, 0);`);
      const insert = raw.prepare("INSERT INTO recordings (id, session_id, path, mime_type, started_at) VALUES (?, 's', 'p', 'video/webm', 0)");
      for (let r = 0; r < recordings; r++) insert.run(`r${r}`);
    })();
    const store = new JobStore(raw, Date.now);
    const runner = new JobRunner({ store, hub: new EventHub(), log: createLogger('bench', () => undefined), now: Date.now, concurrency: { ffmpeg: 1, ai: 2 } });
    const aiKinds = new Set(['transcribe', 'score']);
    for (const kind of JOB_KINDS) {
      runner.register({ kind, group: aiKinds.has(kind) ? 'ai' : 'ffmpeg', maxAttempts: 3, payload: z.unknown(), run: async () => ({ type: 'done' }) });
    }
    runner.start();
    const t0 = performance.now();
    for (let i = 0; i < jobs; i++) {
      const job = { kind: JOB_KINDS[i % JOB_KINDS.length]!, sessionId: 's', recordingId: `r${Math.floor(i / JOB_KINDS.length)}`, maxAttempts: 3 };
      raw.transaction(() => store.enqueue(raw, job)).immediate();
      runner.poke();
    }
    const enqueued = (performance.now() - t0) / 1000;
    await runner.waitForIdle();
    const total = (performance.now() - t0) / 1000;
    await runner.stop();
    const done = (raw.prepare("SELECT count(*) AS n FROM jobs WHERE status = 'succeeded'").get() as { n: number }).n;
    console.log(`\nQueue overhead: ${jobs} no-op jobs of the ${JOB_KINDS.length} kinds (ffmpeg group 1 at a time, ai 2), SQLite WAL + synchronous=FULL:`);
    console.log(`  enqueue -> all done   ${total.toFixed(2)} s = ${(jobs / total).toFixed(0)} jobs/s (${((total / jobs) * 1000).toFixed(2)} ms a job; ${done} succeeded; enqueueing alone ${enqueued.toFixed(2)} s)`);
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The queue's crash test at the size CI cannot afford: its own figures are its report. */
async function benchKillTest(): Promise<void> {
  console.log('\nQueue crash test at full size (main/jobs/killQueue.test.ts, 50+ SIGKILLs, 5 recordings a round):');
  const t0 = performance.now();
  const code = await new Promise<number | null>((done) =>
    spawn(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', 'main/jobs/killQueue.test.ts'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, KILL_TEST_MIN_KILLS: '50', KILL_TEST_RECORDINGS: '5' },
    }).once('close', done),
  );
  if (code !== 0) throw new Error(`the full-size kill test failed (exit ${code})`);
  console.log(`  passed in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function main(): Promise<void> {
  console.log(`Interview Recorder benchmarks${flags.quick ? ' (quick)' : ''} on Node ${process.version}, ${process.platform}`);
  if (!global.gc) console.log('(run with --expose-gc for steadier RSS figures; npm run bench does)');
  const unknown = positionals.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`Unknown benchmark ${unknown.join(', ')}; choose from ${PARTS.join(', ')}.`);
  if (wanted('ingest')) await benchIngest(flags.quick ? 5 : 60);
  if (wanted('finalize')) await benchFinalize(flags.quick ? [1, 5] : [10, 60]);
  if (wanted('media')) await benchMediaJobs(flags.quick ? 1 : 10, 3);
  if (wanted('queue')) {
    await benchQueue(1000);
    if (!flags.quick) await benchKillTest();
  }
  if (wanted('library')) await benchLibrary({ quick: flags.quick, screenshotsDir: flags.screenshots });
  if (wanted('share')) await benchShare(flags.quick ? 200 : 1024, flags.quick ? 1 : 3);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
