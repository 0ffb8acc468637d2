import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { requireFfmpeg } from './media';

// A loopback OpenAI-compatible server for tests: the real `openai` client talks to it over
// HTTP in the real wire format. Faults are queued per request; every request is recorded.
// Test-only: no test-runner imports, so benchmarks and e2e servers can use it too.

const execFileAsync = promisify(execFile);

export type FakeEndpoint = 'transcriptions' | 'chat' | 'models' | 'speech';

export type Fault =
  /** 429; `retryAfter` is the Retry-After header (seconds or a date), `retryAfterMs` OpenAI's own. */
  | { kind: 'rate_limit'; retryAfter?: string; retryAfterMs?: string; code?: string }
  /** Any HTTP error with an OpenAI-style error body (401, 403, 404 model_not_found, 500, ...). */
  | { kind: 'status'; status: number; code?: string; message?: string }
  /** Reads the request, then never answers: the client's timeout must end it. */
  | { kind: 'hang' }
  /** A 200 whose JSON body stops half-way (its Content-Length matches, so only JSON.parse fails). */
  | { kind: 'truncated_json' }
  /** Reads the request, then resets the TCP connection. */
  | { kind: 'reset' }
  /** Chat: the model declines (`message.refusal`). */
  | { kind: 'refusal'; text?: string }
  /** Chat: the configured reply with every score-like number set to 11. */
  | { kind: 'scores_out_of_range' }
  /** Chat: this content instead, unchecked, like a compatible server that ignores strict mode. */
  | { kind: 'off_schema'; content: unknown };

export interface ScriptWord {
  word: string;
  startMs: number;
  endMs: number;
}

export type TranscriptScript =
  /**
   * Words spoken in `referenceAudio` at these times. The server finds where an uploaded piece
   * lies in the reference by matching loudness envelopes (not trusting names or metadata) and
   * answers with the words whose midpoint falls inside it, timed from the piece's start.
   */
  | { kind: 'spoken'; referenceAudio: string; words: ScriptWord[]; language?: string; avgLogprob?: number }
  /** This body for every upload, as it is (for malformed replies). */
  | { kind: 'reply'; body: unknown };

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown> } };
}

export interface RecordedRequest {
  method: string;
  path: string;
  endpoint: FakeEndpoint | null;
  model: string | null;
  bodyBytes: number;
  authorization: string | null;
  fault: Fault['kind'] | null;
  /** `startMs`: where the piece was found in the reference audio; `words`: what the fake heard in it. */
  upload: { filename: string; bytes: number; durationMs: number; startMs: number | null; words: string[] } | null;
  chat: ChatRequestBody | null;
  /** Text to speech: what was asked for, and how long the MP3 sent back lasts. */
  speech: { model: string; voice: string; input: string; format: string; durationMs: number } | null;
}

export interface FakeOpenAI {
  /** Ends in /v1, like OpenAI's. */
  baseUrl: string;
  requests: RecordedRequest[];
  /**
   * Configured replies that did not fit the schema the client sent (without a fault asking
   * for that): the test's reply is wrong, not the code under test. Tests assert it stays empty.
   */
  problems: string[];
  enqueueFault(fault: Fault, endpoint?: FakeEndpoint): void;
  setTranscript(script: TranscriptScript): void;
  /**
   * The assistant's content: a string as it is, anything else as JSON. A function is asked per
   * request, for replies that depend on it (several sessions scored by one server).
   */
  setChatReply(reply: unknown): void;
  close(): Promise<void>;
}

const SCORE_KEYS = new Set([
  'score',
  'overall',
  'communication',
  'technical',
  'problemSolving',
  'confidence',
  'culturalFit',
]);
const SILENT_REPLY = { text: '', language: 'english', duration: 0, segments: [], words: [] };
const REFUSAL = "I'm sorry, I can't help with that.";

export async function startFakeOpenAI(options: { models?: string[] } = {}): Promise<FakeOpenAI> {
  const models = options.models ?? ['whisper-1', 'gpt-4o-mini'];
  const work = await mkdtemp(join(tmpdir(), 'ir-fake-openai-'));
  const faults: { fault: Fault; endpoint: FakeEndpoint | undefined }[] = [];
  const requests: RecordedRequest[] = [];
  const problems: string[] = [];
  const envelopes = new Map<string, Promise<Float64Array>>();
  let script: TranscriptScript = { kind: 'reply', body: SILENT_REPLY };
  let chatReply: unknown = 'OK';
  let uploads = 0;

  function takeFault(endpoint: FakeEndpoint | null): Fault | null {
    const i = faults.findIndex((f) => f.endpoint === undefined || f.endpoint === endpoint);
    return i < 0 ? null : faults.splice(i, 1)[0]!.fault;
  }

  async function transcription(body: Buffer, req: IncomingMessage, record: RecordedRequest): Promise<unknown> {
    const form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': req.headers['content-type'] ?? '' },
      body: new Uint8Array(body), // the DOM typings e2e compiles with take no Buffer
    }).formData();
    const file = form.get('file');
    if (!(file instanceof File)) throw new Error('fake: the upload has no file part');
    record.model = String(form.get('model'));
    const path = join(work, `upload-${++uploads}-${file.name}`);
    await writeFile(path, Buffer.from(await file.arrayBuffer()));
    const pieceEnvelope = await envelopeOf(path);
    const durationMs = pieceEnvelope.length * FRAME_MS;
    const startMs = script.kind === 'spoken' ? await locate(pieceEnvelope, script.referenceAudio) : null;
    record.upload = { filename: file.name, bytes: file.size, durationMs, startMs, words: [] };
    if (script.kind === 'reply') return script.body;
    const heard = wordsIn(script.words, startMs ?? 0, durationMs);
    record.upload.words = heard.map((w) => w.word);
    return verboseJson(heard, script, durationMs, form.getAll('timestamp_granularities[]').map(String));
  }

  async function locate(piece: Float64Array, reference: string): Promise<number> {
    if (!envelopes.has(reference)) envelopes.set(reference, envelopeOf(reference));
    return bestOffset(piece, await envelopes.get(reference)!) * FRAME_MS;
  }

  function chat(body: Buffer, record: RecordedRequest, fault: Fault | null): { status: number; payload: unknown } {
    const request = JSON.parse(body.toString('utf8')) as ChatRequestBody;
    record.model = request.model;
    record.chat = request;
    if (fault?.kind === 'refusal') {
      const refusal = fault.text ?? REFUSAL;
      return { status: 200, payload: completion(request.model, { content: null, refusal }) };
    }
    let content = typeof chatReply === 'function' ? (chatReply as (request: ChatRequestBody) => unknown)(request) : chatReply;
    if (fault?.kind === 'scores_out_of_range') content = withScores(content, 11);
    else if (fault?.kind === 'off_schema') content = fault.content;
    else {
      const problem = schemaProblem(request, content);
      if (problem) {
        problems.push(problem);
        return { status: 500, payload: errorBody(500, 'server_error', problem) };
      }
    }
    const text = typeof content === 'string' ? content : JSON.stringify(content);
    return { status: 200, payload: completion(request.model, { content: text, refusal: null }) };
  }

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const endpoint = route(req.method ?? 'GET', path);
    const fault = takeFault(endpoint);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      endpoint,
      model: null,
      bodyBytes: body.length,
      authorization: req.headers.authorization ?? null,
      fault: fault?.kind ?? null,
      upload: null,
      chat: null,
      speech: null,
    };
    requests.push(record);
    if (!endpoint) return sendJson(res, 404, errorBody(404, 'unknown_url', `Unknown request URL: ${req.method} ${path}.`));
    if (fault && transportFault(fault, req, res)) return;
    let status = 200;
    let payload: unknown;
    if (endpoint === 'speech') {
      return sendAudio(res, await speech(body, record));
    }
    if (endpoint === 'models') payload = modelList(models);
    else if (endpoint === 'transcriptions') payload = await transcription(body, req, record);
    else ({ status, payload } = chat(body, record, fault));
    if (fault?.kind === 'truncated_json') return sendTruncated(res, payload);
    sendJson(res, status, payload);
  }

  const server = createServer((req, res) => {
    respond(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`fake server error: ${message}`);
      if (!res.headersSent) sendJson(res, 500, errorBody(500, 'server_error', message));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    problems,
    enqueueFault: (fault, endpoint) => faults.push({ fault, endpoint }),
    setTranscript: (next) => {
      script = next;
    },
    setChatReply: (next) => {
      chatReply = next;
    },
    close: async () => {
      // Hanging requests keep their sockets open; close() would wait for them forever.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(work, { recursive: true, force: true });
    },
  };
}

/**
 * Real MP3 audio for `audio.speech`: a tone whose loudness rises and falls once per word, as
 * long as reading the input takes (~60 ms a character), so a page can play it and follow its level.
 */
async function speech(body: Buffer, record: RecordedRequest): Promise<Buffer> {
  const request = JSON.parse(body.toString('utf8')) as { model: string; voice: string; input: string; response_format?: string };
  const format = request.response_format ?? 'mp3';
  if (format !== 'mp3') throw new Error(`fake: only mp3 speech is made, not ${format}`);
  const words = Math.max(1, request.input.trim().split(/\s+/).length);
  const seconds = Math.max(0.5, (request.input.length * 60) / 1000);
  record.model = request.model;
  record.speech = { model: request.model, voice: request.voice, input: request.input, format, durationMs: Math.round(seconds * 1000) };
  const wordHz = (words / seconds).toFixed(3);
  const { stdout } = await execFileAsync(
    requireFfmpeg().ffmpeg,
    ['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=180:duration=${seconds.toFixed(3)}`,
      '-af', `volume='0.2+0.8*abs(sin(PI*${wordHz}*t))':eval=frame`, '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '48k', '-f', 'mp3', 'pipe:1'],
    { encoding: 'buffer', maxBuffer: 32 * 1024 * 1024 },
  );
  return stdout;
}

function sendAudio(res: ServerResponse, audio: Buffer): void {
  res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(audio.length) });
  res.end(audio);
}

function route(method: string, path: string): FakeEndpoint | null {
  if (method === 'POST' && path === '/v1/audio/speech') return 'speech';
  if (method === 'POST' && path === '/v1/audio/transcriptions') return 'transcriptions';
  if (method === 'POST' && path === '/v1/chat/completions') return 'chat';
  if (method === 'GET' && path === '/v1/models') return 'models';
  return null;
}

/** Applies a fault that replaces the reply; false for faults that shape the reply instead. */
function transportFault(fault: Fault, req: IncomingMessage, res: ServerResponse): boolean {
  switch (fault.kind) {
    case 'hang':
      return true;
    case 'reset':
      req.socket.resetAndDestroy();
      return true;
    case 'rate_limit': {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = fault.retryAfterMs;
      const code = fault.code ?? 'rate_limit_exceeded';
      sendJson(res, 429, errorBody(429, code, 'Rate limit reached for requests. Please try again later.'), headers);
      return true;
    }
    case 'status':
      sendJson(res, fault.status, errorBody(fault.status, fault.code, fault.message));
      return true;
    default:
      return false;
  }
}

function modelList(models: string[]): unknown {
  return { object: 'list', data: models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) };
}

function errorBody(status: number, code?: string | null, message?: string): unknown {
  const defaults: Record<number, [string, string | null]> = {
    400: ['Invalid request.', null],
    401: ['Incorrect API key provided: sk-test***.', 'invalid_api_key'],
    403: ['You are not allowed to sample from this model.', 'model_not_permitted'],
    404: ['The model `no-such-model` does not exist or you do not have access to it.', 'model_not_found'],
    500: ['The server had an error while processing your request. Sorry about that!', null],
  };
  const [defaultMessage, defaultCode] = defaults[status] ?? [`Error ${status}.`, null];
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message: message ?? defaultMessage, type, param: null, code: code ?? defaultCode } };
}

function completion(model: string, message: { content: string | null; refusal: string | null }): unknown {
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** Structured output in strict mode never breaks the schema, so a test reply that does is a test bug. */
function schemaProblem(request: ChatRequestBody, content: unknown): string | null {
  const format = request.response_format;
  if (format?.type !== 'json_schema' || !format.json_schema) return null;
  const result = z.fromJSONSchema(format.json_schema.schema as Parameters<typeof z.fromJSONSchema>[0]).safeParse(content);
  if (result.success) return null;
  return `fake: the configured chat reply does not fit the request's schema: ${result.error.message}`;
}

function withScores(value: unknown, score: number): unknown {
  if (Array.isArray(value)) return value.map((v) => withScores(v, score));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SCORE_KEYS.has(k) && typeof v === 'number' ? score : withScores(v, score)]),
  );
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendTruncated(res: ServerResponse, payload: unknown): void {
  const text = JSON.stringify(payload);
  const cut = text.slice(0, Math.floor(text.length / 2));
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(cut) });
  res.end(cut);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// Loudness envelopes: 10 ms frames of an 8 kHz mono decode, in dB with a -60 dB floor so that
// codec noise in the pauses does not count.
const FRAME_MS = 10;
const ENVELOPE_RATE = 8000;
const FLOOR_DB = -60;

async function envelopeOf(file: string): Promise<Float64Array> {
  const { ffmpeg } = requireFfmpeg();
  const { stdout } = await execFileAsync(
    ffmpeg,
    ['-v', 'error', '-i', file, '-ac', '1', '-ar', String(ENVELOPE_RATE), '-f', 's16le', '-'],
    { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 },
  );
  const samples = int16(stdout);
  const perFrame = (ENVELOPE_RATE * FRAME_MS) / 1000;
  const frames = new Float64Array(Math.floor(samples.length / perFrame));
  for (let f = 0; f < frames.length; f++) {
    let energy = 0;
    for (let i = f * perFrame; i < (f + 1) * perFrame; i++) energy += (samples[i]! / 32768) ** 2;
    frames[f] = Math.max(FLOOR_DB, 10 * Math.log10(energy / perFrame + 1e-12));
  }
  return frames;
}

/** The frame offset at which the piece's envelope best matches the reference's. */
function bestOffset(piece: Float64Array, reference: Float64Array): number {
  let best = 0;
  let bestCost = Infinity;
  for (let offset = 0; offset + piece.length <= reference.length + 10; offset++) {
    let cost = 0;
    for (let i = 0; i < piece.length && cost < bestCost; i++) {
      cost += Math.abs(piece[i]! - (reference[offset + i] ?? FLOOR_DB));
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = offset;
    }
  }
  return best;
}

/** The words a transcriber would hear in a piece: those mostly inside it, timed from its start, in seconds. */
function wordsIn(words: ScriptWord[], startMs: number, durationMs: number): { word: string; start: number; end: number }[] {
  return words
    .filter((w) => (w.startMs + w.endMs) / 2 >= startMs && (w.startMs + w.endMs) / 2 < startMs + durationMs)
    .map((w) => ({
      word: w.word,
      start: Math.max(0, w.startMs - startMs) / 1000,
      end: Math.min(durationMs, w.endMs - startMs) / 1000,
    }));
}

function verboseJson(
  heard: { word: string; start: number; end: number }[],
  script: Extract<TranscriptScript, { kind: 'spoken' }>,
  durationMs: number,
  granularities: string[],
): unknown {
  const segments = phrases(heard).map((words, id) => ({
    id,
    seek: 0,
    start: words[0]!.start,
    end: words[words.length - 1]!.end,
    text: ` ${words.map((w) => w.word).join(' ')}.`,
    tokens: [],
    temperature: 0,
    avg_logprob: script.avgLogprob ?? -0.2,
    compression_ratio: 1.2,
    no_speech_prob: 0.01,
  }));
  return {
    task: 'transcribe',
    language: script.language ?? 'english',
    duration: durationMs / 1000,
    text: segments.map((s) => s.text).join('').trim(),
    ...(granularities.length === 0 || granularities.includes('segment') ? { segments } : {}),
    ...(granularities.includes('word') ? { words: heard } : {}),
  };
}

/** Words closer than 0.6 s form one segment, as a transcriber's would. */
function phrases<T extends { start: number; end: number }>(words: T[]): T[][] {
  const groups: T[][] = [];
  for (const word of words) {
    const current = groups[groups.length - 1];
    const last = current?.[current.length - 1];
    if (current && last && word.start - last.end < 0.6) current.push(word);
    else groups.push([word]);
  }
  return groups;
}

export interface SpokenAudio {
  file: string;
  words: ScriptWord[];
  durationMs: number;
}

/**
 * A recording whose word timings are known: each word spoken by espeak-ng, trimmed to its
 * sound, laid out with short gaps inside a phrase and long pauses between phrases, then
 * encoded as mono Opus like the media steps' audio.
 */
export async function makeSpokenAudio(
  dir: string,
  phraseList: string[][],
  layout: { leadMs?: number; wordGapMs?: number; phraseGapMs?: number } = {},
): Promise<SpokenAudio> {
  const spoken = new Map<string, Int16Array>();
  let rate = 0;
  for (const word of new Set(phraseList.flat())) {
    const wav = await speak(dir, word);
    rate = wav.rate;
    spoken.set(word, trimSilence(wav.samples));
  }
  const at = (ms: number) => Math.round((ms * rate) / 1000);
  const words: ScriptWord[] = [];
  const parts: { offset: number; samples: Int16Array }[] = [];
  let cursor = at(layout.leadMs ?? 500);
  for (const phrase of phraseList) {
    for (const word of phrase) {
      const samples = spoken.get(word)!;
      parts.push({ offset: cursor, samples });
      words.push({ word, startMs: (cursor * 1000) / rate, endMs: ((cursor + samples.length) * 1000) / rate });
      cursor += samples.length + at(layout.wordGapMs ?? 150);
    }
    cursor += at(layout.phraseGapMs ?? 1200);
  }
  const pcm = new Int16Array(cursor);
  for (const part of parts) pcm.set(part.samples, part.offset);
  const raw = join(dir, 'speech.s16le');
  const file = join(dir, 'speech.opus');
  await writeFile(raw, Buffer.from(pcm.buffer));
  await execFileAsync(requireFfmpeg().ffmpeg, [
    '-v', 'error', '-y', '-f', 's16le', '-ar', String(rate), '-ac', '1', '-i', raw,
    '-c:a', 'libopus', '-b:a', '24k', '-ac', '1', file,
  ]);
  return {
    file,
    words: words.map((w) => ({ ...w, startMs: Math.round(w.startMs), endMs: Math.round(w.endMs) })),
    durationMs: Math.round((cursor * 1000) / rate),
  };
}

async function speak(dir: string, word: string): Promise<{ rate: number; samples: Int16Array }> {
  const file = join(dir, `word-${encodeURIComponent(word)}.wav`);
  await execFileAsync('espeak-ng', ['-v', 'en-us', '-s', '170', '-w', file, word]);
  return parseWav(await readFile(file));
}

function parseWav(data: Buffer): { rate: number; samples: Int16Array } {
  let rate = 0;
  for (let at = 12; at + 8 <= data.length; ) {
    const id = data.toString('ascii', at, at + 4);
    const size = data.readUInt32LE(at + 4);
    if (id === 'fmt ') rate = data.readUInt32LE(at + 12);
    if (id === 'data') {
      return { rate, samples: int16(data.subarray(at + 8, at + 8 + size)) };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error('fake: espeak-ng wrote no audio');
}

/** A copy, because a Buffer's offset in its memory need not be even. */
function int16(bytes: Buffer): Int16Array {
  const even = bytes.length & ~1;
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + even));
}

/** espeak pads each word with silence; the script's times must be those of the sound. */
function trimSilence(samples: Int16Array, threshold = 300): Int16Array {
  const loud = (s: number) => Math.abs(s) > threshold;
  const first = samples.findIndex(loud);
  const last = samples.findLastIndex(loud);
  return first < 0 ? samples.subarray(0, 0) : samples.subarray(first, last + 1);
}
