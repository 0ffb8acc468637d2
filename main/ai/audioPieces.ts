import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AppError } from '../../shared/ipc/result';
import type { FfmpegLocation } from '../media/ffmpegLocator';

// Cutting a long recording into pieces the transcription API accepts (it takes ≤ 25 MB per file).

const execFileAsync = promisify(execFile);

export interface TimeRange {
  startMs: number;
  endMs: number;
}

/**
 * One piece of the recording. It covers [startMs, endMs) of the recording's timeline; the
 * words it contributes are those whose midpoint lies in [keepFromMs, keepUntilMs). Adjacent
 * pieces overlap around their shared seam, so a word cut by the seam is whole in one of them.
 */
export interface PlannedPiece extends TimeRange {
  keepFromMs: number;
  keepUntilMs: number;
}

export interface PlanInput {
  durationMs: number;
  fileBytes: number;
  maxPieceBytes: number;
  overlapMs: number;
  silences: TimeRange[];
  /** Share of maxPieceBytes a piece is planned to fill: bitrate varies and containers add headers. */
  fillRatio?: number;
}

/** Shorter pieces than this would mostly be overlap. */
const MIN_STEP_MS = 2000;

/** Pauses this long and this quiet are where we prefer to cut. */
const SILENCE_NOISE = '-35dB';
const SILENCE_MIN_SECONDS = 0.4;

export function wholeRecording(durationMs: number): PlannedPiece {
  return { startMs: 0, endMs: durationMs, keepFromMs: -Infinity, keepUntilMs: Infinity };
}

/**
 * Chooses the seams: each piece as long as the size limit allows, ending at the last pause in
 * the second half of that span, or, when the speaker never pauses there, at the limit itself
 * (the overlap then keeps the word at the cut whole in one of the two pieces).
 */
export function planPieces(input: PlanInput): PlannedPiece[] {
  const { durationMs, fileBytes, maxPieceBytes, overlapMs } = input;
  if (fileBytes <= maxPieceBytes) return [wholeRecording(durationMs)];
  const maxSpanMs = Math.floor((maxPieceBytes * (input.fillRatio ?? 0.9) * durationMs) / fileBytes);
  const half = overlapMs / 2;
  if (maxSpanMs - overlapMs < MIN_STEP_MS) {
    throw new RangeError(`Pieces of ${maxPieceBytes} bytes are too small for an overlap of ${overlapMs} ms.`);
  }
  const seams: number[] = [];
  let from = 0;
  for (;;) {
    const lead = seams.length > 0 ? half : 0;
    if (durationMs - from + lead <= maxSpanMs) break;
    const seam = chooseSeam(from, from + maxSpanMs - lead - half, input.silences);
    seams.push(seam);
    from = seam;
  }
  return piecesFromSeams(seams, durationMs, half);
}

function chooseSeam(from: number, limit: number, silences: TimeRange[]): number {
  const earliest = from + (limit - from) / 2;
  let best: number | null = null;
  for (const silence of silences) {
    const lo = Math.max(silence.startMs, earliest);
    const hi = Math.min(silence.endMs, limit);
    if (lo > hi) continue;
    // The middle of the pause, or as near to it as the window allows.
    const cut = Math.min(Math.max((silence.startMs + silence.endMs) / 2, lo), hi);
    if (best === null || cut > best) best = cut;
  }
  return Math.round(best ?? limit);
}

function piecesFromSeams(seams: number[], durationMs: number, half: number): PlannedPiece[] {
  const bounds = [-Infinity, ...seams, Infinity];
  return bounds.slice(0, -1).map((keepFromMs, i) => {
    const keepUntilMs = bounds[i + 1] ?? Infinity;
    return {
      startMs: Math.max(0, Math.round(keepFromMs - half)),
      endMs: Math.min(durationMs, Math.round(keepUntilMs + half)),
      keepFromMs,
      keepUntilMs,
    };
  });
}

/** Pauses in the audio, from ffmpeg's silencedetect. */
export async function detectSilences(
  location: FfmpegLocation,
  file: string,
  durationMs: number,
  signal?: AbortSignal,
): Promise<TimeRange[]> {
  const filter = `silencedetect=noise=${SILENCE_NOISE}:d=${SILENCE_MIN_SECONDS}`;
  const { stderr } = await run(
    location.ffmpeg,
    ['-hide_banner', '-nostats', '-i', file, '-map', '0:a:0', '-af', filter, '-f', 'null', '-'],
    signal,
  );
  return parseSilences(stderr, durationMs);
}

/** A pause still open at the end of the file lasts until the end. */
export function parseSilences(stderr: string, durationMs: number): TimeRange[] {
  const silences: TimeRange[] = [];
  let openAt: number | null = null;
  for (const match of stderr.matchAll(/silence_(start|end): (-?[\d.]+)/g)) {
    const ms = Math.round(Number(match[2]) * 1000);
    if (match[1] === 'start') {
      openAt = Math.max(0, ms);
    } else if (openAt !== null) {
      silences.push({ startMs: openAt, endMs: ms });
      openAt = null;
    }
  }
  if (openAt !== null && openAt < durationMs) silences.push({ startMs: openAt, endMs: durationMs });
  return silences;
}

/** The audio's length from its container, for callers that do not know it. */
export async function probeDurationMs(location: FfmpegLocation, file: string, signal?: AbortSignal): Promise<number> {
  const args = ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file];
  const { stdout } = await run(location.ffprobe, args, signal);
  const seconds = Number.parseFloat(stdout);
  if (!(seconds > 0)) throw new AppError('ffmpeg/failed', 'The length of the audio could not be read.');
  return Math.round(seconds * 1000);
}

/**
 * Copies [startMs, endMs) of the audio without re-encoding. `-ss` after `-i` drops packets up
 * to the start instead of seeking, so the piece starts within one packet (20-26 ms) of it.
 */
export async function cutPiece(
  location: FfmpegLocation,
  input: string,
  range: TimeRange,
  output: string,
  signal?: AbortSignal,
): Promise<void> {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  await run(
    location.ffmpeg,
    ['-v', 'error', '-y', '-i', input, '-ss', seconds(range.startMs), '-t', seconds(range.endMs - range.startMs),
      '-map', '0:a:0', '-c', 'copy', '-map_metadata', '-1', output],
    signal,
  );
}

async function run(binary: string, args: string[], signal?: AbortSignal): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(binary, args, { signal, maxBuffer: 64 * 1024 * 1024, windowsHide: true });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new AppError('ffmpeg/failed', 'The audio could not be prepared for transcription.', { cause: error });
  }
}
