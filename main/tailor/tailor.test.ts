import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GeneratedQuestion } from '../../shared/domain/types';
import type { CallInput } from '../../shared/ipc/contract';
import type { App } from '../app/createApp';
import { call } from '../testing/call';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fakeOpenAI';
import { testApp } from '../testing/fixtures';

// Tailored questions through the real dispatcher and the real `openai` client, against the
// loopback OpenAI-compatible server; then a session made of the reviewed questions.

const RESUME = 'Jordan Lee. Led the migration of the billing service to Kafka, cutting latency by 40%.';
const POSTING = 'Acme is hiring a Staff Engineer to own event streaming and mentor four engineers.';

const QUESTIONS: GeneratedQuestion[] = [
  {
    text: 'Walk me through the billing migration to Kafka. How did you measure the 40% latency cut?',
    category: 'Resume deep-dive',
    difficulty: 'medium',
    keywords: ['Kafka', 'latency', 'measurement'],
    lookFor: 'Concrete numbers and their own part in the work.',
    basis: 'resume',
  },
  {
    text: 'How would you plan the first three months of mentoring four engineers here?',
    category: 'Leadership',
    difficulty: 'hard',
    keywords: ['mentoring', 'goals', 'feedback'],
    lookFor: 'A plan with goals per person and a way to check progress.',
    basis: 'job',
  },
];

function request(overrides: Partial<CallInput<'questions:generate'>> = {}): CallInput<'questions:generate'> {
  return {
    requestId: randomUUID(),
    interviewType: 'technical',
    jobTitle: 'Staff Engineer',
    company: 'Acme',
    experienceLevel: 'senior',
    jobDescription: POSTING,
    resumeText: RESUME,
    count: 2,
    ...overrides,
  };
}

async function failure(app: App, input: CallInput<'questions:generate'>) {
  const result = await app.dispatch('questions:generate', input);
  if (result.ok) throw new Error('expected questions:generate to fail');
  return result.error;
}

describe('tailored questions', () => {
  let fake: FakeOpenAI;
  let app: App;

  beforeEach(async () => {
    fake = await startFakeOpenAI();
    app = await testApp();
    await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl }, apiKey: 'sk-test-tailor' });
    fake.setChatReply({ questions: QUESTIONS });
  });
  afterEach(async () => {
    expect(fake.problems).toEqual([]);
    await fake.close();
  });

  it('writes questions from the resume and the job, and a session is made of the edited ones', async () => {
    const questions = await call(app, 'questions:generate', request());
    expect(questions).toEqual(QUESTIONS);

    const [sent] = fake.requests;
    expect(sent?.authorization).toBe('Bearer sk-test-tailor');
    expect(sent?.model).toBe('gpt-4o-mini');
    expect(sent?.chat?.response_format?.json_schema?.name).toBe('interview_questions');
    const prompt = sent?.chat?.messages.map((m) => m.content).join('\n') ?? '';
    expect(prompt).toContain(RESUME);
    expect(prompt).toContain(POSTING);
    expect(prompt).toContain('exactly 2 interview questions');

    // The user edits the first, drops nothing, swaps the order.
    const edited = [QUESTIONS[1]!, { ...QUESTIONS[0]!, text: 'Tell me about the Kafka migration.' }].map(
      ({ text, category, difficulty, keywords, lookFor }) => ({ text, category, difficulty, keywords, lookFor }),
    );
    const me = await call(app, 'candidates:ensureSelf', undefined);
    const detail = await call(app, 'sessions:create', {
      candidateId: me.id,
      interviewType: 'technical',
      mode: 'practice',
      jobTitle: 'Staff Engineer',
      jobDescription: POSTING,
      resumeFileName: 'Jordan Lee.pdf',
      resumeText: RESUME,
      questionSetId: 'technical',
      avatar: 'ava',
      avatarSettings: { voiceName: null, rate: 1, captions: true, speech: false },
      environment: { userAgent: 'test', camera: null, microphone: null, resolution: null },
      questions: edited,
    });
    expect(detail.questions.map((q) => [q.position, q.text, q.category, q.difficulty, q.keywords])).toEqual([
      [0, QUESTIONS[1]!.text, 'Leadership', 'hard', ['mentoring', 'goals', 'feedback']],
      [1, 'Tell me about the Kafka migration.', 'Resume deep-dive', 'medium', ['Kafka', 'latency', 'measurement']],
    ]);
    const stored = await call(app, 'sessions:get', { sessionId: detail.session.id });
    expect(stored.session).toMatchObject({ resumeFileName: 'Jordan Lee.pdf', resumeText: RESUME, jobDescription: POSTING });
    expect(stored.questions).toHaveLength(2);
  });

  it('works from a job description alone', async () => {
    fake.setChatReply({ questions: [QUESTIONS[1]] });
    const questions = await call(app, 'questions:generate', request({ resumeText: null, count: 3 }));
    expect(questions).toHaveLength(1);
    const prompt = fake.requests[0]?.chat?.messages.map((m) => m.content).join('\n') ?? '';
    expect(prompt).not.toContain('<resume>');
    expect(prompt).toContain('Test the requirements of the job description.');
  });

  it('works from a resume alone', async () => {
    fake.setChatReply({ questions: [QUESTIONS[0]] });
    await call(app, 'questions:generate', request({ jobDescription: '', count: 1 }));
    const prompt = fake.requests[0]?.chat?.messages.map((m) => m.content).join('\n') ?? '';
    expect(prompt).not.toContain('<job_description>');
    expect(prompt).toContain('Probe specific claims of the resume');
  });

  it('refuses to start with neither a resume nor a job description', async () => {
    const error = await failure(app, request({ resumeText: '  ', jobDescription: null }));
    expect(error.code).toBe('ipc/invalid_input');
    expect(error.message).toContain('Add a resume or a job description first');
    expect(fake.requests).toHaveLength(0);
  });

  it('says so when AI is off', async () => {
    await call(app, 'settings:update', { ai: { enabled: false } });
    const error = await failure(app, request());
    expect(error).toEqual({
      code: 'ai/not_configured',
      message: 'AI is off, or no API key is stored. Set up AI in Settings, or choose a built-in question set.',
    });
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects replies that are out of shape, cut short, too long or refused', async () => {
    fake.enqueueFault({ kind: 'off_schema', content: { questions: [{ text: 'Why us?' }] } });
    expect(await failure(app, request())).toEqual({ code: 'ai/failed', message: 'The AI service sent questions in the wrong shape.' });

    fake.enqueueFault({ kind: 'off_schema', content: 'Here are some questions: 1. Why us?' });
    expect((await failure(app, request())).message).toBe('The AI service sent a reply that could not be read.');

    fake.enqueueFault({ kind: 'truncated_json' });
    expect((await failure(app, request())).message).toBe('The AI service sent a reply that could not be read.');

    fake.enqueueFault({ kind: 'off_schema', content: { questions: [...QUESTIONS, { ...QUESTIONS[0]!, text: 'A third one?' }] } });
    expect((await failure(app, request())).message).toBe('The AI service sent unusable questions (3 instead of 2).');

    fake.enqueueFault({ kind: 'off_schema', content: { questions: [QUESTIONS[0], { ...QUESTIONS[1]!, keywords: [' '] }] } });
    expect((await failure(app, request())).message).toBe('The AI service sent unusable questions (a question has no usable keywords).');

    fake.enqueueFault({ kind: 'refusal', text: 'I cannot help with that request.' });
    expect(await failure(app, request())).toEqual({
      code: 'ai/failed',
      message: 'The AI service declined to write questions: “I cannot help with that request.”',
    });

    fake.enqueueFault({ kind: 'status', status: 401 });
    expect((await failure(app, request())).message).toBe('The AI service refused the API key. Check the key in Settings.');
    expect(fake.requests).toHaveLength(7);
  });

  it('cancels a request the service is slow to answer', async () => {
    fake.enqueueFault({ kind: 'hang' });
    const input = request();
    const pending = failure(app, input);
    await expect.poll(() => fake.requests.length).toBe(1);
    await call(app, 'questions:cancelGenerate', { requestId: input.requestId });
    expect(await pending).toEqual({ code: 'ai/failed', message: 'The AI request was cancelled.' });
    // The same id may be used again once the first request has ended.
    expect(await call(app, 'questions:generate', input)).toHaveLength(2);
  });

  it('reads an uploaded file over IPC and refuses one over the size cap', async () => {
    const text = await call(app, 'documents:extractText', { fileName: 'cv.txt', bytes: new TextEncoder().encode(RESUME) });
    expect(text).toEqual({ fileName: 'cv.txt', text: RESUME, truncated: false });
    const big = await app.dispatch('documents:extractText', { fileName: 'cv.txt', bytes: new Uint8Array(10 * 1024 * 1024 + 1) });
    expect(big).toEqual({ ok: false, error: { code: 'ipc/invalid_input', message: 'The request was not valid: The file is larger than 10 MB (bytes).' } });
    const wrong = await app.dispatch('documents:extractText', { fileName: 'cv.exe', bytes: new Uint8Array([1]) });
    expect(wrong.ok ? null : wrong.error.code).toBe('document/unsupported');
  });
});
