import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import ffmpeg from 'fluent-ffmpeg';
import { AppError } from '../../shared/ipc/result';
import type { FfmpegLocation } from './ffmpegLocator';

/** One ffmpeg invocation as data, so a step, the runner and the bench all run the same argv. */
export interface FfmpegSpec {
  inputs: { path: string; options: string[] }[];
  outputOptions: string[];
  /** The file to produce, whole or not at all; null for analysis runs (`-f null`) read from the log. */
  output: string | null;
}

export interface Progress {
  /** 0 to 1, never decreasing within one run. */
  fraction: number;
  /** Time left, extrapolated from the time spent so far; null until there is enough to go on. */
  etaMs: number | null;
}

/** What every long media step accepts. */
export interface StepOptions {
  /** Aborting kills ffmpeg (SIGKILL) and rejects with a MediaAbortError. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface RunOptions extends StepOptions {
  /** Length of the media ffmpeg will read, to turn its time mark into a fraction; null: no progress. */
  durationMs: number | null;
  /** The sentence a user sees when the run fails, e.g. "The recording could not be converted to MP4." */
  failure: string;
  /** Every stderr line, for analysis filters that report on the log. */
  onStderrLine?: (line: string) => void;
}

/** A cancelled step: not a failure of the media, so it carries no reason and `name` is 'AbortError'. */
export class MediaAbortError extends Error {
  override readonly name = 'AbortError';
  constructor(options?: { cause?: unknown }) {
    super('The media step was cancelled.', options);
  }
}

/** Rejects with MediaAbortError, not the signal's DOMException, so callers check one type. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MediaAbortError({ cause: signal.reason });
}

export const PARTIAL_SUFFIX = '.partial';

/**
 * Options before the first input: no reading of stdin (a spawned ffmpeg that sees a pipe there
 * waits for keys), and stats often enough that a short step still reports progress.
 */
const GLOBAL_OPTIONS = ['-nostdin', '-stats_period', '0.25'];

/** The progress fraction under which an ETA is noise (ffmpeg's start-up dominates). */
const MIN_FRACTION_FOR_ETA = 0.02;

/**
 * The exact argv fluent-ffmpeg spawns for `spec` (it adds `-y` before the output), so the bench
 * can time the bare command against the step.
 */
export function ffmpegArgv(spec: FfmpegSpec): string[] {
  return [
    ...GLOBAL_OPTIONS,
    ...spec.inputs.flatMap((input) => [...input.options, '-i', input.path]),
    '-y',
    ...spec.outputOptions,
    spec.output ?? '-',
  ];
}

/** "01:02:03.45" → ms; null for "N/A" or anything else ffmpeg prints before it knows. */
export function parseTimemark(timemark: string | undefined): number | null {
  const match = /^(-?)(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec((timemark ?? '').trim());
  if (!match) return null;
  const [, sign, h, m, s] = match;
  const ms = (Number(h) * 3600 + Number(m) * 60 + Number(s)) * 1000;
  return sign ? -ms : ms;
}

export function progressAt(doneMs: number, totalMs: number, elapsedMs: number): Progress {
  const fraction = Math.min(1, Math.max(0, doneMs / totalMs));
  const etaMs = fraction >= MIN_FRACTION_FOR_ETA ? Math.round((elapsedMs * (1 - fraction)) / fraction) : null;
  return { fraction, etaMs };
}

/** Ffmpeg's last lines, which say why it failed; the rest is banner and progress. */
export function stderrTail(stderr: string | null, lines = 8): string {
  return (stderr ?? '').trim().split(/\r\n|\r|\n/).slice(-lines).join('\n');
}

export interface FailureCause {
  /** A sentence saying why, e.g. "The disk is full." */
  reason: string;
  /** Running the step again on the same file fails the same way: no point retrying. */
  permanent: boolean;
}

/**
 * ffmpeg could not do a step. `message` is the step's sentence ("The recording could not be
 * converted to MP4."); `reason` says why when ffmpeg's log names a cause a user can act on.
 * `cause` holds ffmpeg's error and the tail of its stderr.
 */
export class FfmpegError extends AppError {
  readonly reason: string | null;
  readonly permanent: boolean;
  constructor(message: string, found: FailureCause | null, options?: { cause?: unknown }) {
    super('ffmpeg/failed', message, options);
    this.name = 'FfmpegError';
    this.reason = found?.reason ?? null;
    this.permanent = found?.permanent ?? false;
  }

  /** The sentence and its reason, for a user reading why a job failed. */
  get explanation(): string {
    return this.reason ? `${this.message} ${this.reason}` : this.message;
  }
}

const KNOWN_FAILURES: (FailureCause & { pattern: RegExp })[] = [
  { pattern: /No such file or directory/, reason: 'The file is missing.', permanent: true },
  { pattern: /No space left on device/, reason: 'The disk is full.', permanent: false },
  { pattern: /Permission denied/, reason: 'The file cannot be opened: permission denied.', permanent: false },
  {
    pattern: /Invalid data found when processing input|EBML header parsing failed|moov atom not found|could not find codec parameters/i,
    reason: 'The file is damaged or is not a recording.',
    permanent: true,
  },
  {
    pattern: /does not contain any stream|matches no streams|Output file #0 does not contain/,
    reason: 'The file holds no audio or video to use.',
    permanent: true,
  },
];

/** The cause ffmpeg's log names, when it is one a user can act on. */
export function explainFailure(stderr: string | null): FailureCause | null {
  const found = KNOWN_FAILURES.find(({ pattern }) => pattern.test(stderr ?? ''));
  return found ? { reason: found.reason, permanent: found.permanent } : null;
}

/** What a run that ends well but writes nothing (a seek past the end) fails with. */
const NOTHING_USABLE: FailureCause = { reason: 'Nothing in the file could be used.', permanent: true };

/**
 * Runs `spec` through fluent-ffmpeg. A file output is written to `<output>.partial`, fsynced and
 * renamed, so the output is whole or absent; a failed or cancelled run removes its partial file.
 */
export async function runFfmpeg(location: FfmpegLocation, spec: FfmpegSpec, options: RunOptions): Promise<void> {
  throwIfAborted(options.signal);
  const temp = spec.output === null ? null : spec.output + PARTIAL_SUFFIX;
  const report = increasing(options.onProgress);
  if (temp) await rm(temp, { force: true });
  try {
    await spawnAndWait(location, { ...spec, output: temp }, options, report);
    if (temp && spec.output) {
      // ffmpeg exits 0 when nothing matched (a seek past the end, a video-only map on audio).
      const bytes = await stat(temp).then((s) => s.size, () => 0);
      if (bytes === 0) throw new FfmpegError(options.failure, NOTHING_USABLE);
      await fsyncFile(temp);
      await rename(temp, spec.output);
    }
  } catch (error) {
    if (temp) await rm(temp, { force: true });
    throw error;
  }
  report({ fraction: 1, etaMs: 0 });
}

/** Passes on only progress that moves forward: ffmpeg repeats its last time mark at the end. */
function increasing(onProgress: ((progress: Progress) => void) | undefined): (progress: Progress) => void {
  let last = -1;
  return (progress) => {
    if (progress.fraction <= last) return;
    last = progress.fraction;
    onProgress?.(progress);
  };
}

function spawnAndWait(
  location: FfmpegLocation,
  spec: FfmpegSpec,
  options: RunOptions,
  report: (progress: Progress) => void,
): Promise<void> {
  const { signal, durationMs } = options;
  return new Promise<void>((resolve, reject) => {
    // The signal may have fired while the caller was awaiting; a listener added now never would.
    throwIfAborted(signal);
    const [first, ...rest] = spec.inputs;
    if (!first) throw new Error('An ffmpeg run needs an input.');
    const command = ffmpeg().setFfmpegPath(location.ffmpeg).setFfprobePath(location.ffprobe);
    // Options go in as separate arguments: fluent-ffmpeg splits a lone array item at its space.
    command.input(first.path).inputOptions(...GLOBAL_OPTIONS, ...first.options);
    for (const input of rest) command.input(input.path).inputOptions(...input.options);
    command.output(spec.output ?? '-').outputOptions(...spec.outputOptions);

    let aborted = false;
    const onAbort = () => {
      aborted = true;
      // Before 'start' there is no process yet; the 'start' handler kills it then.
      command.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => signal?.removeEventListener('abort', onAbort);

    const startedAt = performance.now();
    command.on('start', () => {
      if (aborted) command.kill('SIGKILL');
    });
    // The fraction comes from the caller's duration, not from the ffprobe fluent-ffmpeg runs on
    // input 0 once a progress listener exists: a live capture states no duration.
    if (options.onProgress && durationMs) {
      command.on('progress', ({ timemark }: { timemark: string }) => {
        const doneMs = parseTimemark(timemark);
        if (doneMs !== null) report(progressAt(doneMs, durationMs, performance.now() - startedAt));
      });
    }
    if (options.onStderrLine) command.on('stderr', options.onStderrLine);
    // fluent-ffmpeg reports 'end' and 'error' only once the process has exited and its stderr closed.
    command.on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
      settle();
      if (aborted) {
        reject(new MediaAbortError({ cause: signal?.reason }));
        return;
      }
      reject(
        new FfmpegError(options.failure, explainFailure(stderr), {
          cause: new Error(`${error.message}\n${stderrTail(stderr)}`),
        }),
      );
    });
    command.on('end', () => {
      settle();
      resolve();
    });
    command.run();
  });
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes the `.partial` files a killed run left in `dir` (a crash skips the step's own clean-up).
 * Call it before the job runner starts, never while a step may be writing there. Returns the
 * names removed.
 */
export async function cleanupPartials(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const partials = entries.filter((entry) => entry.isFile() && entry.name.endsWith(PARTIAL_SUFFIX));
  await Promise.all(partials.map((entry) => rm(join(dir, entry.name), { force: true })));
  return partials.map((entry) => entry.name);
}
