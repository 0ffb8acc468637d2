import { LONG_PAUSE_MS } from '../../shared/domain/types';
import { knownDuration } from './ffmpeg';
import type { FfmpegLocation } from './ffmpegLocator';
import { FfmpegError, runFfmpeg, throwIfAborted, type FfmpegSpec, type StepOptions } from './runFfmpeg';

// Voice metrics from one ffmpeg pass: silencedetect for talk, silence and pauses; ebur128 for
// loudness; astats for clipping. ffmpeg's log is parsed (VoiceLogParser) into per-100 ms figures
// so any window (the whole recording, each answer) is summarised afterwards without another run.

export interface AnswerWindow {
  id: string;
  startMs: number;
  endMs: number;
}

export interface Span {
  startMs: number;
  endMs: number;
}

/** One row per window; the field names are those of the voice_metrics table. */
export interface VoiceWindowMetrics extends Span {
  /** The answer's id as given (a session question); null for the whole recording. */
  sessionQuestionId: string | null;
  /** Window length minus silence. Gaps shorter than minSilenceMs (between words) count as talk. */
  talkMs: number;
  silenceMs: number;
  /** Silences longer than minPauseMs, clipped to the window. */
  pauses: Span[];
  longPauseCount: number;
  longestPauseMs: number;
  /** EBU R128 integrated loudness, LUFS; null when nothing in the window is above the -70 LUFS gate. */
  integratedLufs: number | null;
  /** EBU R128 loudness range, LU; null for windows shorter than its 3 s blocks or all silent. */
  loudnessRangeLu: number | null;
  /** Share of samples at full scale, 0 to 100 (see VoiceLogParser for how they are counted). */
  clippingPercent: number;
}

export interface VoiceOptions extends StepOptions {
  answers?: readonly AnswerWindow[];
  /** Level below which audio is silence, dBFS. -35 suits a laptop mic in a quiet room. */
  silenceDb?: number;
  /** A silence longer than this is a pause worth showing. */
  minPauseMs?: number;
  /** Silences shorter than this are the gaps between words and count as talk. */
  minSilenceMs?: number;
  /** The input's length for progress, when the caller knows it (else ffprobe is asked). */
  durationMs?: number;
}

/** Analysis runs at 48 kHz (ebur128's own rate) in 100 ms frames, ebur128's step. */
const RATE = 48_000;
const FRAME_SAMPLES = 4_800;
const MOMENTARY_MS = 400;
const SHORT_TERM_MS = 3_000;
/** A peak this close to full scale is clipping (s16 samples saturate at -0.0003 dBFS). */
const CLIP_DB = -0.1;
/** ffmpeg prints -70 LUFS (the absolute gate) for "nothing measurable". */
const ABSOLUTE_GATE_LUFS = -70;

export function voiceFilter(silenceDb: number, minSilenceMs: number): string {
  return [
    `aresample=${RATE}`,
    // Integers saturate as an ADC does, so a clipped take shows full-scale samples even after
    // Opus overshoots them.
    'aformat=sample_fmts=s16',
    `asetnsamples=n=${FRAME_SAMPLES}:p=0`,
    // Number_of_samples is only reported overall (per channel) by ffmpeg 5.
    'astats=metadata=1:reset=1:measure_perchannel=Peak_level+Peak_count:measure_overall=Number_of_samples',
    'ametadata=mode=print',
    `silencedetect=n=${silenceDb}dB:d=${minSilenceMs / 1000}`,
    'ebur128=framelog=info',
  ].join(',');
}

export function voiceSpec(input: string, silenceDb: number, minSilenceMs: number): FfmpegSpec {
  return {
    inputs: [{ path: input, options: [] }],
    outputOptions: ['-map', '0:a:0', '-af', voiceFilter(silenceDb, minSilenceMs), '-f', 'null'],
    output: null,
  };
}

/**
 * Talk, silence, pauses, loudness and clipping of a recording (or its extracted audio): the whole
 * recording first, then each answer window in the order given, from one ffmpeg pass.
 */
export async function measureVoice(
  location: FfmpegLocation,
  audioOrVideo: string,
  { answers = [], silenceDb = -35, minPauseMs = LONG_PAUSE_MS, minSilenceMs = 300, durationMs, ...step }: VoiceOptions = {},
): Promise<VoiceWindowMetrics[]> {
  throwIfAborted(step.signal);
  const parser = new VoiceLogParser();
  const failure = 'The voice in the recording could not be measured.';
  await runFfmpeg(location, voiceSpec(audioOrVideo, silenceDb, minSilenceMs), {
    ...step,
    durationMs: await knownDuration(location, audioOrVideo, durationMs),
    failure,
    onStderrLine: (line) => parser.push(line),
  });
  const log = parser.finish();
  if (log.frames.length === 0) throw new FfmpegError(failure, { reason: 'The recording has no sound.', permanent: true });
  return voiceMetrics(log, answers, minPauseMs);
}

// ---- The log, parsed ----

export interface LoudnessBlock {
  /** Where ebur128's 100 ms step ended; its momentary block is the 400 ms before, short-term the 3 s. */
  endMs: number;
  momentaryLufs: number | null;
  shortTermLufs: number | null;
}

export interface PeakFrame {
  startMs: number;
  /** Samples in the frame, all channels. */
  samples: number;
  clippedSamples: number;
}

export interface VoiceLog {
  silences: Span[];
  loudness: LoudnessBlock[];
  frames: PeakFrame[];
  /** ebur128's figures for the whole input; null when the run ended before its summary. */
  summary: { integratedLufs: number | null; loudnessRangeLu: number | null } | null;
  /** How much audio was decoded (the end of the last frame): the truth for a truncated file. */
  decodedMs: number;
}

/** A level from the log: "-23.4", "-inf", "nan", "-120.7" (ebur128's "no signal"). */
function level(text: string | undefined): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const MS = (seconds: string | undefined) => Math.round(Number(seconds) * 1000);

// Unanchored: ffmpeg's stats line, which ends in \r, can share a line with a filter's message.
const SILENCE_START = /silence_start:\s*(-?[\d.]+)/;
const SILENCE_END = /silence_end:\s*(-?[\d.]+)/;
const EBUR128_FRAME = /\bt:\s*([\d.]+)\s+TARGET:.*?\bM:\s*(\S+)\s+S:\s*(\S+)/;
const FRAME_HEADER = /\bframe:\s*\d+\s+pts:\s*\S+\s+pts_time:\s*(-?[\d.]+)/;
const ASTATS_CHANNEL = /lavfi\.astats\.(\d+)\.(Peak_level|Peak_count)=(\S+)/;
const ASTATS_SAMPLES = /lavfi\.astats\.Overall\.Number_of_samples=(\S+)/;
const SUMMARY_I = /^\s*I:\s+(\S+)\s+LUFS/;
const SUMMARY_LRA = /^\s*LRA:\s+(\S+)\s+LU\b/;

/**
 * Reads ffmpeg's stderr for voiceSpec's filters one line at a time, keeping only numbers (an
 * hour is ~200 k lines). Pure: no I/O, so it is tested on captured logs.
 */
export class VoiceLogParser {
  private readonly silences: Span[] = [];
  private openSilenceMs: number | null = null;
  private readonly loudness: LoudnessBlock[] = [];
  private readonly frames: PeakFrame[] = [];
  /** The frame being read: its start, samples per channel, each channel's peak. */
  private frame: { startMs: number; samples: number; channels: Map<string, { peakDb: number | null; count: number }> } | null =
    null;
  private summary: { integratedLufs: number | null; loudnessRangeLu: number | null } | null = null;
  private decodedMs = 0;

  push(line: string): void {
    let match: RegExpExecArray | null;
    if (this.frame && (match = ASTATS_CHANNEL.exec(line))) {
      const [, channel = '', key, value] = match;
      const stats = this.frame.channels.get(channel) ?? { peakDb: null, count: 0 };
      if (key === 'Peak_level') stats.peakDb = level(value);
      else stats.count = Number(value) || 0;
      this.frame.channels.set(channel, stats);
    } else if (this.frame && (match = ASTATS_SAMPLES.exec(line))) {
      this.frame.samples = Number(match[1]) || 0;
    } else if ((match = FRAME_HEADER.exec(line))) {
      this.flushFrame();
      this.frame = { startMs: MS(match[1]), samples: 0, channels: new Map() };
    } else if ((match = EBUR128_FRAME.exec(line))) {
      this.loudness.push({ endMs: MS(match[1]), momentaryLufs: level(match[2]), shortTermLufs: level(match[3]) });
    } else if ((match = SILENCE_START.exec(line))) {
      this.openSilenceMs = Math.max(0, MS(match[1]));
    } else if ((match = SILENCE_END.exec(line))) {
      this.silences.push({ startMs: this.openSilenceMs ?? 0, endMs: MS(match[1]) });
      this.openSilenceMs = null;
    } else if (line.includes('Summary:')) {
      this.summary = { integratedLufs: null, loudnessRangeLu: null };
    } else if (this.summary && (match = SUMMARY_I.exec(line))) {
      const lufs = level(match[1]);
      this.summary.integratedLufs = lufs !== null && lufs > ABSOLUTE_GATE_LUFS ? lufs : null;
    } else if (this.summary && (match = SUMMARY_LRA.exec(line))) {
      this.summary.loudnessRangeLu = this.summary.integratedLufs === null ? null : level(match[1]);
    }
  }

  finish(): VoiceLog {
    this.flushFrame();
    const silences = [...this.silences];
    // A log cut short (killed run) leaves the last silence open: it lasts to the end of the audio.
    if (this.openSilenceMs !== null && this.openSilenceMs < this.decodedMs) {
      silences.push({ startMs: this.openSilenceMs, endMs: this.decodedMs });
    }
    return {
      silences,
      loudness: [...this.loudness],
      frames: [...this.frames],
      summary: this.summary && { ...this.summary },
      decodedMs: this.decodedMs,
    };
  }

  private flushFrame(): void {
    if (!this.frame) return;
    const { startMs, samples, channels } = this.frame;
    // Peak_count counts the samples at the frame's minimum and maximum: at full scale, the clipped ones.
    const clippedSamples = [...channels.values()]
      .filter((c) => c.peakDb !== null && c.peakDb >= CLIP_DB)
      .reduce((acc, c) => acc + Math.min(c.count, samples), 0);
    this.frames.push({ startMs, samples: samples * Math.max(1, channels.size), clippedSamples });
    this.decodedMs = Math.max(this.decodedMs, startMs + Math.round((samples / RATE) * 1000));
    this.frame = null;
  }
}

export function parseVoiceLog(stderr: string): VoiceLog {
  const parser = new VoiceLogParser();
  for (const line of stderr.split(/\r\n|\r|\n/)) parser.push(line);
  return parser.finish();
}

// ---- Windows ----

/** Mean power of LUFS values, back in LUFS (how BS.1770 averages blocks). */
function powerMean(values: readonly number[]): number {
  const sum = values.reduce((acc, v) => acc + 10 ** (v / 10), 0);
  return 10 * Math.log10(sum / values.length);
}

/** BS.1770-4 integrated loudness over momentary blocks: absolute gate, then 10 LU under their mean. */
export function integratedLoudness(momentary: readonly number[]): number | null {
  const audible = momentary.filter((v) => v > ABSOLUTE_GATE_LUFS);
  if (audible.length === 0) return null;
  const gate = powerMean(audible) - 10;
  const gated = audible.filter((v) => v > gate);
  return gated.length ? powerMean(gated) : null;
}

/**
 * EBU Tech 3342 loudness range over short-term blocks: gates at -70 LUFS and 20 LU, then P95 - P10,
 * each percentile taken as ffmpeg's ebur128 takes it, so a window agrees with its summary.
 */
export function loudnessRange(shortTerm: readonly number[]): number | null {
  const audible = shortTerm.filter((v) => v > ABSOLUTE_GATE_LUFS);
  if (audible.length === 0) return null;
  const gate = powerMean(audible) - 20;
  const sorted = audible.filter((v) => v > gate).sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(1, Math.floor(sorted.length * p + 0.5)) - 1] ?? 0;
  return at(0.95) - at(0.1);
}

function clip(spans: readonly Span[], startMs: number, endMs: number): Span[] {
  return spans
    .map((s) => ({ startMs: Math.max(s.startMs, startMs), endMs: Math.min(s.endMs, endMs) }))
    .filter((s) => s.endMs > s.startMs);
}

/** The metrics of one stretch of the recording, from the parsed log. */
export function windowMetrics(
  log: VoiceLog,
  window: Span & { sessionQuestionId: string | null },
  minPauseMs: number,
): VoiceWindowMetrics {
  const { startMs, endMs } = window;
  const silent = clip(log.silences, startMs, endMs);
  const silenceMs = silent.reduce((acc, s) => acc + s.endMs - s.startMs, 0);
  const pauses = silent.filter((s) => s.endMs - s.startMs > minPauseMs);
  // Only blocks wholly inside the window: a block straddling its start would carry the question in.
  const values = (blockMs: number, pick: (b: LoudnessBlock) => number | null) =>
    log.loudness.filter((b) => b.endMs - blockMs >= startMs && b.endMs <= endMs).flatMap((b) => pick(b) ?? []);
  const frames = log.frames.filter((f) => f.startMs >= startMs && f.startMs < endMs);
  const samples = frames.reduce((acc, f) => acc + f.samples, 0);
  const clippedSamples = frames.reduce((acc, f) => acc + f.clippedSamples, 0);
  return {
    sessionQuestionId: window.sessionQuestionId,
    startMs,
    endMs,
    talkMs: Math.max(0, endMs - startMs - silenceMs),
    silenceMs,
    pauses,
    longPauseCount: pauses.length,
    longestPauseMs: Math.max(0, ...pauses.map((p) => p.endMs - p.startMs)),
    integratedLufs: integratedLoudness(values(MOMENTARY_MS, (b) => b.momentaryLufs)),
    loudnessRangeLu: loudnessRange(values(SHORT_TERM_MS, (b) => b.shortTermLufs)),
    clippingPercent: samples ? (100 * clippedSamples) / samples : 0,
  };
}

/**
 * The whole recording first (its loudness from ebur128's own summary when the run reached it),
 * then each answer in the order given.
 */
export function voiceMetrics(log: VoiceLog, answers: readonly AnswerWindow[], minPauseMs: number): VoiceWindowMetrics[] {
  const overall = windowMetrics(log, { sessionQuestionId: null, startMs: 0, endMs: log.decodedMs }, minPauseMs);
  if (log.summary) {
    overall.integratedLufs = log.summary.integratedLufs;
    overall.loudnessRangeLu = log.summary.loudnessRangeLu;
  }
  return [
    overall,
    ...answers.map((a) => windowMetrics(log, { sessionQuestionId: a.id, startMs: a.startMs, endMs: a.endMs }, minPauseMs)),
  ];
}
