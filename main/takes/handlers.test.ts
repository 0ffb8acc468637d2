import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/fixtures';
import { newSession } from '../testing/interview';

// takes:metrics through the real dispatcher: bad requests get a typed error, never a stack.

describe('takes:metrics', () => {
  it('answers an unknown question with not_found and a question without a recording with conflict', async () => {
    const app = await testApp({ runJobs: false });
    const { questions } = await newSession(app);
    expect(await app.dispatch('takes:metrics', { sessionQuestionId: randomUUID() })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That question is not part of any interview.' },
    });
    expect(await app.dispatch('takes:metrics', { sessionQuestionId: questions[0]!.id })).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'This interview has no finished recording to measure the takes on.' },
    });
  });
});
