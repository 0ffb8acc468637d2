import ffmpeg from 'fluent-ffmpeg';
import type { FfmpegLocation } from './ffmpegLocator';
import { explainFailure, FfmpegError, runFfmpeg, type FfmpegSpec, type StepOptions } from './runFfmpeg';

export interface ProbeResult {
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  width: number | null;
  height: number | null;
  /** ffprobe's container name, e.g. 'matroska,webm'. */
  formatName: string;
  /** Where each stream ends, when the file says (ffmpeg's WebM remux writes it per track). */
  videoMs: number | null;
  audioMs: number | null;
}

/** A stream's own duration, or Matroska's DURATION tag ("00:00:03.613000000"). */
function streamMs(stream: { duration?: string | number; tags?: Record<string, string | number> } | undefined): number | null {
  if (!stream) return null;
  const own = Number(stream.duration);
  if (Number.isFinite(own)) return Math.round(own * 1000);
  const match = /^(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(String(stream.tags?.DURATION ?? ''));
  if (!match) return null;
  const [, h, m, sec] = match.map(Number) as [number, number, number, number];
  return Math.round(((h * 60 + m) * 60 + sec) * 1000);
}

export function probe(location: FfmpegLocation, file: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const command = ffmpeg().setFfprobePath(location.ffprobe);
    command.input(file).ffprobe((error: Error | null, data) => {
      if (error) {
        // fluent-ffmpeg puts ffprobe's stderr in the message.
        reject(new FfmpegError('The recording could not be read.', explainFailure(error.message), { cause: error }));
        return;
      }
      const video = data.streams.find((s) => s.codec_type === 'video');
      const audio = data.streams.find((s) => s.codec_type === 'audio');
      const seconds = Number(data.format.duration);
      resolve({
        durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
        videoCodec: video?.codec_name ?? null,
        audioCodec: audio?.codec_name ?? null,
        width: video?.width ?? null,
        height: video?.height ?? null,
        formatName: data.format.format_name ?? '',
        videoMs: streamMs(video),
        audioMs: streamMs(audio),
      });
    });
  });
}

/**
 * The input's duration for progress: the caller's when it knows it (a positive number), else the
 * container's. A file ffprobe cannot read gives null, not an error: the ffmpeg run that follows
 * fails with the reason.
 */
export async function knownDuration(location: FfmpegLocation, file: string, given: number | undefined): Promise<number | null> {
  if (given !== undefined && given > 0) return given;
  return probe(location, file).then((info) => info.durationMs, () => null);
}

export function remuxSpec(input: string, output: string): FfmpegSpec {
  return {
    // A truncated tail is expected after a crash; keep what decodes.
    inputs: [{ path: input, options: ['-fflags', '+genpts+discardcorrupt'] }],
    outputOptions: ['-c', 'copy', '-map', '0', '-f', 'webm'],
    output,
  };
}

/**
 * Rewrites a MediaRecorder WebM (no duration, no cues) as a seekable one without re-encoding.
 * The target is either whole or absent. A file cut off mid-way (crash) yields everything before
 * the cut. A live capture states no duration: pass `durationMs` (from the recording's clock) to
 * get progress.
 */
export async function remuxToSeekable(
  location: FfmpegLocation,
  input: string,
  output: string,
  options: StepOptions & { durationMs?: number } = {},
): Promise<void> {
  await runFfmpeg(location, remuxSpec(input, output), {
    ...options,
    durationMs: options.durationMs ?? null,
    failure: 'The recording could not be made seekable.',
  });
}
