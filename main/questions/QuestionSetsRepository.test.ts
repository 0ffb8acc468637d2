import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallInput } from '../../shared/ipc/contract';
import { call } from '../testing/call';
import { testApp } from '../testing/fixtures';

// Custom question sets through the real dispatcher (zod validation included) on a real SQLite
// file: built-in sets stay read-only, custom ones round-trip, and sessions keep their own copy.

const mine = (overrides: Partial<CallInput<'questionSets:create'>> = {}): CallInput<'questionSets:create'> => ({
  name: 'Platform team',
  interviewType: 'technical',
  description: 'For the platform role.',
  instructions: 'Take your time; think aloud.',
  questions: [
    { text: 'How do you roll out a schema change?', category: 'databases', difficulty: 'hard', keywords: ['expand', 'contract'], lookFor: 'Backward compatibility.', thinkTimeMs: 2000, answerLimitMs: 90_000, retakesAllowed: 1 },
    { text: 'What makes a good on-call rotation?', category: 'operations', difficulty: 'medium', keywords: [] },
    { text: 'Tell me about an outage you handled.', category: 'incidents', difficulty: 'easy', keywords: ['timeline'] },
  ],
  ...overrides,
});

async function sessionFor(app: Awaited<ReturnType<typeof testApp>>, questionSetId: string, mode: 'practice' | 'assessment' = 'practice') {
  const me = await call(app, 'candidates:ensureSelf', undefined);
  return call(app, 'sessions:create', {
    candidateId: me.id,
    interviewType: 'technical',
    mode,
    jobTitle: 'Engineer',
    questionSetId,
    avatar: 'ava',
    avatarSettings: { voiceName: null, rate: 1, captions: true, speech: false },
    environment: { userAgent: 'test', camera: null, microphone: null, resolution: null },
  });
}

describe('question sets', () => {
  it('lists the built-in sets first, read-only, then custom ones by name', async () => {
    const app = await testApp();
    const builtIns = await call(app, 'questionSets:list', undefined);
    expect(builtIns.length).toBe(7);
    expect(builtIns.every((s) => s.builtIn && s.questions.every((q) => q.thinkTimeMs === 0 && q.answerLimitMs === null))).toBe(true);
    await call(app, 'questionSets:create', mine({ name: 'zeta' }));
    await call(app, 'questionSets:create', mine({ name: 'Alpha' }));
    const all = await call(app, 'questionSets:list', undefined);
    expect(all.slice(7).map((s) => [s.name, s.builtIn])).toEqual([
      ['Alpha', false],
      ['zeta', false],
    ]);
    const behavioral = builtIns.find((s) => s.id === 'behavioral')!;
    const refused = await app.dispatch('questionSets:update', { questionSetId: behavioral.id, set: mine() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } }); // built-in ids are not uuids
    await expect(call(app, 'questionSets:get', { questionSetId: 'behavioral' })).resolves.toMatchObject({ builtIn: true });
  });

  it('creates, reads back, updates (keeping question ids) and deletes a custom set', async () => {
    const app = await testApp();
    const created = await call(app, 'questionSets:create', mine());
    expect(created).toMatchObject({ name: 'Platform team', builtIn: false, copiedFrom: null, instructions: 'Take your time; think aloud.' });
    expect(created.questions.map((q) => [q.text, q.thinkTimeMs, q.answerLimitMs, q.retakesAllowed, q.lookFor])).toEqual([
      ['How do you roll out a schema change?', 2000, 90_000, 1, 'Backward compatibility.'],
      ['What makes a good on-call rotation?', 0, null, 0, undefined],
      ['Tell me about an outage you handled.', 0, null, 0, undefined],
    ]);
    expect(await call(app, 'questionSets:get', { questionSetId: created.id })).toEqual(created);

    const [first, , third] = created.questions;
    const updated = await call(app, 'questionSets:update', {
      questionSetId: created.id,
      set: {
        ...mine({ name: 'Platform team v2' }),
        questions: [
          { ...third!, text: 'Tell me about the worst outage you handled.' },
          { text: 'A new one?', category: 'new', difficulty: 'easy', keywords: [] },
          first!,
        ],
      },
    });
    expect(updated.name).toBe('Platform team v2');
    expect(updated.questions.map((q) => q.text)).toEqual(['Tell me about the worst outage you handled.', 'A new one?', 'How do you roll out a schema change?']);
    expect(updated.questions[0]!.id).toBe(third!.id);
    expect(updated.questions[2]!.id).toBe(first!.id);
    expect(updated.questions[1]!.id).not.toBe(created.questions[1]!.id);

    await call(app, 'questionSets:delete', { questionSetId: created.id });
    const gone = await app.dispatch('questionSets:get', { questionSetId: created.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses bad input with a sentence and changes nothing', async () => {
    const app = await testApp();
    const created = await call(app, 'questionSets:create', mine());
    const bad: unknown[] = [
      { ...mine(), name: '   ' },
      { ...mine(), questions: [] },
      { ...mine(), questions: [{ ...mine().questions[0], thinkTimeMs: -5 }] },
      { ...mine(), questions: [{ ...mine().questions[0], answerLimitMs: 10 }] },
      { ...mine(), questions: [{ ...mine().questions[0], difficulty: 'extreme' }] },
      { ...mine(), extra: true },
    ];
    for (const set of bad) {
      const result = await app.dispatch('questionSets:update', { questionSetId: created.id, set });
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('ipc/invalid_input');
        expect(result.error.message).not.toMatch(/at .*\.ts/);
      }
    }
    expect(await call(app, 'questionSets:get', { questionSetId: created.id })).toEqual(created);
  });

  it('a question id owned by another set is never moved over', async () => {
    const app = await testApp();
    const a = await call(app, 'questionSets:create', mine({ name: 'A' }));
    const b = await call(app, 'questionSets:create', mine({ name: 'B' }));
    const stolen = a.questions[0]!;
    const updated = await call(app, 'questionSets:update', { questionSetId: b.id, set: { ...mine({ name: 'B' }), questions: [stolen] } });
    expect(updated.questions[0]!.id).not.toBe(stolen.id);
    expect((await call(app, 'questionSets:get', { questionSetId: a.id })).questions).toEqual(a.questions);
  });

  it('duplicates a built-in set into an editable copy with a fresh name', async () => {
    const app = await testApp();
    const builtIn = await call(app, 'questionSets:get', { questionSetId: 'behavioral' });
    const copy = await call(app, 'questionSets:duplicate', { questionSetId: 'behavioral' });
    expect(copy).toMatchObject({ name: `${builtIn.name} (copy)`, builtIn: false, copiedFrom: 'behavioral', interviewType: 'behavioral' });
    expect(copy.questions.map((q) => [q.text, q.lookFor, q.keywords])).toEqual(builtIn.questions.map((q) => [q.text, q.lookFor, q.keywords]));
    const again = await call(app, 'questionSets:duplicate', { questionSetId: 'behavioral' });
    expect(again.name).toBe(`${builtIn.name} (copy 2)`);
    const { id: _id, builtIn: _b, copiedFrom: _c, kit: _k, updatedAt: _u, ...fields } = copy;
    const renamed = await call(app, 'questionSets:update', { questionSetId: copy.id, set: { ...fields, name: 'Mine now' } });
    expect(renamed.questions.map((q) => q.id)).toEqual(copy.questions.map((q) => q.id));
    expect(renamed.name).toBe('Mine now');
    expect((await call(app, 'questionSets:get', { questionSetId: 'behavioral' })).name).toBe(builtIn.name);
  });

  it('reorders questions; a stale order (missing, extra or repeated ids) is refused', async () => {
    const app = await testApp();
    const set = await call(app, 'questionSets:create', mine());
    const [a, b, c] = set.questions.map((q) => q.id) as [string, string, string];
    const reordered = await call(app, 'questionSets:reorder', { questionSetId: set.id, questionIds: [c, a, b] });
    expect(reordered.questions.map((q) => q.id)).toEqual([c, a, b]);
    for (const questionIds of [[c, a], [c, a, a], [c, a, b, crypto.randomUUID()]]) {
      const result = await app.dispatch('questionSets:reorder', { questionSetId: set.id, questionIds });
      expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    expect((await call(app, 'questionSets:get', { questionSetId: set.id })).questions.map((q) => q.id)).toEqual([c, a, b]);
  });

  it('a session keeps its copy of the questions, rules, instructions and set name after the set is edited or deleted', async () => {
    const app = await testApp();
    const set = await call(app, 'questionSets:create', mine());
    const { session, questions } = await sessionFor(app, set.id);
    expect(session).toMatchObject({ questionSetId: set.id, questionSetName: 'Platform team', instructions: 'Take your time; think aloud.' });
    expect(questions.map((q) => [q.text, q.thinkTimeMs, q.answerLimitMs, q.retakesAllowed, q.lookFor, q.keywords])).toEqual([
      ['How do you roll out a schema change?', 2000, 90_000, 1, 'Backward compatibility.', ['expand', 'contract']],
      ['What makes a good on-call rotation?', 0, null, 0, null, []],
      ['Tell me about an outage you handled.', 0, null, 0, null, ['timeline']],
    ]);
    await call(app, 'questionSets:update', {
      questionSetId: set.id,
      set: mine({ name: 'Renamed', instructions: 'New rules', questions: [{ text: 'Only this now?', category: 'x', difficulty: 'easy', keywords: [], answerLimitMs: 5000 }] }),
    });
    await call(app, 'questionSets:delete', { questionSetId: set.id });
    const after = await call(app, 'sessions:get', { sessionId: session.id });
    expect(after.session).toMatchObject({ questionSetName: 'Platform team', instructions: 'Take your time; think aloud.' });
    expect(after.questions).toEqual(questions);
    // The rows on disk, as another reader sees them.
    const db = new BetterSqlite3(join(app.dataDir, 'interview-recorder.sqlite'), { readonly: true });
    expect(db.prepare('SELECT think_time_ms, answer_limit_ms FROM session_questions WHERE session_id = ? ORDER BY position').all(session.id)).toEqual([
      { think_time_ms: 2000, answer_limit_ms: 90_000 },
      { think_time_ms: 0, answer_limit_ms: null },
      { think_time_ms: 0, answer_limit_ms: null },
    ]);
    db.close();
  });

  it('sessions:create names a missing set clearly', async () => {
    const app = await testApp();
    await expect(sessionFor(app, crypto.randomUUID())).rejects.toThrow(/not_found: That question set no longer exists/);
  });
});
