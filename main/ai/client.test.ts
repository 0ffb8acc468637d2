import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/result';
import { startFakeOpenAI, type FakeOpenAI, type Fault } from '../testing/fakeOpenAI';
import { classifyAiError, createAiClient, testConnection, type AiErrorClass } from './client';
import { AiReplyError } from './errors';

let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI({ models: ['whisper-1', 'gpt-4o-mini'] });
});

afterEach(async () => {
  await fake.close();
  expect(fake.problems).toEqual([]);
});

function client(timeoutMs = 2000): OpenAI {
  return createAiClient({ baseUrl: fake.baseUrl, apiKey: 'sk-test', timeoutMs });
}

/** Makes a real chat call through the fake server with this fault and classifies what it throws. */
async function classifyFault(fault: Fault, timeoutMs = 2000): Promise<AiErrorClass & { elapsedMs: number }> {
  fake.enqueueFault(fault);
  const started = performance.now();
  const error = await client(timeoutMs)
    .chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error, 'the call should have failed').not.toBeNull();
  return { ...classifyAiError(error), elapsedMs: performance.now() - started };
}

function expectReadable(result: AiErrorClass): void {
  expect(result.message).toMatch(/^[A-Z].*[.)]$/s);
  expect(result.message).not.toMatch(/\n\s+at |Error:|undefined|\[object/);
}

describe('classifyAiError against real HTTP failures', () => {
  it('retries a 429 after the Retry-After seconds', async () => {
    const result = await classifyFault({ kind: 'rate_limit', retryAfter: '7' });
    expect(result).toMatchObject({ kind: 'retry', retryAfterMs: 7000 });
    expectReadable(result);
  });

  it("prefers OpenAI's retry-after-ms and understands an HTTP date", async () => {
    expect(await classifyFault({ kind: 'rate_limit', retryAfter: '7', retryAfterMs: '1500' })).toMatchObject({
      kind: 'retry',
      retryAfterMs: 1500,
    });
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const dated = await classifyFault({ kind: 'rate_limit', retryAfter: inAMinute });
    expect(dated.kind).toBe('retry');
    expect(dated.kind === 'retry' && dated.retryAfterMs).toBeGreaterThan(55_000);
    expect(dated.kind === 'retry' && dated.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('fails for good when the account is out of credit, although the status is 429', async () => {
    const result = await classifyFault({ kind: 'rate_limit', code: 'insufficient_quota' });
    expect(result.kind).toBe('fatal');
    expect(result.message).toMatch(/run out of credit/);
  });

  it('retries a 500 without a suggested delay, and the client does not retry by itself', async () => {
    const result = await classifyFault({ kind: 'status', status: 500 });
    expect(result).toMatchObject({ kind: 'retry', retryAfterMs: null });
    expect(result.message).toMatch(/error 500/);
    expect(fake.requests).toHaveLength(1);
  });

  it('ends a hanging call by the timeout, quickly, and retries it', async () => {
    const result = await classifyFault({ kind: 'hang' }, 300);
    expect(result).toMatchObject({ kind: 'retry', message: 'The AI service did not answer in time.' });
    expect(result.elapsedMs).toBeLessThan(3000);
  });

  it('fails for good on a refused API key (401 and 403)', async () => {
    const unauthorized = await classifyFault({ kind: 'status', status: 401 });
    expect(unauthorized).toMatchObject({ kind: 'fatal', message: 'The AI service refused the API key. Check the key in Settings.' });
    const forbidden = await classifyFault({ kind: 'status', status: 403 });
    expect(forbidden.kind).toBe('fatal');
    expect(forbidden.message).toMatch(/refused the API key/);
    expectReadable(forbidden);
  });

  it('fails for good on an unknown model, naming the problem', async () => {
    const result = await classifyFault({ kind: 'status', status: 404, code: 'model_not_found' });
    expect(result.kind).toBe('fatal');
    expect(result.message).toMatch(/does not offer the chosen model.*no-such-model/);
    expectReadable(result);
  });

  it('fails for good on a 400, passing on what the service said', async () => {
    const result = await classifyFault({ kind: 'status', status: 400, message: 'Audio file might be corrupted.' });
    expect(result).toMatchObject({
      kind: 'fatal',
      message: 'The AI service rejected the request (error 400). The service said: Audio file might be corrupted.',
    });
  });

  it('tells a wrong address (no /v1) from a wrong model', async () => {
    const wrongAddress = createAiClient({ baseUrl: fake.baseUrl.replace(/\/v1$/, ''), apiKey: 'sk-test' });
    const error = await wrongAddress.models.list().then(() => null, (e: unknown) => e);
    expect(classifyAiError(error)).toEqual({
      kind: 'fatal',
      message: 'The AI service address does not answer this request. Check the address in Settings (it usually ends in /v1).',
    });
  });

  it('retries a truncated JSON body and a reset connection', async () => {
    const truncated = await classifyFault({ kind: 'truncated_json' });
    expect(truncated).toMatchObject({ kind: 'retry', message: 'The AI service sent a reply that could not be read.' });
    const reset = await classifyFault({ kind: 'reset' });
    expect(reset).toMatchObject({ kind: 'retry', message: 'The connection to the AI service was interrupted.' });
  });

  it('waits for the network when nothing listens at the address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createAiClient({ baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: 'sk-test' });
    const error = await offline.models.list().then(() => null, (e: unknown) => e);
    expect(classifyAiError(error)).toEqual({
      kind: 'wait_network',
      message: 'The AI service cannot be reached; waiting for the network.',
    });
  });

  it('waits for the network when the name does not resolve or the network is down', async () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']) {
      // The shape undici gives: TypeError('fetch failed') caused by the socket error.
      const failingFetch = async () => {
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code}`), { code }) });
      };
      const offline = new OpenAI({ apiKey: 'sk-test', baseURL: 'http://api.example.invalid/v1', maxRetries: 0, fetch: failingFetch });
      const error = await offline.models.list().then(() => null, (e: unknown) => e);
      expect(classifyAiError(error).kind, code).toBe('wait_network');
    }
  });

  it('fails (does not retry) a call the caller cancelled', async () => {
    fake.enqueueFault({ kind: 'hang' });
    const controller = new AbortController();
    const call = client(5000).models.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const error = await call.then(() => null, (e: unknown) => e);
    expect(classifyAiError(error)).toEqual({ kind: 'fatal', message: 'The AI request was cancelled.' });
  });
});

describe('classifyAiError on our own errors', () => {
  it('retries a malformed reply and fails on a refusal', () => {
    expect(classifyAiError(new AiReplyError('malformed_reply', 'Bad reply.'))).toEqual({
      kind: 'retry',
      retryAfterMs: null,
      message: 'Bad reply.',
    });
    expect(classifyAiError(new AiReplyError('refused', 'No.'))).toEqual({ kind: 'fatal', message: 'No.' });
  });

  it('fails on an AppError with its sentence and retries the unknown without leaking it', () => {
    expect(classifyAiError(new AppError('ffmpeg/failed', 'The audio could not be prepared.'))).toEqual({
      kind: 'fatal',
      message: 'The audio could not be prepared.',
    });
    const unknown = classifyAiError(new TypeError("Cannot read properties of undefined (reading 'x')"));
    expect(unknown).toEqual({ kind: 'retry', retryAfterMs: null, message: 'Something went wrong while talking to the AI service.' });
  });

  it('does not mistake the error codes of a failed ffmpeg for the network', () => {
    const missingBinary = Object.assign(new Error('spawn ffmpeg ENOENT'), { code: 'ENOENT' });
    const failed = new AppError('ffmpeg/failed', 'The audio could not be prepared for transcription.', { cause: missingBinary });
    expect(classifyAiError(failed).kind).toBe('fatal');
  });

  it('retries a reply body that broke off after the headers', () => {
    // What fetch throws from response.text() when the socket closes mid-body.
    const cut = new TypeError('terminated', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(classifyAiError(cut)).toMatchObject({ kind: 'retry', message: 'The connection to the AI service was interrupted.' });
  });
});

describe('testConnection', () => {
  it('passes when the service offers the chosen models', async () => {
    expect(await testConnection(client(), ['whisper-1', 'gpt-4o-mini'])).toMatchObject({ ok: true });
    expect(fake.requests.map((r) => [r.method, r.path, r.authorization])).toEqual([['GET', '/v1/models', 'Bearer sk-test']]);
  });

  it('names the models the service does not offer', async () => {
    expect(await testConnection(client(), ['whisper-1', 'gpt-9'])).toEqual({
      ok: false,
      message: 'The AI service does not offer "gpt-9". Check the model names in Settings.',
    });
  });

  it('says why the service cannot be used', async () => {
    fake.enqueueFault({ kind: 'status', status: 401 });
    expect(await testConnection(client(), ['whisper-1'])).toEqual({
      ok: false,
      message: 'The AI service refused the API key. Check the key in Settings.',
    });
    fake.enqueueFault({ kind: 'hang' });
    expect(await testConnection(client(200), ['whisper-1'])).toEqual({
      ok: false,
      message: 'The AI service did not answer in time.',
    });
  });
});
