import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

export interface FfmpegLocation {
  ffmpeg: string;
  ffprobe: string;
  /** Where ffmpeg was found: 'env', 'ffmpeg-static' or 'path'. */
  source: 'env' | 'ffmpeg-static' | 'path';
}

export interface LocatorInput {
  env: NodeJS.ProcessEnv;
  /** ffmpeg-static's answer (a path that may not exist: its download can fail), or null. */
  staticPath: string | null;
  isExecutable?: (path: string) => boolean;
}

/**
 * Finds ffmpeg and ffprobe: FFMPEG_PATH, then ffmpeg-static's binary if it is really there,
 * then the PATH. ffprobe is looked up beside the chosen ffmpeg first (FFPROBE_PATH wins).
 * Returns null when there is no ffmpeg or ffprobe; callers say so and wait.
 */
export function locateFfmpeg(input: LocatorInput): FfmpegLocation | null {
  const isExec = input.isExecutable ?? isExecutable;
  const onPath = (name: string) => findOnPath(name, input.env.PATH ?? '', isExec);
  const candidates: [string | null | undefined, FfmpegLocation['source']][] = [
    [input.env.FFMPEG_PATH, 'env'],
    [input.staticPath, 'ffmpeg-static'],
    [onPath('ffmpeg'), 'path'],
  ];
  for (const [ffmpeg, source] of candidates) {
    if (!ffmpeg || !isExec(ffmpeg)) continue;
    const beside = join(dirname(ffmpeg), process.platform === 'win32' ? 'ffprobe.exe' : 'ffprobe');
    const ffprobe = [input.env.FFPROBE_PATH, beside, onPath('ffprobe')].find((p) => p && isExec(p));
    if (ffprobe) return { ffmpeg, ffprobe, source };
  }
  return null;
}

/** ffmpeg-static's path, or null if the package is not installed. */
export function ffmpegStaticPath(): string | null {
  try {
    const required = createRequire(__filename)('ffmpeg-static') as unknown;
    return typeof required === 'string' ? required : null;
  } catch {
    return null;
  }
}

function findOnPath(name: string, pathVar: string, isExec: (p: string) => boolean): string | null {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of pathVar.split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = join(dir, name + ext);
      if (isExec(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    if (!existsSync(path)) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
