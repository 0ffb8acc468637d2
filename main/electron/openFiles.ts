import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';

// Files the OS hands the app: a double-clicked `.interview` (one session) or `.interviewkit`
// (a question kit). macOS sends `open-file` events; Windows and Linux start the app, or a
// second instance, with the path among the arguments.

export const OPEN_FILE_EXTENSIONS = ['.interview', '.interviewkit'] as const;

export function isOpenableFile(path: string): boolean {
  return (OPEN_FILE_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());
}

/** The openable files among a process's arguments (flags and the app's own path are skipped). */
export function filesInArgv(argv: readonly string[], cwd = process.cwd()): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && isOpenableFile(arg))
    .map((arg) => resolve(cwd, arg))
    .filter((path) => existsSync(path));
}
