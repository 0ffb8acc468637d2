import { rm, stat, writeFile } from 'node:fs/promises';
import { knownDuration, probe } from './ffmpeg';
import type { FfmpegLocation } from './ffmpegLocator';
import { FfmpegError, PARTIAL_SUFFIX, runFfmpeg, throwIfAborted, type FfmpegSpec, type StepOptions } from './runFfmpeg';

// The processing steps after a recording is made seekable, for the job pipeline. Each is a pure
// async function from files to files (or figures): the caller runs it as a job and stores the result.

export { cleanupPartials, FfmpegError, ffmpegArgv, MediaAbortError, type Progress, type StepOptions } from './runFfmpeg';
export { measureVoice, type AnswerWindow, type VoiceWindowMetrics } from './voiceMetrics';
export { transcriptMetrics, type AnswerSpeech, type TimedWord, type TranscriptAnswer } from './transcriptMetrics';

/** A file a step produced. */
export interface MediaOutput {
  path: string;
  bytes: number;
  durationMs: number;
}

async function describeOutput(location: FfmpegLocation, path: string, failure: string): Promise<MediaOutput> {
  const [{ size }, info] = await Promise.all([stat(path), probe(location, path)]);
  if (info.durationMs === null) {
    throw new FfmpegError(failure, { reason: 'The converted file states no duration.', permanent: false });
  }
  return { path, bytes: size, durationMs: info.durationMs };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

export const THUMBNAIL_WIDTH = 480;

export function thumbnailSpec(video: string, outputJpg: string, atMs: number): FfmpegSpec {
  return {
    // Seeking before the input jumps by the index instead of decoding up to the frame.
    inputs: [{ path: video, options: ['-ss', seconds(atMs)] }],
    outputOptions: [
      '-map', '0:v:0', '-frames:v', '1',
      '-vf', `scale=${THUMBNAIL_WIDTH}:-2`,
      // The temp name has no .jpg to guess from, so the codec and muxer are named.
      '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2', '-update', '1',
    ],
    output: outputJpg,
  };
}

/**
 * One poster frame as a JPEG 480 pixels wide. By default at 10% of the video, at most 1 s in:
 * late enough to skip a camera's first dark frames, early enough for a short take.
 */
export async function makeThumbnail(
  location: FfmpegLocation,
  video: string,
  outputJpg: string,
  options: { atMs?: number; signal?: AbortSignal } = {},
): Promise<{ path: string; bytes: number; atMs: number }> {
  throwIfAborted(options.signal);
  const atMs = options.atMs ?? Math.min(1000, ((await knownDuration(location, video, undefined)) ?? 0) / 10);
  await runFfmpeg(location, thumbnailSpec(video, outputJpg, atMs), {
    signal: options.signal,
    durationMs: null,
    failure: 'The thumbnail could not be made.',
  });
  return { path: outputJpg, bytes: (await stat(outputJpg)).size, atMs };
}

/** What extractAudio writes: name the file with this extension, upload it with this type. */
export const SPEECH_AUDIO = { extension: '.ogg', mimeType: 'audio/ogg' } as const;

export function extractAudioSpec(video: string, outputFile: string): FfmpegSpec {
  return {
    inputs: [{ path: video, options: [] }],
    // Mono Opus at 16 kHz and 24 kbit/s: what speech recognisers resample to anyway, at most
    // about 11 MB an hour (constrained VBR caps the rate), so an hour fits one 25 MB upload.
    outputOptions: [
      '-map', '0:a:0', '-vn', '-ac', '1', '-ar', '16000',
      '-c:a', 'libopus', '-b:a', '24k', '-vbr', 'constrained', '-application', 'voip', '-f', 'ogg',
    ],
    output: outputFile,
  };
}

/** The recording's first audio track as small mono Ogg Opus, for speech-to-text uploads. */
export async function extractAudio(
  location: FfmpegLocation,
  video: string,
  outputFile: string,
  options: StepOptions & { durationMs?: number } = {},
): Promise<MediaOutput> {
  throwIfAborted(options.signal);
  const failure = 'The audio could not be extracted from the recording.';
  await runFfmpeg(location, extractAudioSpec(video, outputFile), {
    ...options,
    durationMs: await knownDuration(location, video, options.durationMs),
    failure,
  });
  return describeOutput(location, outputFile, failure);
}

export interface Chapter {
  title: string;
  startMs: number;
  endMs: number;
}

/** ffmetadata gives `= ; # \` and line breaks a meaning; a backslash makes them literal. */
function escapeMetadata(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[=;#\\\n]/g, '\\$&');
}

/**
 * An ffmetadata file with one [CHAPTER] per chapter, in milliseconds. Chapters are sorted by start;
 * one that ends where it starts (marks a click apart) cannot be navigated to and is left out.
 */
export function chaptersMetadata(chapters: readonly Chapter[]): string {
  const lines = [';FFMETADATA1'];
  const usable = chapters
    .map((c) => ({ title: c.title, startMs: Math.max(0, Math.round(c.startMs)), endMs: Math.round(c.endMs) }))
    .filter((c) => c.endMs > c.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  for (const chapter of usable) {
    lines.push(
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${chapter.startMs}`,
      `END=${chapter.endMs}`,
      `title=${escapeMetadata(chapter.title)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export interface TranscodeSettings {
  /** libx264 speed/size trade-off; slower presets make smaller files at the same quality. */
  preset?: 'ultrafast' | 'superfast' | 'veryfast' | 'faster' | 'fast' | 'medium' | 'slow' | 'slower' | 'veryslow';
  /** libx264 constant quality: 18 looks lossless, 28 is visibly soft; each +6 halves the size. */
  crf?: number;
  /**
   * Where the input's streams end. MediaRecorder's video often stops a few frames before its
   * sound (or after it) under load; given this, the shorter one is padded (last frame held, or
   * silence) so players and editors see one length.
   */
  streamEnds?: { videoMs: number; audioMs: number };
}

/** The MP4 transcode; `metadataFile` is an ffmetadata file with chapters (see chaptersMetadata). */
export function transcodeSpec(
  input: string,
  outputMp4: string,
  metadataFile: string | null,
  { preset = 'veryfast', crf = 23, streamEnds }: TranscodeSettings = {},
): FfmpegSpec {
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const holdVideoMs = streamEnds ? streamEnds.audioMs - streamEnds.videoMs : 0;
  const padAudioMs = streamEnds ? streamEnds.videoMs - streamEnds.audioMs : 0;
  // yuv420p (what every player decodes) needs even sides.
  const videoFilters = ['scale=trunc(iw/2)*2:trunc(ih/2)*2', ...(holdVideoMs > 0 ? [`tpad=stop_mode=clone:stop_duration=${seconds(holdVideoMs)}`] : [])];
  return {
    inputs: [{ path: input, options: [] }, ...(metadataFile ? [{ path: metadataFile, options: ['-f', 'ffmetadata'] }] : [])],
    outputOptions: [
      '-map', '0:v:0', '-map', '0:a:0?',
      ...(metadataFile ? ['-map_metadata', '1', '-map_chapters', '1'] : []),
      '-vf', videoFilters.join(','), '-pix_fmt', 'yuv420p',
      '-c:v', 'libx264', '-preset', preset, '-crf', String(crf),
      // MediaRecorder stamps frames as they come: keep their times instead of padding to a rate.
      '-fps_mode', 'vfr',
      ...(padAudioMs > 0 ? ['-af', `apad=pad_dur=${seconds(padAudioMs)}`] : []),
      '-c:a', 'aac', '-b:a', '96k',
      // The index goes first, so a player (or a browser over Range requests) starts at once.
      '-movflags', '+faststart', '-f', 'mp4',
    ],
    output: outputMp4,
  };
}

/** H.264 + AAC MP4 with the answers as chapters, playable anywhere and streamable. */
export async function transcodeMp4(
  location: FfmpegLocation,
  input: string,
  outputMp4: string,
  options: StepOptions & TranscodeSettings & { chapters?: readonly Chapter[]; durationMs?: number } = {},
): Promise<MediaOutput> {
  throwIfAborted(options.signal);
  const failure = 'The recording could not be converted to MP4.';
  const chapters = options.chapters ?? [];
  const metadataFile = chapters.length > 0 ? `${outputMp4}.chapters${PARTIAL_SUFFIX}` : null;
  try {
    if (metadataFile) await writeFile(metadataFile, chaptersMetadata(chapters));
    // A file ffprobe cannot read is left to the ffmpeg run, which fails with the reason.
    const info = await probe(location, input).catch(() => null);
    const streamEnds = info?.videoMs != null && info.audioMs != null ? { videoMs: info.videoMs, audioMs: info.audioMs } : undefined;
    await runFfmpeg(location, transcodeSpec(input, outputMp4, metadataFile, { ...options, streamEnds }), {
      ...options,
      durationMs: options.durationMs !== undefined && options.durationMs > 0 ? options.durationMs : (info?.durationMs ?? null),
      failure,
    });
  } finally {
    if (metadataFile) await rm(metadataFile, { force: true });
  }
  return describeOutput(location, outputMp4, failure);
}
