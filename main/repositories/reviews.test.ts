import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { MIGRATIONS_DIR, tempDir, testApp } from '../testing/fixtures';
import { newSession } from '../testing/interview';
import { CandidatesRepository } from './candidates';
import { ReviewsRepository } from './reviews';
import { SessionsRepository } from './sessions';

// The reviewer's side of a session on a real SQLite file: ratings, scorecard, decision, blind
// mode and comments pinned to a moment, the typed errors for what the tables refuse, and the
// rows going with their session.

async function setup() {
  let now = 1_700_000_000_000;
  const clock = { now: () => now };
  const database = openDatabase({ file: join(tempDir(), 'r.sqlite'), migrationsDir: MIGRATIONS_DIR });
  const candidates = new CandidatesRepository(database, clock);
  const sessions = new SessionsRepository(database, clock);
  const reviews = new ReviewsRepository(database, clock);
  const candidate = await candidates.create({ name: 'Ada' });
  const { session, questions } = await sessions.create({
    candidateId: candidate.id,
    interviewType: 'behavioral',
    mode: 'assessment',
    jobTitle: 'Engineer',
    questionSetId: 'behavioral',
    avatar: 'ava',
    avatarSettings: { voiceName: null, rate: 1, captions: true, speech: false, voiceSource: 'system', openaiVoice: null },
    environment: null,
    questions: [
      { text: 'Tell me about a conflict.', category: 'teamwork', difficulty: 'medium', keywords: [] },
      { text: 'A failure?', category: 'growth', difficulty: 'medium', keywords: [] },
      { text: 'Never asked', category: 'x', difficulty: 'easy', keywords: [] },
    ],
  });
  // Q1 asked at 1 s, answered 3-20 s; Q2 asked at 25 s, answered until 40 s.
  await sessions.markQuestion(questions[0]!.id, 'asked', 1000);
  await sessions.markQuestion(questions[0]!.id, 'answerStarted', 3000);
  await sessions.markQuestion(questions[0]!.id, 'answerEnded', 20_000);
  await sessions.markQuestion(questions[1]!.id, 'asked', 25_000);
  await sessions.markQuestion(questions[1]!.id, 'answerEnded', 40_000);
  return { database, reviews, sessions, session, questions, tick: (ms: number) => (now += ms) };
}

describe('reviews repository', () => {
  it('a session with no review yet reads as an empty one', async () => {
    const { reviews, session } = await setup();
    expect(await reviews.get(session.id)).toEqual({
      review: {
        sessionId: session.id,
        overallRating: null,
        scorecard: {},
        decision: null,
        decisionNote: null,
        decidedAt: null,
        blind: false,
        createdAt: null,
        updatedAt: null,
      },
      questionRatings: [],
      comments: [],
    });
    await expect(reviews.get('no-such-session')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('overall, scorecard, decision and blind are kept on one row; clearing works', async () => {
    const { reviews, session, database, tick } = await setup();
    const created = (await reviews.setOverall(session.id, 4)).review;
    expect(created).toMatchObject({ overallRating: 4, createdAt: 1_700_000_000_000 });
    tick(1000);
    await reviews.setDimension(session.id, 'communication', 5);
    await reviews.setDimension(session.id, 'technical', 2);
    await reviews.setDimension(session.id, 'technical', 3);
    const decidedAt = tick(1000);
    await reviews.setDecision(session.id, 'needs_review', '  Ask for a second interview. ');
    const blind = (await reviews.setBlind(session.id, true)).review;
    expect(blind).toEqual({
      sessionId: session.id,
      overallRating: 4,
      scorecard: { communication: 5, technical: 3 },
      decision: 'needs_review',
      decisionNote: 'Ask for a second interview.',
      decidedAt,
      blind: true,
      createdAt: 1_700_000_000_000,
      updatedAt: decidedAt,
    });
    expect(database.raw.prepare('SELECT count(*) FROM reviews').pluck().get()).toBe(1);

    await reviews.setDimension(session.id, 'communication', null);
    await reviews.setOverall(session.id, null);
    const cleared = (await reviews.setDecision(session.id, null, 'ignored without a decision')).review;
    expect(cleared).toMatchObject({ overallRating: null, scorecard: { technical: 3 }, decision: null, decisionNote: null, decidedAt: null, blind: true });
    expect((await reviews.setBlind(session.id, false)).review.blind).toBe(false);
  });

  it('question ratings: set, change with a note, clear; unknown question is not found', async () => {
    const { reviews, questions } = await setup();
    const q = questions[0]!;
    await reviews.setQuestionRating(q.id, 2, null);
    const changed = await reviews.setQuestionRating(q.id, 5, ' Clear STAR answer ');
    expect(changed.questionRatings).toEqual([
      { sessionQuestionId: q.id, sessionId: q.sessionId, rating: 5, note: 'Clear STAR answer', updatedAt: 1_700_000_000_000 },
    ]);
    // A new rating without a note keeps the note; an explicit null removes it.
    expect((await reviews.setQuestionRating(q.id, 4)).questionRatings[0]).toMatchObject({ rating: 4, note: 'Clear STAR answer' });
    expect((await reviews.setQuestionRating(q.id, 4, null)).questionRatings[0]).toMatchObject({ rating: 4, note: null });
    expect((await reviews.setQuestionRating(q.id, null, null)).questionRatings).toEqual([]);
    await expect(reviews.setQuestionRating('missing', 3, null)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('comments: linked to the question answered at their moment, in timeline order; edit and delete', async () => {
    const { reviews, session, questions, tick } = await setup();
    await reviews.addComment(session.id, 30_000.4, 'Vague about the outcome');
    tick(10);
    await reviews.addComment(session.id, 5000, 'Good opening');
    await reviews.addComment(session.id, 22_000, 'Long silence between questions');
    const all = await reviews.addComment(session.id, null, ' Overall: strong communicator ');
    expect(all.comments.map((c) => [c.offsetMs, c.sessionQuestionId, c.body])).toEqual([
      [null, null, 'Overall: strong communicator'],
      [5000, questions[0]!.id, 'Good opening'],
      [22_000, null, 'Long silence between questions'],
      [30_000, questions[1]!.id, 'Vague about the outcome'],
    ]);
    const target = all.comments[1]!;
    tick(500);
    const edited = await reviews.editComment(target.id, 'Great opening');
    expect(edited.comments[1]).toMatchObject({ id: target.id, body: 'Great opening', createdAt: target.createdAt, updatedAt: target.updatedAt + 500 });
    expect((await reviews.deleteComment(target.id)).comments.map((c) => c.body)).not.toContain('Great opening');
    await expect(reviews.editComment(target.id, 'again')).rejects.toMatchObject({ code: 'not_found' });
    await expect(reviews.deleteComment(target.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it("constraint violations come back as typed errors and leave what was saved alone", async () => {
    const { reviews, session } = await setup();
    await reviews.setOverall(session.id, 3);
    await expect(reviews.setOverall(session.id, 6)).rejects.toMatchObject({ name: 'AppError', code: 'conflict' });
    await expect(reviews.setDimension(session.id, 'confidence', 0)).rejects.toMatchObject({ code: 'conflict' });
    await expect(reviews.addComment(session.id, 1000, '   ')).rejects.toMatchObject({ code: 'conflict' });
    await expect(reviews.addComment(session.id, -5, 'before the start')).rejects.toMatchObject({ code: 'conflict' });
    await expect(reviews.setOverall('no-such-session', 3)).rejects.toMatchObject({ code: 'not_found' });
    await expect(reviews.addComment('no-such-session', 0, 'hi')).rejects.toMatchObject({ code: 'not_found' });
    const { review, comments } = await reviews.get(session.id);
    expect(review.overallRating).toBe(3);
    expect(review.scorecard).toEqual({});
    expect(comments).toEqual([]);
  });

  it('deleting a session removes its review, ratings and comments; a deleted question unpins its comments', async () => {
    const { reviews, session, questions, database } = await setup();
    await reviews.setOverall(session.id, 5);
    await reviews.setQuestionRating(questions[0]!.id, 4, null);
    await reviews.setQuestionRating(questions[1]!.id, 3, null);
    await reviews.addComment(session.id, 2000, 'On Q1');
    database.raw.prepare('DELETE FROM session_questions WHERE id = ?').run(questions[0]!.id);
    const after = await reviews.get(session.id);
    expect(after.questionRatings.map((r) => r.sessionQuestionId)).toEqual([questions[1]!.id]);
    expect(after.comments.map((c) => [c.body, c.sessionQuestionId])).toEqual([['On Q1', null]]);

    database.raw.prepare('DELETE FROM sessions WHERE id = ?').run(session.id);
    const count = (table: string) => database.raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([count('reviews'), count('question_ratings'), count('review_comments')]).toEqual([0, 0, 0]);
  });

  it('through the app: inputs are validated before anything is written', async () => {
    const app = await testApp();
    const { session } = await newSession(app);
    const dispatch = app.dispatch;
    expect(await dispatch('reviews:rateOverall', { sessionId: session.id, rating: 2.5 })).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    expect(await dispatch('reviews:rateDimension', { sessionId: session.id, dimension: 'charisma', rating: 3 })).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    expect(await dispatch('reviews:decide', { sessionId: session.id, decision: 'maybe', note: null })).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    expect(await dispatch('reviews:addComment', { sessionId: session.id, offsetMs: 10, body: '' })).toMatchObject({ ok: false, error: { code: 'ipc/invalid_input' } });
    const done = await dispatch('reviews:decide', { sessionId: session.id, decision: 'passed', note: 'Hire' });
    expect(done).toMatchObject({ ok: true, value: { review: { decision: 'passed', decisionNote: 'Hire' } } });
    const read = await dispatch('reviews:get', { sessionId: session.id });
    expect(read).toMatchObject({ ok: true, value: { review: { overallRating: null, decision: 'passed' }, comments: [] } });
  });
});
