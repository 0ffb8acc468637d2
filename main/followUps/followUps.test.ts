import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionQuestion } from '../../shared/domain/types';
import type { App } from '../app/createApp';
import { call } from '../testing/call';
import { makeSpokenAudio, startFakeOpenAI, type FakeOpenAI, type SpokenAudio } from '../testing/fakeOpenAI';
import { tempDir, testApp } from '../testing/fixtures';
import { newSession } from '../testing/interview';

// Follow-up questions through the real dispatcher and the real `openai` client against the
// loopback server: the answer's audio (real Opus speech) is transcribed by the fake, which
// hears the words in it; the chat reply decides whether a follow-up comes, and where it goes.

const ANSWER = [['I', 'improved', 'the', 'build'], ['it', 'was', 'much', 'faster']];
const FOLLOW_UP = { needed: true, question: 'How much faster was the build, and how did you measure it?', keywords: ['minutes', 'measurement'] };
/** Short enough for a test, long enough for the loopback server on a loaded machine. */
const TEST_TIMEOUT_MS = 6000;

let speechDir: string;
let speech: SpokenAudio;
let audio: Uint8Array;

// One spoken answer for every test (espeak-ng and ffmpeg take a while).
beforeAll(async () => {
  speechDir = await mkdtemp(join(tmpdir(), 'ir-follow-up-'));
  speech = await makeSpokenAudio(speechDir, ANSWER);
  audio = new Uint8Array(await readFile(speech.file));
}, 60_000);
afterAll(() => rm(speechDir, { recursive: true, force: true }));

describe('follow-up questions', () => {
  let fake: FakeOpenAI;
  let app: App;

  beforeEach(async () => {
    fake = await startFakeOpenAI();
    fake.setTranscript({ kind: 'spoken', referenceAudio: speech.file, words: speech.words });
    fake.setChatReply(FOLLOW_UP);
    app = await testApp({ followUpTimeoutMs: TEST_TIMEOUT_MS });
    await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl }, apiKey: 'sk-test-follow-up' });
  });
  afterEach(async () => {
    expect(fake.problems).toEqual([]);
    await fake.close();
  });

  /** A practice session with follow-ups on whose first question was asked and answered. */
  async function answered(overrides: Parameters<typeof newSession>[1] = {}) {
    const { session, questions } = await newSession(app, { followUps: true, ...overrides });
    await markAnswered(questions[0]!, 1000);
    return { session, questions };
  }

  async function markAnswered(question: SessionQuestion, at: number) {
    for (const [mark, offsetMs] of [['asked', at], ['answerStarted', at + 2000], ['answerEnded', at + 8000]] as const) {
      await call(app, 'questions:mark', { sessionQuestionId: question.id, mark, offsetMs });
    }
  }

  const propose = (sessionQuestionId: string) =>
    call(app, 'followUps:propose', { sessionQuestionId, mimeType: 'audio/ogg;codecs=opus', audio });

  const questionsOf = async (sessionId: string) => (await call(app, 'sessions:get', { sessionId })).questions;

  async function events(sessionId: string) {
    return (await call(app, 'sessions:get', { sessionId })).events.map((e) => e.message);
  }

  it('transcribes the answer and places the follow-up right after it, with the parent’s rules', async () => {
    const { session, questions } = await answered();
    expect(session.followUps).toBe(true);

    const outcome = await propose(questions[0]!.id);
    expect(outcome.note).toBeNull();
    const followUp = outcome.question!;
    expect(followUp).toMatchObject({
      text: FOLLOW_UP.question,
      keywords: FOLLOW_UP.keywords,
      followUpOf: questions[0]!.id,
      position: 1,
      category: questions[0]!.category,
      difficulty: questions[0]!.difficulty,
      thinkTimeMs: questions[0]!.thinkTimeMs,
      answerLimitMs: questions[0]!.answerLimitMs,
      retakesAllowed: questions[0]!.retakesAllowed,
      askedOffsetMs: null,
    });

    // The transcriber got the answer's audio and heard its words; the model got those words.
    const upload = fake.requests.find((r) => r.endpoint === 'transcriptions')!.upload!;
    expect(upload.bytes).toBe(audio.byteLength);
    expect(upload.words).toEqual(ANSWER.flat());
    const chat = fake.requests.find((r) => r.endpoint === 'chat')!.chat!;
    expect(chat.response_format?.json_schema?.name).toBe('follow_up');
    expect(chat.messages.at(-1)!.content).toContain('I improved the build');
    expect(chat.messages.at(-1)!.content).toContain(questions[0]!.text);

    // The session's questions after: the follow-up second, every other one a place further down.
    const after = await questionsOf(session.id);
    expect(after.map((q) => q.id)).toEqual([questions[0]!.id, followUp.id, ...questions.slice(1).map((q) => q.id)]);
    expect(after.map((q) => q.position)).toEqual(after.map((_, i) => i));
    expect(after.filter((q) => q.followUpOf !== null)).toHaveLength(1);

    // Asked, answered and timestamped like any other question.
    await markAnswered(followUp, 10_000);
    const asked = (await questionsOf(session.id))[1]!;
    expect([asked.askedOffsetMs, asked.answerStartedOffsetMs, asked.answerEndedOffsetMs]).toEqual([10_000, 12_000, 18_000]);
    expect(asked.takes).toHaveLength(1);
  });

  it('a follow-up of a later question goes after that one, and asking twice keeps one follow-up', async () => {
    const { session, questions } = await answered();
    const first = (await propose(questions[0]!.id)).question!;
    expect((await propose(questions[0]!.id)).question!.id).toBe(first.id);
    await markAnswered(first, 9000);
    await markAnswered(questions[1]!, 20_000);
    const second = (await propose(questions[1]!.id)).question!;
    expect(second.position).toBe(3);
    const after = await questionsOf(session.id);
    expect(after.map((q) => q.followUpOf)).toEqual([null, questions[0]!.id, null, questions[1]!.id, ...questions.slice(2).map(() => null)]);
    expect(after).toHaveLength(questions.length + 2);
  });

  it('adds nothing when the model says no follow-up is needed', async () => {
    fake.setChatReply({ needed: false, question: '', keywords: [] });
    const { session, questions } = await answered();
    expect(await propose(questions[0]!.id)).toEqual({ question: null, note: null });
    expect(await questionsOf(session.id)).toHaveLength(questions.length);
  });

  it('goes on without one on a malformed reply, a refusal, a service error or a timeout, and logs why', async () => {
    const { session, questions } = await answered();
    const cases = [
      { fault: { kind: 'off_schema', content: { needed: 'maybe' } }, note: /wrong shape/ },
      { fault: { kind: 'off_schema', content: { needed: true, question: '  ', keywords: [] } }, note: /unusable follow-up \(no question\)/ },
      { fault: { kind: 'truncated_json' }, note: /could not be read/ },
      { fault: { kind: 'refusal', text: 'I cannot help with that.' }, note: /declined to write a follow-up: “I cannot help with that\.”/ },
      // Nothing retries a follow-up, so the note never says it will.
      { fault: { kind: 'status', status: 500 }, note: /^No follow-up this time\. The AI service had a problem \(error 500\)\.$/ },
      { fault: { kind: 'hang' }, note: /took too long|did not answer in time/ },
    ] as const;
    for (const { fault, note } of cases) {
      fake.enqueueFault(fault, 'chat');
      const started = Date.now();
      const outcome = await propose(questions[0]!.id);
      expect(outcome.question, fault.kind).toBeNull();
      expect(outcome.note, fault.kind).toMatch(note);
      // The bound holds: a hanging service costs the room at most the time limit (and a little).
      expect(Date.now() - started, fault.kind).toBeLessThan(TEST_TIMEOUT_MS + 2000);
    }
    expect(await questionsOf(session.id)).toHaveLength(questions.length);
    const logged = await events(session.id);
    expect(logged).toHaveLength(cases.length);
    expect(logged.every((m) => m.startsWith('No follow-up question: '))).toBe(true);
    expect(logged).toContain('No follow-up question: The AI service had a problem (error 500); trying again later.');
  });

  it('goes on without one when the transcription fails or hears nothing', async () => {
    const { session, questions } = await answered();
    fake.enqueueFault({ kind: 'status', status: 401 }, 'transcriptions');
    expect((await propose(questions[0]!.id)).note).toMatch(/refused the API key/);
    fake.setTranscript({ kind: 'reply', body: { text: 'no' } });
    expect(await propose(questions[0]!.id)).toEqual({ question: null, note: null });
    fake.setTranscript({ kind: 'reply', body: { words: [] } });
    expect((await propose(questions[0]!.id)).note).toMatch(/unexpected form/);
    expect(fake.requests.filter((r) => r.endpoint === 'chat')).toHaveLength(0);
    expect(await questionsOf(session.id)).toHaveLength(questions.length);
  });

  it('goes on without one when AI is turned off or the service cannot be reached', async () => {
    const { questions } = await answered();
    await call(app, 'settings:update', { ai: { enabled: false } });
    expect((await propose(questions[0]!.id)).note).toMatch(/AI is off/);
    await fake.close();
    await call(app, 'settings:update', { ai: { enabled: true } });
    expect((await propose(questions[0]!.id)).note).toMatch(/cannot be reached/);
    fake = await startFakeOpenAI();
  });

  it('refuses a follow-up to a follow-up, to an unanswered question, and in a session without follow-ups', async () => {
    const { questions } = await answered();
    const followUp = (await propose(questions[0]!.id)).question!;
    await markAnswered(followUp, 9000);
    const refused = async (id: string) => {
      const result = await app.dispatch('followUps:propose', { sessionQuestionId: id, mimeType: 'audio/webm', audio });
      if (result.ok) throw new Error('expected a refusal');
      return result.error;
    };
    expect(await refused(followUp.id)).toMatchObject({ code: 'conflict', message: 'A follow-up question gets no follow-up of its own.' });
    expect(await refused(questions[1]!.id)).toMatchObject({ code: 'conflict', message: 'This question has not been answered yet.' });

    // Assessments, and practice without AI processing, never store the option on.
    const assessment = await newSession(app, { mode: 'assessment', followUps: true });
    const noAi = await newSession(app, { followUps: true, aiProcessing: false });
    expect([assessment.session.followUps, noAi.session.followUps]).toEqual([false, false]);
    await markAnswered(assessment.questions[0]!, 0);
    expect(await refused(assessment.questions[0]!.id)).toMatchObject({ message: 'Follow-up questions are off for this interview.' });

    // Bad payloads are typed errors before anything runs.
    const bad = await app.dispatch('followUps:propose', { sessionQuestionId: questions[0]!.id, mimeType: 'video/webm', audio });
    expect(bad).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    const empty = await app.dispatch('followUps:propose', { sessionQuestionId: questions[0]!.id, mimeType: 'audio/webm', audio: new Uint8Array(0) });
    expect(empty).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    expect(fake.requests.filter((r) => r.endpoint === 'chat')).toHaveLength(1);
  });

  it('a follow-up never asked is dropped when the interview ends, and none is added after', async () => {
    const { session, questions } = await answered();
    const asked = (await propose(questions[0]!.id)).question!;
    await markAnswered(asked, 9000);
    await markAnswered(questions[1]!, 20_000);
    const unasked = (await propose(questions[1]!.id)).question!;
    expect(unasked.position).toBe(3);

    await call(app, 'sessions:finish', { sessionId: session.id, status: 'completed' });
    const after = await questionsOf(session.id);
    expect(after.map((q) => q.id)).toEqual([questions[0]!.id, asked.id, ...questions.slice(1).map((q) => q.id)]);
    expect(after.map((q) => q.position)).toEqual(after.map((_, i) => i));
    // The export carries the link (bundles, JSON and the report are made from these rows).
    const doc = JSON.parse((await call(app, 'share:sessionJson', { sessionId: session.id })).text) as { questions: { id: string; follow_up_of: string | null }[] };
    expect(doc.questions.map((q) => [q.id, q.follow_up_of])).toEqual(after.map((q) => [q.id, q.followUpOf]));
    expect(doc.questions[1]!.follow_up_of).toBe(questions[0]!.id);

    await markAnswered(questions[2]!, 30_000).catch(() => undefined);
    const late = await app.dispatch('followUps:propose', { sessionQuestionId: questions[2]!.id, mimeType: 'audio/webm', audio });
    expect(late).toMatchObject({ ok: false, error: { code: 'conflict', message: 'This interview has already ended.' } });
  });
});

describe('follow-up questions across a crash', () => {
  it('a follow-up written but not yet asked when the app stopped is gone after the restart', async () => {
    const fake = await startFakeOpenAI();
    fake.setTranscript({ kind: 'spoken', referenceAudio: speech.file, words: speech.words });
    fake.setChatReply(FOLLOW_UP);
    const dataDir = tempDir();
    const app = await testApp({ dataDir });
    await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl }, apiKey: 'sk-test-follow-up' });
    const { session, questions } = await newSession(app, { followUps: true });
    for (const [mark, offsetMs] of [['asked', 0], ['answerStarted', 1000], ['answerEnded', 5000]] as const) {
      await call(app, 'questions:mark', { sessionQuestionId: questions[0]!.id, mark, offsetMs });
    }
    const followUp = (await call(app, 'followUps:propose', { sessionQuestionId: questions[0]!.id, mimeType: 'audio/ogg', audio })).question!;
    expect(followUp.position).toBe(1);
    // The app stops before the room asked it; the session is still in progress on disk.
    await app.close();
    await fake.close();

    const restarted = await testApp({ dataDir });
    const detail = await call(restarted, 'sessions:get', { sessionId: session.id });
    expect(detail.session.status).toBe('interrupted');
    expect(detail.questions.map((q) => q.id)).toEqual(questions.map((q) => q.id));
    expect(detail.questions.map((q) => q.position)).toEqual(questions.map((_, i) => i));
    expect(detail.questions[0]!.answerEndedOffsetMs).toBe(5000);
  });
});
