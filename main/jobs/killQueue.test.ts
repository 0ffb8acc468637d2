import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import BetterSqlite3 from 'better-sqlite3';
import { expect, it, onTestFailed, onTestFinished } from 'vitest';
import { JOB_KINDS, type JobKind } from '../../shared/domain/enums';
import { call } from '../testing/call';
import { startFakeOpenAI, type ChatRequestBody } from '../testing/fakeOpenAI';
import { makeLiveWebm, ROOT, tempDir, testApp } from '../testing/fixtures';
import { recordInterview } from '../testing/interview';
import { ffprobeJson, ffprobeStreamsAndChapters } from '../testing/media';
import { scoreReplyFor } from '../testing/scoreReply';
import { seededRandom } from '../testing/random';

// The queue's crash promise, tested the hard way: a separate process runs the real pipeline
// (real ffmpeg, the real openai client against the loopback server) on a data folder and is
// SIGKILLed at random points, again and again. After every kill the folder must be consistent
// (a result exists exactly when its job is done); after every round run to the end, every job
// is done, or failed because crashes used up its attempts, with nothing half-written left.

const WORKER = join(ROOT, 'main/testing/queueWorker.ts');
/** CI's size; `npm run bench -- queue` runs this file with KILL_TEST_MIN_KILLS=50 and KILL_TEST_RECORDINGS=5. */
const MIN_KILLS = Number(process.env.KILL_TEST_MIN_KILLS ?? 10);
/** Every kind of job is killed mid-run at least this often, whatever the size. */
const CUTS_PER_KIND = 2;
/** A schedule that cannot reach its cuts in this many rounds is a broken test, not bad luck. */
const MAX_ROUNDS = 12;
/** Then the round's worker runs to the end, so crashes spread over recordings instead of using up one job's attempts. */
const KILLS_PER_ROUND = 13;
/** Fewer in CI: each one is a whole pipeline a round's last worker must finish. */
const RECORDINGS_PER_ROUND = Number(process.env.KILL_TEST_RECORDINGS ?? 2);
/** Up to about the longest job on this clip, so kills land anywhere from ffmpeg's start to the commit. */
const MAX_KILL_DELAY_MS = 500;
const CLIP_SECONDS = 4;
const CRASH_REASON = 'This step stopped unexpectedly every time it ran.';

/** Two answered questions; the transcript the fake returns has these words, inside the answers. */
const MARKS = [
  { asked: 100, start: 300, end: 1900 },
  { asked: 2000, start: 2200, end: 3800 },
];
const ANSWERS = [
  { words: ['I', 'led', 'the', 'database', 'migration'], fromMs: 500, quote: 'led the database' },
  { words: ['we', 'shipped', 'it', 'on', 'time'], fromMs: 2400, quote: 'shipped it on' },
];
const WORD_MS = 240;

/** A transcription reply in OpenAI's verbose_json: one segment per answer, word timings in seconds. */
function transcriptionReply() {
  const timed = ANSWERS.map((a) => a.words.map((word, i) => ({ word, start: (a.fromMs + i * WORD_MS) / 1000, end: (a.fromMs + (i + 1) * WORD_MS - 40) / 1000 })));
  return {
    task: 'transcribe',
    language: 'english',
    duration: CLIP_SECONDS,
    text: ANSWERS.map((a) => `${a.words.join(' ')}.`).join(' '),
    segments: timed.map((words, id) => ({
      id,
      seek: 0,
      start: words[0]!.start,
      end: words.at(-1)!.end,
      text: ` ${words.map((w) => w.word).join(' ')}.`,
      tokens: [],
      temperature: 0,
      avg_logprob: -0.2,
      compression_ratio: 1.2,
      no_speech_prob: 0.01,
    })),
    words: timed.flat(),
  };
}

interface WorkerRun {
  killed: boolean;
  /** Ids of the jobs it started, one per attempt it was seen to begin. */
  started: number[];
}

/**
 * When to SIGKILL the worker: `delayMs` after the n-th start of a job of kind `kind` (of any
 * kind when null), unless it finishes first.
 */
interface Kill {
  kind: JobKind | null;
  afterStarts: number;
  delayMs: number;
}

async function runWorker(dataDir: string, kill: Kill | null): Promise<WorkerRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started: number[] = [];
  let aimed = 0;
  let idle = false;
  let stderr = '';
  let timer: NodeJS.Timeout | undefined;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const running = /^RUNNING (\S+) (\d+)$/.exec(line);
    if (line === 'IDLE') idle = true;
    if (!running) return;
    started.push(Number(running[2]));
    if (kill && (kill.kind === null || kill.kind === running[1]) && ++aimed === kill.afterStarts) {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (c, s) => resolve([c, s])),
  );
  clearTimeout(timer);
  if (signal === 'SIGKILL') return { killed: true, started };
  if (code !== 0 || !idle) throw new Error(`queue worker exited with ${code ?? signal}:\n${stderr}`);
  return { killed: false, started };
}

interface JobRow {
  id: number;
  kind: string;
  recording_id: string;
  status: string;
  attempts: number;
  max_attempts: number;
  error: string | null;
}

/** Where each job writes: its media_files kind and the file name beside the recording. */
const MEDIA_OF_JOB: Record<string, { kind: string; suffix: string }> = {
  thumbnail: { kind: 'thumbnail', suffix: 'jpg' },
  extract_audio: { kind: 'audio', suffix: 'audio.ogg' },
  transcode_mp4: { kind: 'mp4', suffix: 'mp4' },
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * What a crash at any moment may leave: jobs anywhere in their life, `.partial` files; but a
 * result only with its job done and a done job only with its results, each once, files whole.
 */
function expectConsistent(db: BetterSqlite3.Database, dataDir: string, where: string): void {
  const count = (sql: string, ...params: unknown[]) => (db.prepare(sql).get(...params) as { n: number }).n;
  const recordings = db.prepare('SELECT id, session_id, path FROM recordings').all() as { id: string; session_id: string; path: string }[];
  for (const recording of recordings) {
    const jobs = db.prepare('SELECT * FROM jobs WHERE recording_id = ?').all(recording.id) as JobRow[];
    const byKind = new Map(jobs.map((j) => [j.kind, j]));
    expect(byKind.size, where).toBe(jobs.length);
    const done = (kind: string) => byKind.get(kind)?.status === 'succeeded';
    const at = `${where}, recording ${recording.id}: ${jobs.map((j) => `${j.kind}=${j.status}/${j.attempts}`).join(' ')}`;

    for (const job of jobs) expect(job.attempts, at).toBeLessThanOrEqual(job.max_attempts);
    expect(['thumbnail', 'extract_audio', 'transcode_mp4'].every((k) => byKind.has(k)), at).toBe(true);
    // Follow-up jobs are enqueued by the transaction that completes the one before.
    expect(byKind.has('voice_metrics'), at).toBe(done('extract_audio'));
    expect(byKind.has('transcribe'), at).toBe(done('extract_audio'));
    expect(byKind.has('score'), at).toBe(done('transcribe'));

    const media = db.prepare('SELECT kind, path, bytes FROM media_files WHERE recording_id = ?').all(recording.id) as { kind: string; path: string; bytes: number }[];
    expect(new Set(media.map((m) => m.kind)).size, at).toBe(media.length);
    for (const [jobKind, { kind }] of Object.entries(MEDIA_OF_JOB)) {
      expect(media.some((m) => m.kind === kind), `${at}: ${kind} row`).toBe(done(jobKind));
    }
    for (const m of media) expect(statSync(join(dataDir, m.path)).size, `${at}: ${m.path}`).toBe(m.bytes);
    expect(statSync(join(dataDir, recording.path)).size, at).toBeGreaterThan(0);

    expect(count('SELECT count(*) AS n FROM voice_metrics WHERE recording_id = ?', recording.id), at).toBe(done('voice_metrics') ? 1 + MARKS.length : 0);
    expect(count('SELECT count(*) AS n FROM transcripts WHERE recording_id = ?', recording.id), at).toBe(done('transcribe') ? 1 : 0);
    expect(
      count('SELECT count(*) AS n FROM transcript_segments s JOIN transcripts t ON t.id = s.transcript_id WHERE t.recording_id = ?', recording.id),
      at,
    ).toBe(done('transcribe') ? ANSWERS.length : 0);
    const questions = count('SELECT count(*) AS n FROM session_questions WHERE session_id = ?', recording.session_id);
    expect(count("SELECT count(*) AS n FROM evaluations WHERE session_id = ? AND source = 'ai'", recording.session_id), at).toBe(done('score') ? 1 : 0);
    expect(
      count("SELECT count(*) AS n FROM question_evaluations q JOIN evaluations e ON e.id = q.evaluation_id WHERE e.session_id = ?", recording.session_id),
      at,
    ).toBe(done('score') ? questions : 0);
  }
}

/** After a worker ran to the end: every job finished, nothing half-written, every file accounted for. */
function expectSettled(db: BetterSqlite3.Database, dataDir: string, where: string): void {
  expectConsistent(db, dataDir, where);
  const jobs = db.prepare('SELECT * FROM jobs').all() as JobRow[];
  for (const job of jobs) {
    const at = `${where}, job ${job.id} ${job.kind}`;
    expect(['succeeded', 'failed'], at).toContain(job.status);
    // Each crash while a job ran counts as one of its attempts; only using them all up fails it.
    if (job.status === 'failed') expect({ attempts: job.attempts, error: job.error }, at).toEqual({ attempts: job.max_attempts, error: CRASH_REASON });
  }
  const files = filesUnder(dataDir).map((f) => relative(dataDir, f).split('\\').join('/'));
  expect(files.filter((f) => /\.partial$|\.tmp$|\.capture\.webm$/.test(f)), where).toEqual([]);
  const referenced = new Set([
    ...(db.prepare('SELECT path FROM recordings').all() as { path: string }[]).map((r) => r.path),
    ...(db.prepare('SELECT path FROM media_files').all() as { path: string }[]).map((r) => r.path),
  ]);
  // A whole output whose row never committed is there only if its job did not finish.
  const unfinishedOutputs = new Set(
    jobs
      .filter((j) => j.status !== 'succeeded' && MEDIA_OF_JOB[j.kind])
      .map((j) => `${j.recording_id}.${MEDIA_OF_JOB[j.kind]!.suffix}`),
  );
  const database = /^interview-recorder\.sqlite(-wal|-shm)?$/;
  const strays = files.filter((f) => !database.test(f) && !referenced.has(f) && !unfinishedOutputs.has(f.split('/').pop()!));
  expect(strays, where).toEqual([]);
}

/** The outputs themselves: a chaptered, playable MP4, a JPEG, speech audio, the transcript and the scores. */
function expectValidOutputs(db: BetterSqlite3.Database, dataDir: string): void {
  const media = db.prepare('SELECT m.kind, m.path, r.duration_ms FROM media_files m JOIN recordings r ON r.id = m.recording_id').all() as {
    kind: string;
    path: string;
    duration_ms: number;
  }[];
  for (const m of media) {
    const file = join(dataDir, m.path);
    if (m.kind === 'thumbnail') expect(readFileSync(file).subarray(0, 2), m.path).toEqual(Buffer.from([0xff, 0xd8]));
    if (m.kind === 'audio') expect(ffprobeJson(file).streams.map((s) => s.codec_name), m.path).toEqual(['opus']);
    if (m.kind === 'mp4') {
      const probe = ffprobeStreamsAndChapters(file);
      expect(probe.chapters.map((c) => c.tags?.title), m.path).toEqual([expect.stringMatching(/^Question 1: /), expect.stringMatching(/^Question 2: /)]);
      // The chapters travel in a text track of their own, besides the audio and video.
      const av = probe.streams.filter((s) => s.codec_type === 'audio' || s.codec_type === 'video');
      expect(av.map((s) => s.codec_name).sort(), m.path).toEqual(['aac', 'h264']);
      const video = Number(probe.streams.find((s) => s.codec_type === 'video')!.duration);
      expect(Math.abs(video * 1000 - m.duration_ms), m.path).toBeLessThan(150);
    }
  }
  const words = (db.prepare('SELECT words FROM transcript_segments ORDER BY transcript_id, position').all() as { words: string }[])
    .flatMap((s) => JSON.parse(s.words) as { word: string }[])
    .map((w) => w.word);
  const perTranscript = ANSWERS.flatMap((a) => a.words);
  expect(words.length % perTranscript.length).toBe(0);
  for (let i = 0; i < words.length; i += perTranscript.length) expect(words.slice(i, i + perTranscript.length)).toEqual(perTranscript);
  for (const e of db.prepare("SELECT overall, weighted_overall FROM evaluations WHERE source = 'ai'").all() as { overall: number; weighted_overall: number }[]) {
    expect(e.overall).toBe(7);
    expect(e.weighted_overall).toBeGreaterThan(0);
  }
}

it(`keeps every job's results whole and single through ${MIN_KILLS}+ SIGKILLs of the process running the queue, every kind cut ${CUTS_PER_KIND}+ times`, async () => {
  const seed = Number(process.env.KILL_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
  // Replays the same kill schedule; where a kill lands inside a job still depends on timing.
  console.log(`kill test seed ${seed} (KILL_TEST_SEED=${seed} replays its schedule)`);
  onTestFailed(() => console.log(`kill test failed with seed ${seed}`));
  const random = seededRandom(seed);
  const startedAt = performance.now();

  const work = tempDir('ir-kill-');
  const dataDir = join(work, 'data');
  const sourceFile = join(work, 'live.webm');
  makeLiveWebm(sourceFile, CLIP_SECONDS);
  const source = readFileSync(sourceFile);

  const fake = await startFakeOpenAI();
  onTestFinished(() => fake.close());
  fake.setTranscript({ kind: 'reply', body: transcriptionReply() });
  const quotes = new Map<string, string>();
  // One server scores every session: the reply names the question ids the request asks about.
  fake.setChatReply((request: ChatRequestBody) => {
    const ids = [...request.messages.map((m) => m.content).join('\n').matchAll(/\(questionId: ([^)]+)\)/g)].map((m) => m[1]!);
    return scoreReplyFor('behavioral', ids.map((questionId) => ({ questionId, quote: quotes.get(questionId) ?? null })));
  });

  // The folder as the next start would find it, read between worker runs.
  const inspect = <T>(read: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(join(dataDir, 'interview-recorder.sqlite'), { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  };
  const seen = new Map<number, number>();
  const count = (run: WorkerRun) => run.started.forEach((id) => seen.set(id, (seen.get(id) ?? 0) + 1));
  const cutOff = new Map<string, number>();
  let kills = 0;
  let workers = 0;
  // The kind cut least so far is aimed at, so short jobs (the AI calls) are cut too, not only ffmpeg.
  const nextKill = (): Kill => {
    const fewest = Math.min(...JOB_KINDS.map((k) => cutOff.get(k) ?? 0));
    const behind = JOB_KINDS.filter((k) => (cutOff.get(k) ?? 0) === fewest);
    const kind = fewest < CUTS_PER_KIND ? behind[Math.floor(random() * behind.length)]! : null;
    // Squared: more kills early in a job, where the short ones still run.
    return { kind, afterStarts: kind ? 1 : 1 + Math.floor(random() * 2), delayMs: Math.floor(random() ** 2 * MAX_KILL_DELAY_MS) };
  };
  const covered = () => JOB_KINDS.every((k) => (cutOff.get(k) ?? 0) >= CUTS_PER_KIND);
  for (let round = 1; kills < MIN_KILLS || !covered(); round++) {
    if (round > MAX_ROUNDS) throw new Error(`after ${MAX_ROUNDS} rounds and ${kills} kills, cuts were only ${JSON.stringify(Object.fromEntries(cutOff))}`);
    const app = await testApp({ dataDir });
    // Once: the folder keeps them, and saving AI settings again restarts failed AI jobs with fresh
    // attempts, which would hide the crashes counted against them.
    if (round === 1) await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl } });
    for (let i = 0; i < RECORDINGS_PER_ROUND; i++) {
      const { marked } = await recordInterview(app, source, MARKS);
      marked.forEach((q, a) => quotes.set(q.id, ANSWERS[a]!.quote));
    }
    await app.close();

    for (let k = 0; k < KILLS_PER_ROUND; k++) {
      const run = await runWorker(dataDir, nextKill());
      workers++;
      count(run);
      if (!run.killed) break;
      kills++;
      inspect((db) => {
        expectConsistent(db, dataDir, `seed ${seed}, after kill ${kills}`);
        for (const { kind } of db.prepare("SELECT kind FROM jobs WHERE status = 'running'").all() as { kind: string }[]) {
          cutOff.set(kind, (cutOff.get(kind) ?? 0) + 1);
        }
      });
    }
    // To the end; again only if a retry's backoff was still pending when it went idle.
    for (let queued = true; queued; ) {
      count(await runWorker(dataDir, null));
      workers++;
      queued = inspect((db) => db.prepare("SELECT 1 FROM jobs WHERE status = 'queued'").get() !== undefined);
    }
    inspect((db) => expectSettled(db, dataDir, `seed ${seed}, end of round ${round}`));
  }

  const jobs = inspect((db) => {
    expectValidOutputs(db, dataDir);
    return db.prepare('SELECT * FROM jobs').all() as JobRow[];
  });
  // Kills count as attempts: each attempt seen to start is one, and a kill can hide at most one
  // start (leased, killed before it printed).
  let unseen = 0;
  for (const job of jobs) {
    expect(job.attempts, `job ${job.id}`).toBeGreaterThanOrEqual(seen.get(job.id) ?? 0);
    unseen += job.attempts - (seen.get(job.id) ?? 0);
  }
  expect(unseen).toBeLessThanOrEqual(kills);
  const failed = jobs.filter((j) => j.status === 'failed');
  console.log(
    `kill test: ${kills} kills over ${workers} worker runs, cutting off ${[...cutOff].map(([kind, n]) => `${kind} ${n}`).join(', ')}; ` +
      `${jobs.length} jobs, ${failed.length} failed (${failed.map((j) => `${j.kind} after ${j.attempts} crashes`).join(', ') || 'none'}); ` +
      `${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
  );
  // A kill mid-upload cuts the request off at the server; any other problem is a reply the test got wrong.
  expect(fake.problems.filter((p) => p !== 'fake server error: aborted')).toEqual([]);
  // Generous: each worker start costs a second or more under tsx, and other test files share the cores.
}, 600_000);
