/** Stable, machine-readable error codes. The message beside one is a sentence a user can read. */
export const ERROR_CODES = [
  'ipc/unknown_channel',
  'ipc/invalid_input',
  'ipc/forbidden',
  'ipc/disconnected',
  /** A browser-mode frame over the bridge's limit. */
  'ipc/too_large',
  'not_found',
  'conflict',
  'recording/gap',
  'recording/closed',
  'disk/low',
  'ffmpeg/missing',
  'ffmpeg/failed',
  'db/too_new',
  'document/unsupported',
  'document/unreadable',
  'document/empty',
  'document/too_large',
  'ai/not_configured',
  'ai/failed',
  // Bundles (.interview files): damaged or hostile, from a newer app, already imported; work stopped by the user.
  'bundle/invalid',
  'bundle/too_new',
  'bundle/exists',
  'cancelled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** An error meant to cross the IPC boundary: its message is shown to the user as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
