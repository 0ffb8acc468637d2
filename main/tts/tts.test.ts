import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TTS_MODEL } from '../../shared/domain/voices';
import { call } from '../testing/call';
import { startFakeOpenAI } from '../testing/fakeOpenAI';
import { ffprobeJson, testApp } from '../testing/fixtures';
import { serveMedia, TTS_CACHE_DIR } from '../media/mediaFiles';

// OpenAI voices for the interviewer: real MP3s from the loopback server through the real
// `openai` client, cached in the data folder and served like recordings.

const QUESTION = 'Tell me about a time you disagreed with your manager.';

async function setUp() {
  const fake = await startFakeOpenAI();
  const app = await testApp();
  await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl }, apiKey: 'sk-test-tts' });
  return { fake, app };
}

describe('tts:speak', () => {
  it('makes the speech once, then serves it from the cache with the service down', async () => {
    const { fake, app } = await setUp();
    const first = await call(app, 'tts:speak', { text: QUESTION, voice: 'nova' });
    expect(first.cached).toBe(false);
    expect(first.url).toMatch(new RegExp(`^media://local/${TTS_CACHE_DIR}/[0-9a-f]{64}\\.mp3$`));
    expect(fake.requests.map((r) => r.speech)).toEqual([
      { model: TTS_MODEL, voice: 'nova', input: QUESTION, format: 'mp3', durationMs: QUESTION.length * 60 },
    ]);
    const path = first.url.slice('media://local/'.length);
    const info = ffprobeJson(join(app.dataDir, path));
    expect(info.streams.map((s) => s.codec_name)).toEqual(['mp3']);
    expect(Number(info.format.duration) * 1000).toBeGreaterThan(QUESTION.length * 60 - 100);
    expect(fake.problems).toEqual([]);

    // Asked twice at once (the room's prefetch and its first question): one request, one file.
    const [a, b] = await Promise.all([
      call(app, 'tts:speak', { text: 'Why this company?', voice: 'nova' }),
      call(app, 'tts:speak', { text: 'Why this company?', voice: 'nova' }),
    ]);
    expect(a).toEqual(b);
    expect(fake.requests).toHaveLength(2);
    await fake.close();

    const again = await call(app, 'tts:speak', { text: QUESTION, voice: 'nova' });
    expect(again).toEqual({ url: first.url, cached: true });
    const served = await serveMedia(app.dataDir, path, 'bytes=0-99');
    expect(served.status).toBe(206);
    expect(served.headers['Content-Type']).toBe('audio/mpeg');
    served.body?.destroy();

    // Another voice is another file: not cached, and the service cannot be reached.
    const other = await app.dispatch('tts:speak', { text: QUESTION, voice: 'onyx' });
    expect(other).toEqual({
      ok: false,
      error: { code: 'ai/failed', message: 'The AI service cannot be reached; waiting for the network.' },
    });
    expect((await readdir(join(app.dataDir, TTS_CACHE_DIR))).sort()).toEqual(
      [path.split('/')[1], a.url.split('/').at(-1)].sort(),
    );
  });

  it('stores nothing when the service fails, and says when AI is off', async () => {
    const { fake, app } = await setUp();
    fake.enqueueFault({ kind: 'status', status: 500 }, 'speech');
    const failed = await app.dispatch('tts:speak', { text: QUESTION, voice: 'alloy' });
    expect(failed.ok ? null : failed.error).toEqual({
      code: 'ai/failed',
      message: 'The AI service had a problem (error 500); trying again later.',
    });
    expect(await readdir(join(app.dataDir, TTS_CACHE_DIR)).catch(() => [])).toEqual([]);

    await call(app, 'settings:update', { ai: { enabled: false } });
    const off = await app.dispatch('tts:speak', { text: QUESTION, voice: 'alloy' });
    expect(off.ok ? null : off.error.code).toBe('ai/not_configured');
    await fake.close();
  });

  it('serves only the cache folder and recordings, never a path out of them', async () => {
    const { fake, app } = await setUp();
    await fake.close();
    for (const bad of [`${TTS_CACHE_DIR}/../interview-recorder.sqlite`, `${TTS_CACHE_DIR}/x.sqlite`, 'backups/a.mp3']) {
      expect((await serveMedia(app.dataDir, bad, null)).status).toBe(404);
    }
    const tooLong = await app.dispatch('tts:speak', { text: 'x'.repeat(1001), voice: 'alloy' });
    expect(tooLong.ok ? null : tooLong.error.code).toBe('ipc/invalid_input');
  });
});
