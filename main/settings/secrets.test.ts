import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { call } from '../testing/call';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fakeOpenAI';
import { makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { recordInterview } from '../testing/interview';
import { scoreReplyFor } from '../testing/scoreReply';

// The AI key never reaches the log: not when it is saved, tested, used by the pipeline, refused
// by the server, or sent in a payload that fails validation. The sink sees every line.

const KEY = 'sk-secret-never-logged-4f9c2a';

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('the AI key', () => {
  it('never appears in a log line while it is saved, tested and used', async () => {
    const lines: string[] = [];
    const log = createLogger('test', (line) => lines.push(line));
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 2);
    fake = await startFakeOpenAI();
    // The first transcription is refused (a 401 logs a failure), the retry goes through.
    fake.enqueueFault({ kind: 'status', status: 401 }, 'transcriptions');
    const app = await testApp({ runJobs: true, log, jobs: { baseBackoffMs: 20, maxBackoffMs: 50 } });

    expect(await app.dispatch('settings:update', { apiKey: `${KEY}${'x'.repeat(600)}` })).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    expect(await app.dispatch('settings:update', { apiKey: KEY, allowWeakStorage: 'yes' })).toMatchObject({ ok: false });
    await call(app, 'settings:update', { keepMedia: 'original', ai: { baseUrl: fake.baseUrl }, apiKey: KEY });
    expect(await call(app, 'settings:testAi', undefined)).toMatchObject({ ok: true });

    const { session, questions } = await recordInterview(app, readFileSync(source), [{ asked: 100, start: 300, end: 1800 }]);
    fake.setChatReply(scoreReplyFor('behavioral', questions.map((q) => ({ questionId: q.id, quote: null }))));
    // Through the 401's failure, then again with the same key.
    for (;;) {
      const p = await call(app, 'processing:get', { sessionId: session.id });
      const transcribe = p.jobs.find((j) => j.kind === 'transcribe');
      if (transcribe?.status === 'failed') {
        await call(app, 'jobs:retry', { jobId: transcribe.id });
      }
      if (p.jobs.some((j) => j.kind === 'score' && (j.status === 'succeeded' || j.status === 'failed'))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await app.runner.stop();

    // The key did travel, to the server only.
    expect(fake.requests.filter((r) => r.authorization === `Bearer ${KEY}`).map((r) => r.endpoint)).toEqual(
      expect.arrayContaining(['models', 'transcriptions', 'chat']),
    );
    expect(lines.some((l) => /invalid input/.test(l))).toBe(true);
    expect(lines.some((l) => /WARN/.test(l) && /transcribe|job failed|call failed/.test(l))).toBe(true);
    expect(lines.filter((l) => l.includes(KEY.slice(3)))).toEqual([]);
  }, 90_000);
});
