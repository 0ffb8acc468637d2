import type { Api } from '../../../shared/ipc/api';
import type { ErrorCode } from '../../../shared/ipc/result';
import { connectBridge } from './bridgeClient';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser (dev:web, tests). */
    api?: Api;
  }
}

function resolveApi(): Api {
  if (window.api) return window.api;
  const params = new URLSearchParams(location.search);
  const token = params.get('token') ?? sessionStorage.getItem('bridgeToken');
  if (!token) {
    throw new Error('This page must be opened from the app, or from the URL `npm run dev:web` prints.');
  }
  sessionStorage.setItem('bridgeToken', token);
  return connectBridge(token);
}

export const api: Api = resolveApi();

/** An error from main, carrying its code; its message is a sentence fit for the user. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Unwraps a call's Result: resolves with the value or rejects with an ApiError. */
export async function unwrap<T>(
  pending: Promise<{ ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } }>,
): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message);
}
