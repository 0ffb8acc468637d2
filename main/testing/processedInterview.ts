import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../app/createApp';
import { call } from './call';
import { makeSpokenAudio, startFakeOpenAI } from './fakeOpenAI';
import { processingWhen, recordInterview } from './interview';
import { makeLiveWebm } from './media';
import { scoreReplyFor } from './scoreReply';

// A session with everything a bundle carries: recorded through the IPC calls, processed by the
// real pipeline (ffmpeg steps; transcript and scores from the loopback OpenAI server), and
// reviewed (review, question ratings, comments written to the 0005 tables directly, as the
// review UI's repository is built elsewhere). No test-runner imports: bench uses it too.

const ANSWERS = [
  ['I', 'led', 'the', 'database', 'migration'],
  ['we', 'shipped', 'it', 'before', 'the', 'deadline'],
];

export async function processedInterview(app: App & { dataDir: string }, dir: string) {
  const speech = await makeSpokenAudio(dir, ANSWERS, { leadMs: 1500, phraseGapMs: 2600 });
  const source = join(dir, `live-${randomUUID()}.webm`);
  makeLiveWebm(source, Math.ceil(speech.durationMs / 1000) + 1, '320x240', speech.file);
  const w = speech.words;
  const end1 = w[ANSWERS[0]!.length - 1]!.endMs;
  const marks = [
    { asked: 200, start: 1000, end: end1 + 800 },
    { asked: end1 + 900, start: end1 + 1200, end: w[w.length - 1]!.endMs + 800 },
  ];
  const recorded = await recordInterview(app, readFileSync(source), marks);
  const fake = await startFakeOpenAI();
  try {
    fake.setTranscript({ kind: 'spoken', referenceAudio: speech.file, words: w });
    fake.setChatReply(
      scoreReplyFor('behavioral', recorded.questions.map((q, i) => ({ questionId: q.id, quote: ['led the database', 'shipped it before'][i] ?? null }))),
    );
    await call(app, 'settings:update', { ai: { baseUrl: fake.baseUrl }, apiKey: 'sk-test-share' });
    const processing = await processingWhen(app, recorded.session.id, (p) => p.jobs.length === 6 && p.jobs.every((j) => j.status === 'succeeded'), 120_000);
    const db = new BetterSqlite3(join(app.dataDir, 'interview-recorder.sqlite'));
    try {
      const sid = recorded.session.id;
      const [q1, q2] = recorded.marked;
      db.prepare(
        `INSERT INTO reviews (session_id, overall_rating, scorecard, decision, decision_note, decided_at, blind, created_at, updated_at)
         VALUES (?, 4, '{"communication":4,"technical":3}', 'passed', 'Clear, "concrete" answers', 1764600000123, 0, 1764600000000, 1764600000123)`,
      ).run(sid);
      db.prepare('INSERT INTO question_ratings (session_question_id, session_id, rating, note, updated_at) VALUES (?, ?, 5, ?, 1764600000200)').run(q1!.id, sid, 'Great STAR answer');
      db.prepare('INSERT INTO question_ratings (session_question_id, session_id, rating, note, updated_at) VALUES (?, ?, 3, NULL, 1764600000300)').run(q2!.id, sid);
      const comment = db.prepare(
        'INSERT INTO review_comments (id, session_id, session_question_id, offset_ms, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      comment.run(randomUUID(), sid, q1!.id, marks[0]!.start + 500, 'Good opening', 1764600000400, 1764600000400);
      comment.run(randomUUID(), sid, q2!.id, marks[1]!.start + 700, 'Mentions the deadline', 1764600000500, 1764600000500);
      comment.run(randomUUID(), sid, null, null, 'Overall solid', 1764600000600, 1764600000600);
    } finally {
      db.close();
    }
    return { ...recorded, processing, marks };
  } finally {
    await fake.close();
  }
}
