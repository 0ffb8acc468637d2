import { open, rename, rm } from 'node:fs/promises';
import ffmpeg from 'fluent-ffmpeg';
import { AppError } from '../../shared/ipc/result';
import type { FfmpegLocation } from './ffmpegLocator';

export interface ProbeResult {
  durationMs: number | null;
  videoCodec: string | null;
  audioCodec: string | null;
  width: number | null;
  height: number | null;
  /** True when the container states its duration and has a seek index (Cues, for Matroska). */
  formatName: string;
}

/** Ffmpeg's last lines, which say why it failed; the rest is banner and progress. */
function stderrTail(stderr: string | null, lines = 6): string {
  return (stderr ?? '').trim().split('\n').slice(-lines).join('\n');
}

export function probe(location: FfmpegLocation, file: string): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const command = ffmpeg().setFfprobePath(location.ffprobe);
    command.input(file).ffprobe((error: Error | null, data) => {
      if (error) {
        reject(new AppError('ffmpeg/failed', 'The recording could not be read.', { cause: error }));
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
      });
    });
  });
}

/**
 * Rewrites a MediaRecorder WebM (no duration, no cues) as a seekable one without re-encoding.
 * Writes beside the target, flushes, then renames, so the target is either whole or absent.
 * A file cut off mid-way (crash) yields everything before the cut.
 */
export async function remuxToSeekable(location: FfmpegLocation, input: string, output: string): Promise<void> {
  const temp = `${output}.partial`;
  await rm(temp, { force: true });
  try {
    await new Promise<void>((resolve, reject) => {
      ffmpeg(input)
        .setFfmpegPath(location.ffmpeg)
        // A truncated tail is expected after a crash; keep what decodes.
        .inputOptions(['-fflags', '+genpts+discardcorrupt'])
        .outputOptions(['-c', 'copy', '-map', '0', '-f', 'webm'])
        .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
          reject(
            new AppError('ffmpeg/failed', 'The recording could not be made seekable.', {
              cause: new Error(`${error.message}\n${stderrTail(stderr)}`),
            }),
          );
        })
        .on('end', () => resolve())
        .save(temp);
    });
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, output);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
