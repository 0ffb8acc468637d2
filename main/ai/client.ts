import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AppError } from '../../shared/ipc/result';
import { AiReplyError } from './errors';

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface AiClientSettings {
  /** An OpenAI-compatible endpoint, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
}

export function createAiClient(settings: AiClientSettings): OpenAI {
  return new OpenAI({
    baseURL: settings.baseUrl,
    // The SDK refuses an empty key, but local servers (llama.cpp, Ollama) need none.
    apiKey: settings.apiKey || 'no-key',
    // Never pick up a developer's OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment.
    organization: null,
    project: null,
    timeout: settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // The job queue retries with backoff and honours Retry-After; SDK retries on top would
    // multiply the attempts and hide them from the user.
    maxRetries: 0,
    // Failures reach the user through classifyAiError and our own log, not the console.
    logLevel: 'off',
  });
}

/**
 * The timeout for one long call (a transcription piece, scoring): the caller's if given, else
 * the client's, but never less than what such a call normally needs.
 */
export function longCallTimeout(client: OpenAI, normalMs: number, explicitMs?: number): number {
  return explicitMs ?? Math.max(client.timeout, normalMs);
}

export type AiErrorClass =
  | { kind: 'retry'; retryAfterMs: number | null; message: string }
  | { kind: 'wait_network'; message: string }
  | { kind: 'fatal'; message: string };

/** Socket errors that mean "no network / nothing listening": wait rather than spend attempts. */
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
]);

/** The service was reachable but the call broke off (reset, closed socket, body cut or stalled). */
const DROPPED_CODES = new Set([
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/**
 * What the job queue should do about an error thrown by this folder's functions or the
 * `openai` client: try again (after `retryAfterMs` when the service said so), wait for the
 * network without counting an attempt, or give up. The message is a sentence for the user.
 */
export function classifyAiError(error: unknown): AiErrorClass {
  if (isAbort(error)) return fatal('The AI request was cancelled.');
  if (error instanceof AiReplyError) {
    return error.problem === 'refused' ? fatal(error.message) : retry(error.message);
  }
  // Before the network checks: an ffmpeg failure carries its own error codes in its cause.
  if (error instanceof AppError) return fatal(error.message);
  if (error instanceof APIConnectionTimeoutError) return retry('The AI service did not answer in time.');
  if (error instanceof APIError && typeof error.status === 'number') return classifyStatus(error, error.status);
  const codes = errorCodes(error);
  if (codes.some((code) => OFFLINE_CODES.has(code))) {
    return { kind: 'wait_network', message: 'The AI service cannot be reached; waiting for the network.' };
  }
  if (error instanceof APIConnectionError || codes.some((code) => DROPPED_CODES.has(code))) {
    return retry('The connection to the AI service was interrupted.');
  }
  // A 200 whose JSON body is cut short (the parse errors of structured output are AiReplyErrors).
  if (error instanceof SyntaxError) return retry('The AI service sent a reply that could not be read.');
  return retry('Something went wrong while talking to the AI service.');
}

function classifyStatus(error: APIError, status: number): AiErrorClass {
  const said = serviceMessage(error);
  const wait = retryAfterMs(error.headers);
  if (status === 401) return fatal('The AI service refused the API key. Check the key in Settings.');
  if (status === 403) {
    return fatal(
      `The AI service refused the API key for this request. Check the key and its permissions in Settings.${said}`,
    );
  }
  // OpenAI says "out of credit" with a 429 too; waiting does not fix that.
  if (status === 429 && error.code === 'insufficient_quota') {
    return fatal(`The AI account has run out of credit or reached its spending limit.${said}`);
  }
  if (status === 429) return retry('The AI service is busy (rate limit); trying again later.', wait);
  if (status >= 500) return retry(`The AI service had a problem (error ${status}); trying again later.`, wait);
  if (status === 408 || status === 409) return retry(`The AI service asked to try again later (error ${status}).`, wait);
  if (status === 404 && isAboutModel(error)) {
    return fatal(`The AI service does not offer the chosen model. Check the model names in Settings.${said}`);
  }
  if (status === 404) {
    return fatal(
      'The AI service address does not answer this request. Check the address in Settings (it usually ends in /v1).',
    );
  }
  if (status === 413) return fatal('The audio sent was too large for the AI service.');
  return fatal(`The AI service rejected the request (error ${status}).${said}`);
}

function retry(message: string, retryAfterMs: number | null = null): AiErrorClass {
  return { kind: 'retry', retryAfterMs, message };
}

function fatal(message: string): AiErrorClass {
  return { kind: 'fatal', message };
}

function isAbort(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError');
}

/** `retry-after-ms` (OpenAI's) first, then `Retry-After` in seconds or as an HTTP date. */
function retryAfterMs(headers: Headers | undefined): number | null {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms)) return clampRetryAfter(ms);
  const header = headers?.get('retry-after');
  if (!header) return null;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds)) return clampRetryAfter(seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? clampRetryAfter(date - Date.now()) : null;
}

/** A past date means "now"; an absurd wait is ignored in favour of the queue's backoff. */
function clampRetryAfter(ms: number): number | null {
  if (ms > MAX_RETRY_AFTER_MS) return null;
  return Math.max(0, Math.round(ms));
}

function isAboutModel(error: APIError): boolean {
  return error.code === 'model_not_found' || /\bmodel\b/i.test(rawServiceMessage(error));
}

function rawServiceMessage(error: APIError): string {
  const body: unknown = error.error;
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') {
    return body.message;
  }
  return '';
}

/** The service's own explanation, on one short line, for messages that would be vague without it. */
function serviceMessage(error: APIError): string {
  const text = rawServiceMessage(error).replace(/\s+/g, ' ').trim();
  if (!text) return '';
  const short = text.length > 200 ? `${text.slice(0, 199)}…` : text;
  return ` The service said: ${short}${/[.!?…]$/.test(short) ? '' : '.'}`;
}

/**
 * Error codes anywhere in the cause chain: fetch wraps the socket error in a TypeError, the
 * SDK wraps that again, and a dual-stack connect reports one error per address.
 */
function errorCodes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 8) return [];
  const own = 'code' in error && typeof error.code === 'string' ? [error.code] : [];
  const each = error instanceof AggregateError ? error.errors.flatMap((e: unknown) => errorCodes(e, depth + 1)) : [];
  const cause = 'cause' in error ? errorCodes(error.cause, depth + 1) : [];
  return [...own, ...each, ...cause];
}

export type ConnectionCheck = { ok: true; message: string } | { ok: false; message: string };

/**
 * Settings' "Test connection": lists the service's models, which proves the address and the key,
 * and checks that the chosen models are among them. Give the client a short timeout for this.
 */
export async function testConnection(
  client: OpenAI,
  models: string[],
  signal?: AbortSignal,
): Promise<ConnectionCheck> {
  try {
    const offered = new Set<string>();
    for await (const model of client.models.list({ signal })) {
      offered.add(model.id);
    }
    const missing = models.filter((model) => !offered.has(model));
    if (missing.length === 0) return { ok: true, message: 'Connected: the AI service offers the chosen models.' };
    const names = missing.map((m) => `"${m}"`).join(', ');
    return { ok: false, message: `The AI service does not offer ${names}. Check the model names in Settings.` };
  } catch (error) {
    return { ok: false, message: classifyAiError(error).message };
  }
}
