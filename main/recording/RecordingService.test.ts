import { existsSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelResult } from '../testing/call';
import { call } from '../testing/call';
import { ffprobeJson, makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { newSession } from '../testing/interview';

// The recording path end to end in main, through the IPC dispatcher: start, chunks, stop,
// seekable file; and recovery of a recording cut off by a crash. Real SQLite, real ffmpeg.

const CHUNK = 16 * 1024;

function chunksOf(file: string): Uint8Array[] {
  const data = readFileSync(file);
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += CHUNK) out.push(new Uint8Array(data.subarray(i, i + CHUNK)));
  return out;
}

describe('RecordingService', () => {
  it('streams chunks to disk and stop yields a seekable WebM with duration and codecs', async () => {
    const app = await testApp();
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 4);
    expect(ffprobeJson(source).format.duration).toBeUndefined();

    const { session } = await newSession(app);
    const recording = await call(app, 'recording:start', { sessionId: session.id, mimeType: 'video/webm;codecs=vp8,opus', width: 320, height: 240 });
    expect(recording.status).toBe('recording');
    const chunks = chunksOf(source);
    for (const [seq, bytes] of chunks.entries()) {
      const r = await call(app, 'recording:appendChunk', { recordingId: recording.id, seq, bytes });
      expect(r.ignored).toBe(false);
    }
    const capture = join(app.dataDir, recording.path);
    expect(statSync(capture).size).toBe(statSync(source).size);

    const done = await call(app, 'recording:stop', { recordingId: recording.id });
    expect(done).toMatchObject({ status: 'finalized', codecs: 'vp8,opus', width: 320, height: 240, error: null });
    expect(done.durationMs).toBeGreaterThan(3500);
    expect(done.durationMs).toBeLessThan(4500);
    expect(done.path).toBe(`recordings/${session.id}/${recording.id}.webm`);
    const probe = ffprobeJson(join(app.dataDir, done.path));
    expect(Number(probe.format.duration)).toBeCloseTo(4, 0);
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(existsSync(capture)).toBe(false);

    const finished = await call(app, 'sessions:finish', { sessionId: session.id, status: 'completed' });
    expect(finished.session.status).toBe('completed');
    expect(finished.session.completedAt).not.toBeNull();
    expect(finished.session.durationMs).toBe(done.durationMs);
  });

  it('recovers a recording cut off by a crash: interrupted, playable up to the cut, questions kept', async () => {
    const dataDir = tempDir();
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 6);
    let clock = 10_000;
    const first = await testApp({ dataDir, clock: { now: () => clock }, fsyncIntervalMs: 0 });
    const { session, questions } = await newSession(first);
    const recording = await call(first, 'recording:start', { sessionId: session.id, mimeType: 'video/webm' });
    await call(first, 'questions:mark', { sessionQuestionId: questions[0]!.id, mark: 'asked', offsetMs: 100 });
    await call(first, 'questions:mark', { sessionQuestionId: questions[0]!.id, mark: 'answerStarted', offsetMs: 1500 });
    const chunks = chunksOf(source);
    const kept = Math.ceil(chunks.length * 0.6);
    for (let seq = 0; seq < kept; seq++) {
      clock += 500;
      await call(first, 'recording:appendChunk', { recordingId: recording.id, seq, bytes: chunks[seq]! });
    }
    const lastChunkAt = clock;
    // The crash: the process is gone without stop; its last write was torn mid-chunk.
    const capture = join(dataDir, recording.path);
    truncateSync(capture, statSync(capture).size - 1234);

    clock += 60_000;
    const second = await testApp({ dataDir, clock: { now: () => clock } });
    expect(second.recoveredSessionIds).toEqual([session.id]);
    const detail = await call(second, 'sessions:get', { sessionId: session.id });
    expect(detail.session.status).toBe('interrupted');
    expect(detail.session.completedAt).toBeNull();
    expect(detail.recording).toMatchObject({ status: 'finalized', interruptedAt: lastChunkAt });
    expect(detail.recording!.durationMs).toBeGreaterThan(2000);
    expect(detail.recording!.durationMs).toBeLessThan(6000);
    expect(detail.session.durationMs).toBe(detail.recording!.durationMs);
    const probe = ffprobeJson(join(dataDir, detail.recording!.path));
    expect(Number(probe.format.duration) * 1000).toBeCloseTo(detail.recording!.durationMs!, -2);
    expect(detail.questions[0]).toMatchObject({ askedOffsetMs: 100, answerStartedOffsetMs: 1500, responseTimeMs: 1400 });
    expect(detail.events.map((e) => e.kind)).toContain('recovered');

    // A late chunk from the old page is refused with a sentence, not a crash.
    const late: ChannelResult = await second.dispatch('recording:appendChunk', { recordingId: recording.id, seq: kept, bytes: chunks[kept]! });
    expect(late).toMatchObject({ ok: false, error: { code: 'recording/closed' } });
    await first.close();
  });

  it('refuses to start with too little disk space, and signals low space while recording', async () => {
    let free = 100 * 1024 * 1024;
    let clock = 0;
    const events: unknown[] = [];
    const app = await testApp({
      freeBytes: async () => free,
      clock: { now: () => clock },
      disk: { minFreeToStart: 500 * 1024 * 1024, minFreeWhileRecording: 200 * 1024 * 1024, checkIntervalMs: 1000 },
    });
    app.hub.subscribe((name, payload) => events.push({ name, payload }));
    const { session } = await newSession(app);
    const refused = await app.dispatch('recording:start', { sessionId: session.id, mimeType: 'video/webm' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'disk/low' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/100 MB free/);

    free = 800 * 1024 * 1024;
    const recording = await call(app, 'recording:start', { sessionId: session.id, mimeType: 'video/webm' });
    clock += 1500;
    expect((await call(app, 'recording:appendChunk', { recordingId: recording.id, seq: 0, bytes: new Uint8Array(10) })).diskLow).toBe(false);
    free = 150 * 1024 * 1024;
    clock += 1500;
    expect((await call(app, 'recording:appendChunk', { recordingId: recording.id, seq: 1, bytes: new Uint8Array(10) })).diskLow).toBe(true);
    expect(events).toEqual([{ name: 'recording:onDiskLow', payload: { recordingId: recording.id, freeBytes: free } }]);
    const detail = await call(app, 'sessions:get', { sessionId: session.id });
    expect(detail.events.find((e) => e.kind === 'disk')?.message).toMatch(/150 MB/);
  });

  it('keeps a recording when ffmpeg is missing, and finalizes it once ffmpeg is there', async () => {
    const env: NodeJS.ProcessEnv = { PATH: '' };
    const app = await testApp({ env });
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 2);
    const { session } = await newSession(app);
    const recording = await call(app, 'recording:start', { sessionId: session.id, mimeType: 'video/webm' });
    for (const [seq, bytes] of chunksOf(source).entries()) {
      await call(app, 'recording:appendChunk', { recordingId: recording.id, seq, bytes });
    }
    const stopped = await call(app, 'recording:stop', { recordingId: recording.id });
    expect(stopped.status).toBe('recorded');
    expect(stopped.error).toMatch(/ffmpeg was not found/);
    expect((await call(app, 'app:info', undefined)).ffmpeg.available).toBe(false);
    env.PATH = process.env.PATH;
    const finalized = await call(app, 'recording:finalize', { recordingId: recording.id });
    expect(finalized.status).toBe('finalized');
  });

  it('marks a corrupt capture failed with a readable reason and keeps the file', async () => {
    const app = await testApp();
    const { session } = await newSession(app);
    const recording = await call(app, 'recording:start', { sessionId: session.id, mimeType: 'video/webm' });
    await call(app, 'recording:appendChunk', { recordingId: recording.id, seq: 0, bytes: new TextEncoder().encode('not a webm at all') });
    const stopped = await call(app, 'recording:stop', { recordingId: recording.id });
    expect(stopped.status).toBe('failed');
    expect(stopped.error).toBe('The recording could not be made seekable.');
    expect(existsSync(join(app.dataDir, recording.path))).toBe(true);
  });
});
