import { expect, test } from '@playwright/test';
import { DevServerProcess } from './support/devServer';
import { startPracticeInterview } from './support/interview';
import { createQuestionSet } from './support/questionSets';
import { formatClock } from '../shared/domain/format';

// Timing rules in the room, in Chromium with the real recorder, checked on the database rows:
// think time and answer limits move the interview on by themselves, and retakes keep every take.

const TOLERANCE_MS = 300;

interface QuestionRow {
  id: string;
  position: number;
  asked_offset_ms: number;
  think_started_offset_ms: number;
  answer_started_offset_ms: number;
  answer_ended_offset_ms: number;
  retake_count: number;
}

interface TakeRow {
  session_question_id: string;
  take_number: number;
  started_offset_ms: number;
  ended_offset_ms: number;
  chosen: number;
}

function rows(server: DevServerProcess, sessionId: string) {
  const db = server.db();
  const questions = db.prepare('SELECT * FROM session_questions WHERE session_id = ? ORDER BY position').all(sessionId) as QuestionRow[];
  const takes = db
    .prepare(
      `SELECT t.* FROM answer_takes t JOIN session_questions q ON q.id = t.session_question_id
       WHERE q.session_id = ? ORDER BY q.position, t.take_number`,
    )
    .all(sessionId) as TakeRow[];
  const recording = db.prepare('SELECT duration_ms FROM recordings WHERE session_id = ?').get(sessionId) as { duration_ms: number };
  db.close();
  return { questions, takes, recording };
}

test('2 s think and 3 s answer limits: the interview runs itself to the end, offsets within 300 ms', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    await createQuestionSet(page, url, 'Quick fire', [
      { text: 'What is your name?', thinkSeconds: 2, limitSeconds: 3 },
      { text: 'Where are you from?', thinkSeconds: 2, limitSeconds: 3 },
    ]);
    const sessionId = await startPracticeInterview(page, url, 'custom');
    await expect(page.getByTestId('countdown')).toContainText('Think time');
    await page.screenshot({ path: test.info().outputPath('room-thinking.png') });
    await expect(page.getByTestId('answering')).toBeVisible();
    await expect(page.getByTestId('countdown')).toContainText('Time left');
    // Under 15 s left from the start: the gentle warning shows with the limit's countdown.
    await expect(page.getByTestId('time-warning')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('room-answer-limit.png') });
    // Nobody presses a key: both questions time out and the interview finishes by itself.
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });

    const { questions, takes, recording } = rows(server, sessionId);
    expect(questions).toHaveLength(2);
    for (const q of questions) {
      expect(q.think_started_offset_ms).toBeGreaterThanOrEqual(q.asked_offset_ms);
      expect(Math.abs(q.answer_started_offset_ms - q.think_started_offset_ms - 2000), `think time of question ${q.position}`).toBeLessThanOrEqual(TOLERANCE_MS);
      expect(Math.abs(q.answer_ended_offset_ms - q.answer_started_offset_ms - 3000), `answer of question ${q.position}`).toBeLessThanOrEqual(TOLERANCE_MS);
    }
    expect(questions[1]!.asked_offset_ms).toBeGreaterThan(questions[0]!.answer_ended_offset_ms);
    expect(questions.at(-1)!.answer_ended_offset_ms).toBeLessThanOrEqual(recording.duration_ms + TOLERANCE_MS);
    // One take each, chosen, with the question's offsets.
    expect(takes.map((t) => [t.session_question_id, t.take_number, t.started_offset_ms, t.ended_offset_ms, t.chosen])).toEqual(
      questions.map((q) => [q.id, 1, q.answer_started_offset_ms, q.answer_ended_offset_ms, 1]),
    );
  } finally {
    await server.stop();
  }
});

test('assessment with one retake allowed: two separate takes, the candidate picks the first, which becomes the answer', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    await createQuestionSet(page, url, 'One retake', [{ text: 'Describe your last project.', retakes: 1 }]);
    const sessionId = await startPracticeInterview(page, url, 'custom', 'assessment');
    await expect(page.getByTestId('pause')).toHaveCount(0); // no pause in an assessment
    await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('retake')).toHaveText('Retake (1 left)');
    // The fake microphone talks for this long: real time on the recording.
    await page.waitForTimeout(1500);
    await page.keyboard.press('r');
    await expect(page.getByTestId('retake')).toHaveCount(0); // the one retake is used
    await page.waitForTimeout(2000);
    await page.keyboard.press('r'); // refused: no retakes left
    await page.keyboard.press('Space');
    await expect(page.getByTestId('take-picker')).toBeVisible();
    await expect(page.getByTestId('another-take')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('room-takes.png') });
    await page.getByTestId('choose-take-1').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });

    const { questions, takes, recording } = rows(server, sessionId);
    const [q] = questions;
    expect(takes).toHaveLength(2);
    const [first, second] = takes as [TakeRow, TakeRow];
    // The test waited at least this long after each take began (more under load: no upper bound).
    expect(first.ended_offset_ms - first.started_offset_ms).toBeGreaterThanOrEqual(1500 - TOLERANCE_MS);
    expect(second.started_offset_ms).toBeGreaterThanOrEqual(first.ended_offset_ms);
    expect(second.started_offset_ms - first.ended_offset_ms).toBeLessThanOrEqual(TOLERANCE_MS);
    expect(second.ended_offset_ms - second.started_offset_ms).toBeGreaterThanOrEqual(2000 - TOLERANCE_MS);
    expect(second.ended_offset_ms).toBeLessThanOrEqual(recording.duration_ms + TOLERANCE_MS);
    expect([first.chosen, second.chosen]).toEqual([1, 0]);
    // The rest of the app (review, processing) reads the chosen take's range.
    expect([q!.answer_started_offset_ms, q!.answer_ended_offset_ms, q!.retake_count]).toEqual([first.started_offset_ms, first.ended_offset_ms, 1]);

    // The review lists both takes under the question, the first marked as the one that counts.
    const listed = page.getByTestId('take');
    await expect(listed).toHaveCount(2);
    await expect(listed.nth(0)).toContainText(`Take 1${formatClock(first.started_offset_ms)}–${formatClock(first.ended_offset_ms)}`);
    await expect(listed.nth(0)).toHaveAttribute('data-chosen', 'true');
    await expect(listed.nth(0)).toContainText('Counts');
    await expect(listed.nth(1)).toContainText(`Take 2${formatClock(second.started_offset_ms)}–${formatClock(second.ended_offset_ms)}`);
    await expect(listed.nth(1)).not.toContainText('Counts');
    // Both takes sit on the timeline, where they were recorded.
    const markers = page.getByTestId('take-marker');
    await expect(markers).toHaveCount(2);
    await expect(markers.nth(1)).toHaveAttribute('data-offset-ms', String(second.started_offset_ms));
    // Each take's delivery, measured in main over its own range of the recording.
    await expect(page.getByTestId('take-metrics')).toHaveCount(2, { timeout: 30_000 });
    for (const i of [0, 1]) await expect(listed.nth(i).getByTestId('take-metrics')).toContainText(/^talked \d/);
    await page.screenshot({ path: test.info().outputPath('review-takes.png') });
    // A click on a take plays from its start (so the player is somewhere inside that take): the list and the timeline.
    const video = page.getByTestId('recording-video');
    const whereIs = (take: TakeRow) => async () => {
      const ms = await video.evaluate((v: HTMLVideoElement) => v.currentTime * 1000);
      return ms >= take.started_offset_ms - 50 && ms < take.ended_offset_ms ? `in take ${take.take_number}` : ms;
    };
    await listed.nth(1).getByRole('button').click();
    await expect.poll(whereIs(second)).toBe('in take 2');
    await markers.nth(0).click();
    await expect.poll(whereIs(first)).toBe('in take 1');
  } finally {
    await server.stop();
  }
});

test('practice: pause holds the answer countdown, unlimited retakes', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    await createQuestionSet(page, url, 'Paced', [{ text: 'Why this role?', limitSeconds: 8 }]);
    const sessionId = await startPracticeInterview(page, url, 'custom');
    await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
    await page.keyboard.press('p');
    await expect(page.getByTestId('paused')).toBeVisible();
    const frozen = await page.getByTestId('countdown-time').textContent();
    // Longer than the whole limit: a paused answer does not time out.
    await page.waitForTimeout(8500);
    await expect(page.getByTestId('countdown-time')).toHaveText(frozen!);
    await expect(page.getByTestId('answering')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('room-paused.png') });
    await page.keyboard.press('p');
    await expect(page.getByTestId('paused')).toHaveCount(0);
    // Retakes are not limited in practice (the set allows none).
    for (let i = 0; i < 2; i++) {
      await expect(page.getByTestId('retake')).toHaveText('Retake');
      await page.keyboard.press('r');
    }
    await page.keyboard.press('Space');
    await page.getByTestId('choose-take-3').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });
    const { takes } = rows(server, sessionId);
    expect(takes.map((t) => [t.take_number, t.chosen])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
  } finally {
    await server.stop();
  }
});
