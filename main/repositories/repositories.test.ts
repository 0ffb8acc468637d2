import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../../shared/domain/enums';
import { openDatabase } from '../db/connection';
import { JobStore } from '../jobs/jobStore';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { CandidatesRepository } from './candidates';
import { RecordingsRepository } from './recordings';
import { SessionEventsRepository } from './sessionEvents';
import type { SessionQuestion } from '../../shared/domain/types';
import { SessionsRepository, type NewSession } from './sessions';

function repos() {
  let now = 1_700_000_000_000;
  const clock = { now: () => now };
  const database = openDatabase({ file: join(tempDir(), 'r.sqlite'), migrationsDir: MIGRATIONS_DIR });
  return {
    tick: (ms: number) => (now += ms),
    database,
    candidates: new CandidatesRepository(database, clock),
    sessions: new SessionsRepository(database, clock),
    recordings: new RecordingsRepository(database.db),
    events: new SessionEventsRepository(database.db, clock),
  };
}

const sessionInput = (candidateId: string): NewSession => ({
  candidateId,
  interviewType: 'technical',
  mode: 'assessment',
  jobTitle: '  Backend engineer ',
  company: 'Acme',
  experienceLevel: 'senior',
  questionSetId: 'technical',
  avatar: 'sam',
  avatarSettings: { voiceName: 'Alex', rate: 1.2, captions: true, speech: true, voiceSource: 'system', openaiVoice: null },
  environment: { appVersion: '1', os: 'Linux', userAgent: null, camera: 'Cam', microphone: 'Mic', resolution: '1280x720' },
  questions: [
    { text: 'Q one?', category: 'a', difficulty: 'easy', keywords: ['k1', 'k2'] },
    { text: 'Q two?', category: 'b', difficulty: 'hard', keywords: [] },
  ],
});

describe('repositories', () => {
  it('candidates: create trims and nulls blanks; one "Me" however often asked', async () => {
    const r = repos();
    const ada = await r.candidates.create({ name: ' Ada ', email: '', phone: ' ', position: 'CTO' });
    expect(ada).toMatchObject({ name: 'Ada', email: null, phone: null, position: 'CTO', isSelf: false });
    const [me1, me2] = await Promise.all([r.candidates.ensureSelf(), r.candidates.ensureSelf()]);
    expect(me1.id).toBe(me2.id);
    expect((await r.candidates.list()).map((c) => c.name)).toEqual(['Me', 'Ada']);
    await expect(r.candidates.get('missing')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('sessions: created with a copy of the questions, read back identically', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Bo' });
    const created = await r.sessions.create(sessionInput(c.id));
    expect(created.session).toMatchObject({ jobTitle: 'Backend engineer', status: 'in_progress', completedAt: null });
    expect(await r.sessions.get(created.session.id)).toEqual(created.session);
    expect(await r.sessions.questions(created.session.id)).toEqual(created.questions);
    expect(created.questions.map((q) => [q.position, q.text, q.keywords])).toEqual([
      [0, 'Q one?', ['k1', 'k2']],
      [1, 'Q two?', []],
    ]);
  });

  it('sessions: completedAt follows the status in and out of completed', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Bo' });
    const { session } = await r.sessions.create(sessionInput(c.id));
    const t1 = r.tick(1000);
    expect((await r.sessions.setStatus(session.id, 'completed')).completedAt).toBe(t1);
    r.tick(1000);
    expect((await r.sessions.setStatus(session.id, 'completed')).completedAt).toBe(t1);
    expect((await r.sessions.setStatus(session.id, 'cancelled')).completedAt).toBeNull();
  });

  it('sessions: any left in progress at start-up become interrupted', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Bo' });
    const left = await r.sessions.create(sessionInput(c.id));
    const done = await r.sessions.create(sessionInput(c.id));
    await r.sessions.setStatus(done.session.id, 'completed');
    expect(await r.sessions.interruptLeftInProgress()).toEqual([left.session.id]);
    expect((await r.sessions.get(left.session.id)).status).toBe('interrupted');
    expect((await r.sessions.get(done.session.id)).status).toBe('completed');
  });

  it('questions: marks set offsets, wall-clock times and response time; out of order is refused', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Bo' });
    const { questions } = await r.sessions.create(sessionInput(c.id));
    const q = questions[0]!;
    const askedAt = r.tick(10);
    await r.sessions.markQuestion(q.id, 'asked', 1000);
    await expect(r.sessions.markQuestion(q.id, 'answerStarted', 900)).rejects.toMatchObject({ code: 'conflict' });
    r.tick(3000);
    await r.sessions.markQuestion(q.id, 'answerStarted', 4000);
    const ended = await r.sessions.markQuestion(q.id, 'answerEnded', 9000);
    expect(ended).toMatchObject({ askedOffsetMs: 1000, answerStartedOffsetMs: 4000, answerEndedOffsetMs: 9000, askedAt, responseTimeMs: 3000, skipped: false });
    expect((await r.sessions.questions(q.sessionId))[0]).toEqual(ended);
    const skipped = await r.sessions.markQuestion(questions[1]!.id, 'skipped', 9500);
    expect(skipped.skipped).toBe(true);
    await expect(r.sessions.markQuestion('nope', 'asked', 1)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('takes: each answer start is a take, retakes only as the assessment allows, the chosen take sets the answer offsets', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Bo' });
    const input = sessionInput(c.id);
    const { questions } = await r.sessions.create({
      ...input,
      questions: [{ ...input.questions[0]!, thinkTimeMs: 2000, answerLimitMs: 3000, retakesAllowed: 1 }, input.questions[1]!],
    });
    const [q, strict] = questions as [SessionQuestion, SessionQuestion];
    expect([q.thinkTimeMs, q.answerLimitMs, q.retakesAllowed]).toEqual([2000, 3000, 1]);
    expect([strict.thinkTimeMs, strict.answerLimitMs, strict.retakesAllowed]).toEqual([0, null, 0]);

    await r.sessions.markQuestion(q.id, 'asked', 1000);
    await expect(r.sessions.markQuestion(q.id, 'thinkStarted', 900)).rejects.toMatchObject({ code: 'conflict' });
    await r.sessions.markQuestion(q.id, 'thinkStarted', 3000);
    await expect(r.sessions.markQuestion(q.id, 'answerStarted', 2500)).rejects.toMatchObject({ code: 'conflict' });
    await r.sessions.markQuestion(q.id, 'answerStarted', 5000);
    await expect(r.sessions.markQuestion(q.id, 'answerStarted', 5100)).rejects.toMatchObject({ code: 'conflict' });
    const first = await r.sessions.markQuestion(q.id, 'answerEnded', 8000);
    expect(first).toMatchObject({ thinkStartedOffsetMs: 3000, answerStartedOffsetMs: 5000, answerEndedOffsetMs: 8000, responseTimeMs: 4000, retakeCount: 0 });
    await expect(r.sessions.markQuestion(q.id, 'answerStarted', 7000)).rejects.toMatchObject({ code: 'conflict' });
    await r.sessions.markQuestion(q.id, 'answerStarted', 8200);
    const second = await r.sessions.markQuestion(q.id, 'answerEnded', 11_000);
    // The newest take counts until the candidate picks another; response time stays the first take's.
    expect(second).toMatchObject({ answerStartedOffsetMs: 8200, answerEndedOffsetMs: 11_000, responseTimeMs: 4000, retakeCount: 1 });
    expect(second.takes.map((t) => [t.takeNumber, t.startedOffsetMs, t.endedOffsetMs, t.chosen])).toEqual([
      [1, 5000, 8000, false],
      [2, 8200, 11_000, true],
    ]);
    // Assessment: one retake allowed, so no third take.
    await expect(r.sessions.markQuestion(q.id, 'answerStarted', 11_500)).rejects.toMatchObject({ code: 'conflict', message: /No more retakes/ });

    const chosen = await r.sessions.chooseTake(q.id, second.takes[0]!.id);
    expect(chosen).toMatchObject({ answerStartedOffsetMs: 5000, answerEndedOffsetMs: 8000 });
    expect(chosen.takes.map((t) => t.chosen)).toEqual([true, false]);
    expect((await r.sessions.questions(q.sessionId))[0]).toEqual(chosen);
    await expect(r.sessions.chooseTake(strict.id, second.takes[0]!.id)).rejects.toMatchObject({ code: 'not_found' });

    await r.sessions.markQuestion(strict.id, 'asked', 12_000);
    await r.sessions.markQuestion(strict.id, 'answerStarted', 12_500);
    await r.sessions.markQuestion(strict.id, 'answerEnded', 13_000);
    await expect(r.sessions.markQuestion(strict.id, 'answerStarted', 13_500)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('takes: practice mode allows any number of retakes', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Bo' });
    const { questions } = await r.sessions.create({ ...sessionInput(c.id), mode: 'practice' });
    const q = questions[0]!;
    await r.sessions.markQuestion(q.id, 'asked', 0);
    for (let take = 0; take < 4; take++) {
      await r.sessions.markQuestion(q.id, 'answerStarted', 1000 * take + 100);
      await r.sessions.markQuestion(q.id, 'answerEnded', 1000 * take + 900);
    }
    const [read] = await r.sessions.questions(q.sessionId);
    expect(read!.takes.map((t) => t.takeNumber)).toEqual([1, 2, 3, 4]);
    expect(read).toMatchObject({ retakeCount: 3, answerStartedOffsetMs: 3100, answerEndedOffsetMs: 3900 });
  });

  it('list: one row per session with candidate, counts and latest recording', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Cy' });
    const a = await r.sessions.create(sessionInput(c.id));
    r.tick(1000);
    const b = await r.sessions.create(sessionInput(c.id));
    await r.sessions.markQuestion(b.questions[0]!.id, 'asked', 0);
    await r.sessions.markQuestion(b.questions[0]!.id, 'answerEnded', 10);
    const rec = await r.recordings.create({ sessionId: b.session.id, path: 'recordings/x/y.webm', mimeType: 'video/webm', width: 1, height: 1, startedAt: 5 });
    const list = await r.sessions.list();
    expect(list.map((s) => [s.session.id, s.candidateName, s.questionCount, s.answeredCount, s.recording?.id ?? null])).toEqual([
      [b.session.id, 'Cy', 2, 1, rec.id],
      [a.session.id, 'Cy', 2, 0, null],
    ]);
  });

  it('events: stored in time order per session', async () => {
    const r = repos();
    const c = await r.candidates.create({ name: 'Di' });
    const { session } = await r.sessions.create(sessionInput(c.id));
    await r.events.add({ sessionId: session.id, kind: 'device', level: 'warning', message: 'Camera disconnected', offsetMs: 5000, at: 20 });
    await r.events.add({ sessionId: session.id, kind: 'log', level: 'info', message: 'Started', at: 10 });
    expect((await r.events.forSession(session.id)).map((e) => [e.at, e.kind, e.message, e.offsetMs])).toEqual([
      [10, 'log', 'Started', null],
      [20, 'device', 'Camera disconnected', 5000],
    ]);
  });
});

describe('one transaction model on the one connection', () => {
  it('a job lease taken while a session write is under way is never rolled back with it', async () => {
    const r = repos();
    const self = await r.candidates.ensureSelf();
    // Follow-ups off: the follow-up write reads its rows, then refuses and rolls back.
    const { session, questions } = await r.sessions.create(sessionInput(self.id));
    const store = new JobStore(r.database.raw, () => 1);
    // More jobs than turns the write takes, so leases keep coming all through it.
    for (let i = 0; i < 20; i++) {
      const recording = await r.recordings.create({ sessionId: session.id, path: `recordings/x/${i}.webm`, mimeType: 'video/webm', width: 1, height: 1, startedAt: 5 });
      r.database.raw.transaction(() => {
        for (const kind of JOB_KINDS) store.enqueue(r.database.raw, { kind, sessionId: session.id, recordingId: recording.id, maxAttempts: 3, runAfter: 0 });
      })();
    }

    // The queue leases on every turn it gets while the write is pending, as the runner would.
    let pending = true;
    const write = r.sessions.insertFollowUp(questions[0]!.id, { text: 'Why?', keywords: [] }).then(
      () => null,
      (error: unknown) => error,
    );
    void write.finally(() => (pending = false));
    const leased: number[] = [];
    while (pending) {
      const lease = store.leaseNext(JOB_KINDS, 'runner');
      if (lease) leased.push(lease.job.id);
      await Promise.resolve();
    }
    expect(await write).toMatchObject({ code: 'conflict', message: 'Follow-up questions are off for this interview.' });
    expect(leased.length).toBeGreaterThan(0);
    for (const id of leased) expect(store.get(id)).toMatchObject({ status: 'running', attempts: 1 });
    // And the refused write left nothing: the questions are as created.
    expect((await r.sessions.questions(session.id)).map((q) => q.text)).toEqual(['Q one?', 'Q two?']);
  });
});
