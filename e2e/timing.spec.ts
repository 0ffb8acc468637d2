import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { TakeMetrics } from '../shared/domain/types';
import { watchReplies } from './support/bridgeFrames';
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
  id: string;
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

test('assessment with one retake allowed: two separate takes, the candidate picks the first, which becomes the answer; the takes compared', async ({ page }) => {
  test.setTimeout(240_000);
  const server = new DevServerProcess();
  const measured = watchReplies(page, 'takes:metrics');
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

    // The two takes side by side, from the question's button; the first (chosen) take is A.
    await page.getByTestId('compare-takes').click();
    await expect(page).toHaveURL(new RegExp(`#/compare/take/${sessionId}/${first.id}/${second.id}$`));
    const sides = page.getByTestId('compare-side');
    await expect(sides).toHaveCount(2);
    await expect(sides.nth(0)).toHaveAttribute('data-take-id', first.id);
    await expect(sides.nth(1)).toHaveAttribute('data-take-id', second.id);
    await expect(sides.nth(0).getByTestId('take-counts')).toBeVisible();
    await expect(sides.nth(1).getByTestId('take-counts')).toHaveCount(0);
    await expect(page.getByTestId('take-counting')).toHaveText(/^Take 1 counts/);
    // No AI here: no transcript, so no excerpt, pace, fillers or latency, and a sentence saying why.
    await expect(page.getByTestId('take-excerpt-missing')).toHaveCount(2);

    // The figures are the ones takes:metrics gave this page for the question, the better one marked.
    const table = page.getByTestId('compare-table');
    await expect(table).toBeVisible({ timeout: 30_000 });
    const reply = measured.replies.findLast((r) => (r.input as { sessionQuestionId: string }).sessionQuestionId === q!.id);
    if (!reply?.result.ok) throw new Error(`takes:metrics answered ${JSON.stringify(reply?.result)}`);
    const metrics = reply.result.value as TakeMetrics[];
    const [m1, m2] = [first, second].map((t) => metrics.find((m) => m.takeId === t.id)!);
    expect([m1?.startMs, m1?.endMs, m2?.startMs, m2?.endMs]).toEqual([first.started_offset_ms, first.ended_offset_ms, second.started_offset_ms, second.ended_offset_ms]);
    const share = (m: TakeMetrics) => m.talkMs / (m.talkMs + m.silenceMs);
    const expected: [metric: string, a: number, b: number, better: string][] = [
      ['length', m1!.endMs - m1!.startMs, m2!.endMs - m2!.startMs, ''],
      ['talkTime', m1!.talkMs, m2!.talkMs, ''],
      ['talkShare', share(m1!), share(m2!), share(m1!) === share(m2!) ? 'same' : share(m1!) > share(m2!) ? '0' : '1'],
      ['longPauses', m1!.longPauseCount, m2!.longPauseCount, m1!.longPauseCount === m2!.longPauseCount ? 'same' : m1!.longPauseCount < m2!.longPauseCount ? '0' : '1'],
    ];
    await expect(page.getByTestId('compare-row')).toHaveCount(expected.length);
    for (const [metric, a, b, better] of expected) {
      const row = table.locator(`[data-testid="compare-row"][data-metric="${metric}"]`);
      await expect(row.locator('td').nth(0), metric).toHaveAttribute('data-value', String(a));
      await expect(row.locator('td').nth(1), metric).toHaveAttribute('data-value', String(b));
      await expect(row, metric).toHaveAttribute('data-better', better);
      await expect(row.locator('td[data-better]'), metric).toHaveCount(better === '0' || better === '1' ? 1 : 0);
    }

    // Each player stands at its take's start, paused, and plays no further than the take's end.
    const players = page.getByTestId('compare-video');
    const at = (i: number) => players.nth(i).evaluate((v: HTMLVideoElement) => ({ ms: v.currentTime * 1000, paused: v.paused, ready: v.readyState }));
    for (const [i, take] of [first, second].entries()) {
      await expect.poll(async () => (await at(i)).ready).toBeGreaterThanOrEqual(1);
      const { ms, paused } = await at(i);
      expect(Math.abs(ms - take.started_offset_ms), `player ${i} starts at take ${take.take_number}`).toBeLessThanOrEqual(50);
      expect(paused).toBe(true);
    }
    await page.screenshot({ path: test.info().outputPath('compare-takes.png') });
    await page.screenshot({ path: test.info().outputPath('compare-takes-full.png'), fullPage: true });
    await sides.nth(1).getByTestId('take-play').click();
    await expect.poll(async () => (await at(1)).paused, { timeout: 20_000 }).toBe(false);
    // It stops by itself at the end of take 2.
    await expect.poll(async () => (await at(1)).paused, { timeout: 20_000 }).toBe(true);
    expect(Math.abs((await at(1)).ms - second.ended_offset_ms)).toBeLessThanOrEqual(50);
    await expect(sides.nth(1).getByTestId('take-play')).toHaveText('Replay');
    // Key 1 plays take A from its start; key 2 then plays take B, and A stops.
    await page.keyboard.press('1');
    await expect.poll(async () => (await at(0)).paused).toBe(false);
    await page.keyboard.press('2');
    await expect.poll(async () => (await at(0)).paused).toBe(true);
    await expect.poll(async () => (await at(1)).paused).toBe(false);
    const { ms: playingMs } = await at(1);
    expect(playingMs).toBeGreaterThanOrEqual(second.started_offset_ms - 50);
    expect(playingMs).toBeLessThanOrEqual(second.ended_offset_ms + 50);
    await page.keyboard.press('Space');
    await expect.poll(async () => (await at(1)).paused).toBe(true);

    // Swapped, B − A reads the other way; back goes to the review.
    await page.getByTestId('compare-swap').click();
    await expect(page).toHaveURL(new RegExp(`#/compare/take/${sessionId}/${second.id}/${first.id}$`));
    await expect(sides.nth(0)).toHaveAttribute('data-take-id', second.id);
    await expect(table.locator('[data-metric="length"] td').nth(0)).toHaveAttribute('data-value', String(m2!.endMs - m2!.startMs));
    await page.getByTestId('compare-back').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}$`));
    await expect(page.getByTestId('take')).toHaveCount(2);

    // An unknown take gets a sentence, not a stack trace.
    await page.goto(`${url}#/compare/take/${sessionId}/${first.id}/no-such-take`);
    await expect(page.getByRole('alert')).toContainText('That take is not part of this interview');
    await page.goto(`${url}#/compare/take/${randomUUID()}/${first.id}/${second.id}`);
    await expect(page.getByRole('alert')).toHaveText(/^That interview no longer exists\./);
  } finally {
    await server.stop();
  }
});

test('practice: pause holds the answer countdown, unlimited retakes; takes compared while recording and after', async ({ page }) => {
  // Two windows and a third take to measure: more than the default on a loaded 2-core machine.
  test.setTimeout(240_000);
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
    // Two takes are closed while the interview still records: compared in another window, they cannot be measured yet.
    // Paused, so the answer limit does not end the interview meanwhile.
    await page.keyboard.press('p');
    await expect(page.getByTestId('paused')).toBeVisible();
    await expect.poll(() => rows(server, sessionId).takes.filter((t) => t.ended_offset_ms !== null).length).toBe(2);
    const [early1, early2] = rows(server, sessionId).takes as [TakeRow, TakeRow];
    const other = await page.context().newPage();
    await other.goto(`${url}#/compare/take/${sessionId}/${early1.id}/${early2.id}`);
    await expect(other.getByRole('status').filter({ hasText: 'still being recorded' })).toBeVisible();
    await expect(other.getByTestId('compare-video')).toHaveCount(0);
    await expect(other.getByTestId('compare-table')).toHaveCount(0);
    await other.screenshot({ path: test.info().outputPath('compare-takes-recording.png') });
    await page.bringToFront();
    await page.keyboard.press('p');
    await expect(page.getByTestId('paused')).toHaveCount(0);
    await page.keyboard.press('Space');
    await page.getByTestId('choose-take-3').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });
    // Once the recording is finished, the other window plays and measures them by itself.
    await expect(other.getByTestId('compare-table')).toBeVisible({ timeout: 30_000 });
    await expect(other.getByTestId('compare-video')).toHaveCount(2);
    await other.close();
    const { takes } = rows(server, sessionId);
    expect(takes.map((t) => [t.take_number, t.chosen])).toEqual([
      [1, 0],
      [2, 0],
      [3, 1],
    ]);
    // Three takes: the review asks which two to compare, offering the one that counts and the newest other.
    await page.getByTestId('compare-takes').click();
    await expect(page.getByTestId('compare-takes-a')).toHaveValue(takes[1]!.id);
    await expect(page.getByTestId('compare-takes-b')).toHaveValue(takes[2]!.id);
    await page.getByTestId('compare-takes-a').selectOption(takes[0]!.id);
    await page.screenshot({ path: test.info().outputPath('review-compare-picker.png') });
    await page.getByTestId('compare-takes-open').click();
    await expect(page).toHaveURL(new RegExp(`#/compare/take/${sessionId}/${takes[0]!.id}/${takes[2]!.id}$`));
    await expect(page.getByTestId('compare-side').nth(1).getByTestId('take-counts')).toBeVisible();
    // The compare page can switch a side to the other take.
    await page.getByTestId('take-select-a').selectOption(takes[1]!.id);
    await expect(page).toHaveURL(new RegExp(`#/compare/take/${sessionId}/${takes[1]!.id}/${takes[2]!.id}$`));
    await expect(page.getByTestId('compare-side').nth(0)).toHaveAttribute('data-take-id', takes[1]!.id);
    await expect(page.getByTestId('compare-table')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath('compare-three-takes.png') });
  } finally {
    await server.stop();
  }
});
