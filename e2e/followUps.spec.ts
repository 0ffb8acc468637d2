import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI } from '../main/testing/fakeOpenAI';
import { ffprobeStreamsAndChapters } from '../main/testing/media';
import { DevServerProcess } from './support/devServer';
import { createQuestionSet } from './support/questionSets';
import { configureAi } from './support/settings';
import { feedFakeAi } from './support/transcript';

// Follow-up questions in a practice interview, in Chromium with the real recorders: after an
// answer the room sends its audio, the loopback server transcribes it and proposes a follow-up,
// the interviewer asks it (captions), the candidate answers, and the session's rows have it right
// after its parent. Then the transcript, the scores, the review and the MP4 chapters include it.
// And when the AI fails, the room simply goes on.

const FOLLOW_UP = 'What did you measure to know the migration had worked?';
const HEARD = 'I led the migration of our billing system to a new database.';
/** What the candidate says to each asked question: the first, its follow-up, the second. */
const ANSWERS = ['I led the migration of our billing system', 'We measured errors and latency every day', 'I would plan it in small steps'];

const isFollowUpRequest = (request: ChatRequestBody) => request.response_format?.json_schema?.name === 'follow_up';

interface Row {
  id: string;
  position: number;
  text: string;
  follow_up_of: string | null;
  asked_offset_ms: number;
  answer_started_offset_ms: number;
  answer_ended_offset_ms: number;
}

async function startWithFollowUps(page: Page, url: string, fake: FakeOpenAI): Promise<string> {
  await configureAi(page, url, fake.baseUrl, 'sk-e2e-follow-ups');
  await createQuestionSet(page, url, 'Two questions', [
    { text: 'Tell me about a project you led.' },
    { text: 'How would you plan a risky change?' },
  ]);
  await page.goto(`${url}#/new`);
  await page.getByTestId('interview-type').selectOption('custom');
  await page.getByTestId('job-title').fill('Staff engineer');
  await page.getByTestId('candidate-select').selectOption({ label: 'Me (practice)' });
  await page.getByLabel('Speak questions aloud').uncheck();
  await page.getByTestId('follow-ups').check();
  await page.screenshot({ path: test.info().outputPath('setup-follow-ups.png') });
  // An assessment asks exactly its questions: the option is not offered there.
  await page.locator('label', { hasText: /^Assessment$/ }).click();
  await expect(page.getByTestId('follow-ups')).toHaveCount(0);
  await page.locator('label', { hasText: /^Practice$/ }).click();
  await expect(page.getByTestId('follow-ups')).toBeChecked();
  await page.getByTestId('start-interview').click();
  await expect(page).toHaveURL(/#\/room\//);
  return /#\/room\/([^/?]+)/.exec(page.url())![1]!;
}

/** Lets the fake microphone talk for `talkMs` of real recording time, then ends the answer. */
async function answer(page: Page, talkMs: number): Promise<void> {
  await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(talkMs);
  await page.keyboard.press('Space');
}

function rows(server: DevServerProcess, sessionId: string) {
  const db = server.db();
  const questions = db.prepare('SELECT * FROM session_questions WHERE session_id = ? ORDER BY position').all(sessionId) as Row[];
  const durationMs = db.prepare('SELECT duration_ms FROM recordings WHERE session_id = ?').pluck().get(sessionId) as number;
  const events = db.prepare('SELECT message FROM session_events WHERE session_id = ?').pluck().all(sessionId) as string[];
  db.close();
  return { questions, durationMs, events };
}

test('the interviewer asks a follow-up on the answer; it is recorded, transcribed, scored and reviewed after its parent', async ({ page }) => {
  test.setTimeout(240_000);
  const fake = await startFakeOpenAI();
  const server = new DevServerProcess();
  const url = await server.start();
  let sessionId = '';
  try {
    fake.setTranscript({ kind: 'reply', body: { text: HEARD } });
    let asked = 0;
    fake.setChatReply((request: ChatRequestBody) => {
      if (!isFollowUpRequest(request)) return 'OK';
      asked += 1;
      if (asked === 1) return { needed: true, question: FOLLOW_UP, keywords: ['errors', 'latency'] };
      // The last answer: every answer's window is saved by now, so the transcript and the
      // scores the pipeline will ask for can be scripted from the rows.
      feedFakeAi(fake, server, sessionId, ANSWERS, 'custom');
      return { needed: false, question: '', keywords: [] };
    });
    sessionId = await startWithFollowUps(page, url, fake);

    await expect(page.getByTestId('question-count')).toHaveText('Question 1 of 2');
    await answer(page, 3000);
    await expect(page.getByTestId('considering')).toBeVisible();
    await expect(page.getByTestId('avatar-thinking')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('room-considering.png') });

    // The follow-up is asked like any question: captions, tagged, counted under its parent.
    await expect(page.getByTestId('question-text')).toHaveText(FOLLOW_UP, { timeout: 20_000 });
    await expect(page.getByTestId('follow-up-tag')).toBeVisible();
    await expect(page.getByTestId('question-count')).toHaveText('Follow-up to question 1 of 2');
    await expect(page.getByTestId('answering')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('room-follow-up.png') });
    await answer(page, 2500);

    // No follow-up to a follow-up: the next question comes straight away.
    await expect(page.getByTestId('question-count')).toHaveText('Question 2 of 2');
    await expect(page.getByTestId('follow-up-tag')).toHaveCount(0);
    await answer(page, 2500);
    // The model finds the last answer complete: the interview ends.
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });

    const uploads = fake.requests.filter((r) => r.endpoint === 'transcriptions' && r.upload?.filename.startsWith('answer.'));
    expect(uploads).toHaveLength(2);
    // Real audio of the answers: about as long as the candidate talked.
    expect(uploads[0]!.upload!.durationMs).toBeGreaterThan(2000);
    const prompts = fake.requests.filter((r) => r.chat && isFollowUpRequest(r.chat)).map((r) => r.chat!.messages.at(-1)!.content);
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toContain('Tell me about a project you led.');
    expect(prompts[0]).toContain(HEARD);

    const { questions, durationMs } = rows(server, sessionId);
    expect(questions.map((q) => q.text)).toEqual(['Tell me about a project you led.', FOLLOW_UP, 'How would you plan a risky change?']);
    expect(questions.map((q) => q.position)).toEqual([0, 1, 2]);
    expect(questions.map((q) => q.follow_up_of)).toEqual([null, questions[0]!.id, null]);
    for (const [i, q] of questions.entries()) {
      expect(q.answer_started_offset_ms, `question ${i}`).toBeGreaterThanOrEqual(q.asked_offset_ms);
      expect(q.answer_ended_offset_ms - q.answer_started_offset_ms, `question ${i}`).toBeGreaterThan(2000);
      if (i > 0) expect(q.asked_offset_ms, `question ${i}`).toBeGreaterThan(questions[i - 1]!.answer_ended_offset_ms);
    }
    expect(questions.at(-1)!.answer_ended_offset_ms).toBeLessThanOrEqual(durationMs + 300);

    // The background steps include it: every job succeeds, the scores and the list show three answers.
    const card = page.getByTestId('processing-card');
    await expect(card.getByTestId('job-row')).toHaveCount(6, { timeout: 60_000 });
    await expect(card.locator('[data-testid="job-row"]:not([data-status="succeeded"])')).toHaveCount(0, { timeout: 90_000 });
    await expect(page.getByTestId('follow-up-badge')).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath('review-questions.png'), fullPage: true });
    await page.getByTestId('tab-scores').click();
    await expect(page.getByTestId('scores-panel').getByTestId('question-score')).toHaveCount(3);
    // Scoring is told which answer the follow-up digs into.
    const scoring = fake.requests.filter((r) => r.chat && !isFollowUpRequest(r.chat)).map((r) => r.chat!.messages.at(-1)!.content);
    expect(scoring.join('\n')).toContain(`(questionId: ${questions[1]!.id}, a follow-up to question ${questions[0]!.position})`);
    await page.getByTestId('tab-transcript').click();
    await expect(page.getByTestId('transcript-panel').getByTestId('transcript-word')).toHaveCount(ANSWERS.join(' ').split(' ').length);
    await page.screenshot({ path: test.info().outputPath('review-follow-up.png'), fullPage: true });

    const db = server.db();
    const mp4 = db
      .prepare("SELECT m.path FROM media_files m JOIN recordings r ON r.id = m.recording_id WHERE r.session_id = ? AND m.kind = 'mp4'")
      .pluck()
      .get(sessionId) as string;
    db.close();
    const chapters = ffprobeStreamsAndChapters(join(server.dataDir, mp4)).chapters.map((c) => c.tags?.title);
    expect(chapters).toEqual([
      'Question 1: Tell me about a project you led.',
      `Question 2 (follow-up): ${FOLLOW_UP}`,
      'Question 3: How would you plan a risky change?',
    ]);
    expect(fake.problems).toEqual([]);
  } finally {
    await server.stop();
    await fake.close();
  }
});

test('when the AI fails, the room goes on to the next question with a quiet note', async ({ page }) => {
  test.setTimeout(120_000);
  const fake = await startFakeOpenAI();
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    fake.setTranscript({ kind: 'reply', body: { text: HEARD } });
    fake.setChatReply((request: ChatRequestBody) => (isFollowUpRequest(request) ? { needed: false, question: '', keywords: [] } : 'OK'));
    const sessionId = await startWithFollowUps(page, url, fake);
    fake.enqueueFault({ kind: 'status', status: 500 }, 'chat');

    await answer(page, 2500);
    await expect(page.getByTestId('question-count')).toHaveText('Question 2 of 2', { timeout: 20_000 });
    await expect(page.getByTestId('follow-up-note')).toHaveText('No follow-up this time. The AI service had a problem (error 500).');
    await expect(page.getByTestId('follow-up-tag')).toHaveCount(0);
    await expect(page.getByTestId('answering')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('room-follow-up-failed.png') });
    // Nothing is in the way: no warning banner, the interview goes on and ends as usual.
    await expect(page.locator('.room-warnings')).toHaveCount(0);
    await answer(page, 2000);
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });

    const { questions, events } = rows(server, sessionId);
    expect(questions.map((q) => [q.position, q.follow_up_of])).toEqual([
      [0, null],
      [1, null],
    ]);
    expect(questions.every((q) => q.answer_ended_offset_ms > q.answer_started_offset_ms)).toBe(true);
    expect(events.filter((m) => m.startsWith('No follow-up question: '))).toEqual([
      'No follow-up question: The AI service had a problem (error 500); trying again later.',
    ]);
  } finally {
    await server.stop();
    await fake.close();
  }
});
