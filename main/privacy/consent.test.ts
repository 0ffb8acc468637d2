import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSENT_TEXT_VERSION, consentWording } from '../../shared/domain/consent';
import type { App } from '../app/createApp';
import { call } from '../testing/call';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI } from '../testing/fakeOpenAI';
import { makeLiveWebm, tempDir, testApp } from '../testing/fixtures';
import { newSession, processingWhen, recordInterview } from '../testing/interview';
import { scoreReplyFor } from '../testing/scoreReply';

// Consent stored with the session, carried to later sessions only when it covers them, and the
// per-session AI switch: with AI off the pipeline never calls the AI service (loopback server).


let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  expect(fake?.problems ?? []).toEqual([]);
  fake = null;
});

const candidate = (app: App, name = 'Grace Hopper') => call(app, 'candidates:create', { name });
const KEY = 'sk-test-consent';
const accepted = { textVersion: CONSENT_TEXT_VERSION } as const;

describe('consent', () => {
  it('tells the screen what it must say: data folder, AI endpoint from Settings, retention', async () => {
    const app = await testApp();
    const grace = await candidate(app);
    const terms = await call(app, 'consent:terms', { candidateId: grace.id });
    expect(terms).toEqual({
      textVersion: CONSENT_TEXT_VERSION,
      dataDir: app.dataDir,
      aiEndpoint: 'https://api.openai.com/v1',
      retentionDays: null,
      onFile: null,
    });
    const wording = consentWording(terms);
    expect(wording.stored).toContain(app.dataDir);
    expect(wording.ai).toContain('https://api.openai.com/v1');
    expect(wording.retention).toBe('The recording is kept until you delete it.');
    expect(consentWording({ ...terms, aiEndpoint: null, retentionDays: 30 })).toMatchObject({
      ai: expect.stringMatching(/^AI is off/),
      retention: expect.stringContaining('30 days'),
    });

    await call(app, 'settings:update', { ai: { enabled: false } });
    expect((await call(app, 'consent:terms', { candidateId: grace.id })).aiEndpoint).toBeNull();
    expect(await app.dispatch('consent:terms', { candidateId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('stores the consent with the session; a later session carries it only when it covers its AI choice', async () => {
    const app = await testApp();
    const grace = await candidate(app);
    const first = await newSession(app, { candidateId: grace.id, aiProcessing: false, consent: accepted });
    expect(first.session.aiProcessing).toBe(false);
    expect(first.consent).toMatchObject({ textVersion: CONSENT_TEXT_VERSION, aiEndpoint: null, dataDir: app.dataDir, carriedFromSessionId: null });
    expect((await call(app, 'sessions:get', { sessionId: first.session.id })).consent).toEqual(first.consent);

    // AI off again: the earlier consent covers it.
    const second = await newSession(app, { candidateId: grace.id, aiProcessing: false });
    expect(second.consent).toMatchObject({ givenAt: first.consent!.givenAt, carriedFromSessionId: first.session.id });
    // AI on was never agreed to: no consent is carried, the screen must ask.
    const third = await newSession(app, { candidateId: grace.id });
    expect(third.session.aiProcessing).toBe(true);
    expect(third.consent).toBeNull();
    expect((await call(app, 'consent:terms', { candidateId: grace.id })).onFile).toMatchObject({ sessionId: first.session.id, aiEndpoint: null });

    // Practising as yourself needs no consent; with AI off in Settings its AI steps wait until
    // AI is turned on, while a candidate's session is held to what their consent screen said.
    await call(app, 'settings:update', { ai: { enabled: false } });
    const practice = await newSession(app, { consent: accepted });
    expect(practice.consent).toBeNull();
    expect(practice.session.aiProcessing).toBe(true);
    expect((await newSession(app, { candidateId: grace.id, consent: accepted })).session.aiProcessing).toBe(false);
    expect((await newSession(app, { aiProcessing: false })).session.aiProcessing).toBe(false);
  });

  it('with AI off for a session, the pipeline sends nothing of it to the AI service', async () => {
    const source = join(tempDir(), 'live.webm');
    makeLiveWebm(source, 2);
    fake = await startFakeOpenAI();
    const app = await testApp({ runJobs: true });
    await call(app, 'settings:update', { keepMedia: 'original', ai: { baseUrl: fake.baseUrl }, apiKey: KEY });
    const grace = await candidate(app);
    const marks = [{ asked: 100, start: 300, end: 1800 }];

    const off = await recordInterview(app, readFileSync(source), marks, { candidateId: grace.id, aiProcessing: false, consent: accepted });
    const done = await processingWhen(app, off.session.id, (p) => p.jobs.length > 0 && p.jobs.every((j) => j.status === 'succeeded'));
    expect(done.jobs.map((j) => j.kind).sort()).toEqual(['extract_audio', 'thumbnail', 'voice_metrics']);
    expect(done.stages.analysis).toBe('off');
    expect(done.transcript).toBeNull();
    expect(await app.dispatch('processing:rescore', { sessionId: off.session.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'AI processing is off for this interview.' },
    });
    // Only requests with this app's key count: another test process on the machine may reuse a
    // closed server's port for its "unreachable endpoint" and land here.
    const ours = () => fake!.requests.filter((r) => r.authorization === `Bearer ${KEY}`);
    expect(ours().map((r) => `${r.method} ${r.path}`)).toEqual([]);

    // The same app and server with AI on do call it: the silence above is the switch's doing.
    // Scoring follows the transcript; any fitting reply will do, for the questions it asks about.
    fake.setChatReply((request: ChatRequestBody) => {
      const ids = [...request.messages.map((m) => m.content).join('\n').matchAll(/\(questionId: ([^)]+)\)/g)].map((m) => m[1]!);
      return scoreReplyFor('behavioral', ids.map((questionId) => ({ questionId, quote: null })));
    });
    const on = await recordInterview(app, readFileSync(source), marks, { candidateId: grace.id, consent: accepted });
    await processingWhen(app, on.session.id, (p) => p.jobs.some((j) => j.kind === 'transcribe' && j.status === 'succeeded'));
    expect(ours().filter((r) => r.endpoint === 'transcriptions')).not.toHaveLength(0);
    await app.runner.stop();
  }, 90_000);
});
