import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INTERVIEW_TYPES, type InterviewType } from '../../shared/domain/enums';
import { SCORE_DIMENSIONS } from '../../shared/domain/types';
import { startFakeOpenAI, type FakeOpenAI } from '../testing/fakeOpenAI';
import { claim, criteriaFor, questionReply } from '../testing/scoreReply';
import { classifyAiError, createAiClient } from './client';
import { rubricFor } from './rubrics';
import { scoreSession, type ScoreQuestion, type ScoreSegment, type ScoreSessionOptions } from './score';
import { SessionScoreSchema, type ScoreReply } from './scoreSchema';

/** A transcript segment whose words take 300 ms each, back to back. */
function segment(startMs: number, text: string): ScoreSegment {
  const words = text.split(' ').map((word, i) => ({ word, startMs: startMs + i * 300, endMs: startMs + (i + 1) * 300 }));
  return { startMs, endMs: words[words.length - 1]!.endMs, text, words };
}

const CONFLICT = 'In my last job two engineers disagreed about the release plan.';
const MEETING = 'I set up a meeting and we agreed on a staged rollout.';
const BILLING = 'I rebuilt our billing system and cut failures by half.';
const SEGMENTS = [segment(10_000, CONFLICT), segment(14_000, MEETING), segment(40_000, BILLING)];

const QUESTIONS: ScoreQuestion[] = [
  {
    id: 'q1',
    position: 1,
    text: 'Tell me about a time you resolved a conflict in your team.',
    keywords: ['conflict', 'communication'],
    answer: { startMs: 9000, endMs: 30_000 },
    transcript: `${CONFLICT} ${MEETING}`,
  },
  {
    id: 'q2',
    position: 2,
    text: 'Describe a project you are proud of.',
    keywords: [],
    answer: { startMs: 39_000, endMs: 60_000 },
    transcript: BILLING,
  },
  { id: 'q3', position: 3, text: 'Why do you want to work here?', keywords: [], answer: null, transcript: '' },
];

/** A reply the model could give, with quote times only roughly right (those of whole lines). */
function validReply(): ScoreReply {
  return {
    questions: [
      questionReply('behavioral', 'q1', 7, [{ text: 'I set up a meeting', startMs: 14_000, endMs: 17_600 }]),
      questionReply('behavioral', 'q2', 6, [{ text: 'cut failures by half', startMs: 40_000, endMs: 43_000 }]),
      // The model scores the unanswered question anyway.
      questionReply('behavioral', 'q3', 4, []),
    ],
    session: {
      overall: 6.5,
      communication: 7.5,
      technical: 6,
      problemSolving: 7,
      confidence: 6,
      culturalFit: 8,
      summary: 'Good structure, thin results.',
      strengths: [claim('Takes initiative', 'q1', { text: 'I set up a meeting', startMs: 14_000, endMs: 17_600 })],
      improvements: [claim('Quantify results', 'q2', { text: 'rebuilt our billing system', startMs: 40_000, endMs: 43_000 })],
      recommendations: [claim('End each story with the result', 'q1', { text: 'agreed on a staged rollout', startMs: 14_000, endMs: 17_600 })],
      suggestedDecision: 'passed',
    },
  };
}

let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI();
});

afterEach(async () => {
  await fake.close();
  expect(fake.problems).toEqual([]);
});

function options(extra: Partial<ScoreSessionOptions> = {}): ScoreSessionOptions {
  return {
    client: createAiClient({ baseUrl: fake.baseUrl, apiKey: 'sk-test' }),
    model: 'gpt-4o-mini',
    interviewType: 'behavioral',
    jobTitle: 'Engineering manager',
    questions: QUESTIONS,
    transcriptSegments: SEGMENTS,
    ...extra,
  };
}

async function scoreError(extra: Partial<ScoreSessionOptions> = {}): Promise<unknown> {
  return scoreSession(options(extra)).then(
    () => null,
    (e: unknown) => e,
  );
}

describe('scoreSession', () => {
  it('uses a valid reply: our weights and weighted score, quotes placed on their words', async () => {
    fake.setChatReply(validReply());
    const score = await scoreSession(options());

    expect(SessionScoreSchema.parse(score)).toEqual(score);
    const weights = rubricFor('behavioral').weights;
    expect(score.session.weights).toEqual(weights);
    // 0.25 × 7.5 + 0.1 × 6 + 0.25 × 7 + 0.15 × 6 + 0.25 × 8 = 7.125
    expect(score.session.weightedOverall).toBe(7.1);
    expect(score.session.overall).toBe(6.5);
    expect(score.questions.map((q) => [q.questionId, q.score])).toEqual([['q1', 7], ['q2', 6], ['q3', 0]]);
    // "I set up a meeting" is words 0-4 of the line at 14 s: 14 000 to 15 500.
    expect(score.questions[0]!.quotes).toEqual([{ text: 'I set up a meeting', startMs: 14_000, endMs: 15_500 }]);
    expect(score.session.recommendations[0]!.quote).toEqual({
      text: 'agreed on a staged rollout',
      startMs: 16_100,
      endMs: 17_600,
    });
    expect(score.questions[0]!.criteria.map((c) => [c.criterion, c.label])).toEqual([
      ['situation', 'Situation'],
      ['task', 'Task'],
      ['action', 'Action'],
      ['result', 'Result'],
    ]);
    expect(score.evidence).toEqual({ quotesChecked: 5, quotesDropped: 0 });
    expect(score.session.suggestedDecision).toBe('passed');

    const [request] = fake.requests;
    expect(request!.model).toBe('gpt-4o-mini');
    expect(request!.chat!.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'interview_score', strict: true },
    });
  });

  it('shows the model each answer with its times and says which were not answered', async () => {
    fake.setChatReply(validReply());
    await scoreSession(options());
    const user = fake.requests[0]!.chat!.messages.find((m) => m.role === 'user')!.content;
    expect(user).toContain(`[10000-13300] ${CONFLICT}`);
    expect(user).toContain(`[14000-17600] ${MEETING}`);
    expect(user).toContain('Expected keywords: conflict, communication');
    expect(user).toMatch(/### Question 3 \(questionId: q3\)\nWhy do you want to work here\?\nNot answered\./);
    expect(user).not.toMatch(/Question 2[^#]*In my last job/);
  });

  it('tells the model which question follows up on which answer', async () => {
    fake.setChatReply(validReply());
    await scoreSession(options({ questions: QUESTIONS.map((q) => (q.id === 'q2' ? { ...q, followUpTo: 1 } : q)) }));
    const user = fake.requests[0]!.chat!.messages.find((m) => m.role === 'user')!.content;
    expect(user).toMatch(/### Question 2 \(questionId: q2, a follow-up to question 1\)\n/);
    expect(user).toMatch(/### Question 1 \(questionId: q1\)\n/);
  });

  it('rejects scores out of range, for a retry', async () => {
    fake.setChatReply(validReply());
    fake.enqueueFault({ kind: 'scores_out_of_range' });
    expect(classifyAiError(await scoreError())).toEqual({
      kind: 'retry',
      retryAfterMs: null,
      message: 'The AI service sent scores that are incomplete or out of range.',
    });
  });

  it('rejects a reply with missing fields from a server that ignores strict mode', async () => {
    const { session: _dropped, ...withoutSession } = validReply();
    fake.enqueueFault({ kind: 'off_schema', content: withoutSession });
    expect(classifyAiError(await scoreError())).toMatchObject({ kind: 'retry', message: /incomplete or out of range/ });
  });

  it('rejects a truncated reply, for a retry', async () => {
    fake.setChatReply(validReply());
    fake.enqueueFault({ kind: 'truncated_json' });
    expect(classifyAiError(await scoreError())).toMatchObject({
      kind: 'retry',
      message: 'The AI service sent a reply that could not be read.',
    });
  });

  it('fails for good when the model refuses, saying so', async () => {
    fake.enqueueFault({ kind: 'refusal', text: 'I cannot evaluate people.' });
    expect(classifyAiError(await scoreError())).toEqual({
      kind: 'fatal',
      message: 'The AI service declined to score this interview: “I cannot evaluate people.”',
    });
  });

  it('drops the claims whose quotes are not in the answer, and counts them', async () => {
    const reply = validReply();
    reply.questions[0]!.quotes.push({ text: 'I fired both engineers on the spot', startMs: 14_000, endMs: 17_000 });
    // Real words, but from another answer than the one the claim names.
    reply.session.strengths.push(claim('Delivers', 'q1', { text: 'cut failures by half', startMs: 40_000, endMs: 43_000 }));
    reply.session.improvements.push(claim('Too short', 'q3', { text: 'no answer given here', startMs: 0, endMs: 1 }));
    fake.setChatReply(reply);

    const score = await scoreSession(options());
    expect(score.questions[0]!.quotes.map((q) => q.text)).toEqual(['I set up a meeting']);
    expect(score.session.strengths.map((s) => s.text)).toEqual(['Takes initiative']);
    expect(score.session.improvements.map((s) => s.text)).toEqual(['Quantify results']);
    expect(score.evidence).toEqual({ quotesChecked: 8, quotesDropped: 3 });
  });

  it('rejects a reply none of whose quotes is in the transcript, or that quotes nothing', async () => {
    const invented = validReply();
    const { strengths, improvements, recommendations } = invented.session;
    const quotes = [
      ...invented.questions.flatMap((q) => q.quotes),
      ...[...strengths, ...improvements, ...recommendations].map((c) => c.quote),
    ];
    for (const quote of quotes) quote.text = 'words nobody ever said';
    fake.setChatReply(invented);
    expect(classifyAiError(await scoreError())).toMatchObject({
      kind: 'retry',
      message: 'None of the quotes in the AI reply could be found in the transcript.',
    });

    const silent = validReply();
    for (const q of silent.questions) q.quotes = [];
    silent.session.strengths = [];
    silent.session.improvements = [];
    silent.session.recommendations = [];
    fake.setChatReply(silent);
    expect(classifyAiError(await scoreError())).toMatchObject({
      kind: 'retry',
      message: 'The AI reply did not quote the answers to support its scores.',
    });
  });

  it('rejects a reply that leaves a question out', async () => {
    const reply = validReply();
    reply.questions.pop();
    fake.setChatReply(reply);
    expect(classifyAiError(await scoreError())).toMatchObject({
      kind: 'retry',
      message: 'The AI reply did not score every question exactly once.',
    });
  });

  it('sends a "passed" that our weighted score contradicts to a human', async () => {
    const reply = validReply();
    Object.assign(reply.session, { communication: 3, technical: 3, problemSolving: 4, confidence: 3, culturalFit: 4 });
    fake.setChatReply(reply);
    const score = await scoreSession(options());
    expect(score.session.weightedOverall).toBe(3.5);
    expect(score.session.suggestedDecision).toBe('needs_review');
  });

  it('judges by the rubric of the interview type', async () => {
    const prompts = new Map<InterviewType, { system: string; criteria: string[] }>();
    for (const interviewType of ['behavioral', 'technical', 'visa_f1', 'visa_h1b'] as const) {
      const reply = validReply();
      for (const q of reply.questions) q.criteria = criteriaFor(interviewType);
      fake.setChatReply(reply);
      const score = await scoreSession(options({ interviewType }));
      const request = fake.requests.at(-1)!.chat!;
      const schema = request.response_format!.json_schema!.schema as {
        properties: { questions: { items: { properties: { criteria: { required: string[] } } } } };
      };
      prompts.set(interviewType, {
        system: request.messages.find((m) => m.role === 'system')!.content,
        criteria: schema.properties.questions.items.properties.criteria.required,
      });
      expect(score.session.weights).toEqual(rubricFor(interviewType).weights);
    }
    const behavioral = prompts.get('behavioral')!;
    expect(behavioral.system).toMatch(/STAR/);
    expect(behavioral.criteria).toEqual(['situation', 'task', 'action', 'result']);
    expect(prompts.get('technical')!.system).toMatch(/correctness.*depth.*trade-offs/s);
    const f1 = prompts.get('visa_f1')!;
    expect(f1.system).toMatch(/ties to the home country/i);
    expect(f1.system).not.toMatch(/STAR/);
    expect(f1.criteria).toEqual(['clarity', 'consistency', 'purpose', 'funding', 'ties']);
    const h1b = prompts.get('visa_h1b')!;
    expect(h1b.criteria).toEqual(['clarity', 'consistency', 'employer', 'role', 'qualification']);
    expect(h1b.system).toMatch(/Ties to the home country are not required/);
    expect(behavioral.system).toContain('Engineering manager');
  });
});

describe('rubrics', () => {
  it('has weights that sum to 1 and distinct criteria for every interview type', () => {
    for (const interviewType of INTERVIEW_TYPES) {
      const rubric = rubricFor(interviewType);
      const total = SCORE_DIMENSIONS.reduce((sum, d) => sum + rubric.weights[d], 0);
      expect(total, interviewType).toBeCloseTo(1, 10);
      const ids = rubric.criteria.map((c) => c.id);
      expect(new Set(ids).size, interviewType).toBe(ids.length);
      expect(Object.keys(rubric.dimensions).sort()).toEqual([...SCORE_DIMENSIONS].sort());
    }
    expect(rubricFor('technical').weights.technical).toBeGreaterThan(rubricFor('hr').weights.technical);
  });
});
