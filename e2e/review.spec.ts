import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFakeOpenAI } from '../main/testing/fakeOpenAI';
import { requireFfmpeg } from '../main/testing/media';
import { DevServerProcess } from './support/devServer';
import { answerQuestion, startPracticeInterview } from './support/interview';
import { feedFakeAi, type QuestionRow } from './support/transcript';

// The reviewer's side of a recorded, AI-scored interview through the UI: blind review hides the
// AI's scores while they rate (overall, a question, a scorecard dimension), comment at a moment
// of the video and decide with a note; the rows are in the database, everything is still there
// after a reload, and revealing brings the AI's scores back. Then the player's speed and keys.

const ANSWERS = ['I resolved a conflict between two teams', 'I learned to ask for help earlier'];

interface ReviewRow {
  overall_rating: number | null;
  scorecard: string;
  decision: string | null;
  decision_note: string | null;
  blind: number;
}

const videoOf = (page: Page) => page.getByTestId('recording-video');
const currentMs = (page: Page) => videoOf(page).evaluate((v: HTMLVideoElement) => v.currentTime * 1000);
/** Keys go to the page, not to the control last clicked. */
const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
const star = (page: Page, group: string, n: number) => page.getByTestId(group).locator(`[data-star="${n}"]`);

test('a reviewer rates blind, comments at a moment and decides; it all survives a reload', async ({ page }) => {
  // Recording, the background steps and scoring come first; on a loaded 2-core machine they take a while.
  test.setTimeout(240_000);
  const fake = await startFakeOpenAI();
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const sessionId = await startPracticeInterview(page, url);
    for (let i = 0; i < ANSWERS.length; i++) await answerQuestion(page, 2500, i);
    await page.keyboard.press('Escape');
    await page.getByTestId('end-completed').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });

    // The AI's scores, from the loopback server, once the settings are given.
    const { questions } = feedFakeAi(fake, server, sessionId, ANSWERS);
    await page.getByTestId('settings-link').click();
    await page.getByTestId('settings-base-url').fill(fake.baseUrl);
    await page.getByTestId('settings-api-key').fill('sk-e2e-test');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`));
    await page.getByTestId('tab-scores').click();
    await expect(page.getByTestId('overall-score')).toHaveText('7', { timeout: 60_000 });
    await expect.poll(() => videoOf(page).evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);

    // Blind review: the AI's scores leave the scores tab, its badge and the question list.
    await page.getByTestId('tab-review').click();
    await page.getByTestId('blind-toggle').check();
    await expect(page.getByTestId('blind-toggle')).toBeChecked();
    await page.getByTestId('tab-scores').click();
    await expect(page.getByTestId('scores-hidden')).toBeVisible();
    await expect(page.getByTestId('overall-score')).toHaveCount(0);
    await expect(page.getByTestId('tab-scores')).toContainText('Hidden');
    await page.getByTestId('tab-questions').click();
    await expect(page.locator('.question-list .score-chip')).toHaveCount(0);

    // A question's stars, with the mouse.
    const firstRating = page.getByTestId('question-rating').first();
    await firstRating.locator('[data-star="4"]').click();
    await expect(firstRating.getByRole('radiogroup')).toHaveAttribute('data-value', '4');

    // Overall with the mouse, a scorecard dimension with the keyboard only.
    await page.getByTestId('tab-review').click();
    await star(page, 'overall-rating', 4).click();
    await expect(page.getByTestId('overall-rating')).toHaveAttribute('data-value', '4');
    const communication = page.locator('[data-testid="scorecard-row"][data-dimension="communication"]');
    await communication.locator('[data-star="1"]').focus();
    const before = await currentMs(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(communication.getByRole('radiogroup')).toHaveAttribute('data-value', '2');
    await page.keyboard.press('5');
    await expect(communication.getByRole('radiogroup')).toHaveAttribute('data-value', '5');
    // The arrows rated; they did not seek the video.
    expect(await currentMs(page)).toBe(before);

    // A comment at a moment: seek, press C (the video pauses there), write, Enter.
    await videoOf(page).evaluate((v: HTMLVideoElement) => {
      v.currentTime = 3.2;
    });
    await expect.poll(() => currentMs(page)).toBeGreaterThan(3000);
    await blur(page);
    await page.keyboard.press('c');
    await expect(page.getByTestId('comment-body')).toBeFocused();
    const momentMs = await currentMs(page);
    await page.keyboard.type('Clear situation, says "we" a lot');
    await page.keyboard.press('Enter');
    const comment = page.getByTestId('review-comment');
    await expect(comment).toHaveCount(1);
    await expect(comment).toContainText('Clear situation');
    await expect(page.getByTestId('comment-marker')).toHaveCount(1);

    // A decision with its note.
    await page.getByTestId('decision-needs_review').click();
    await page.getByTestId('decision-note').fill('Strong story; probe ownership in the next round.');
    await page.getByTestId('decision-save').click();
    await expect(page.getByTestId('decision-saved')).toHaveAttribute('data-decision', 'needs_review');
    await page.screenshot({ path: test.info().outputPath('review-blind.png') });

    const check = server.db();
    const review = check.prepare('SELECT * FROM reviews WHERE session_id = ?').get(sessionId) as ReviewRow;
    const comments = check.prepare('SELECT offset_ms, session_question_id, body FROM review_comments WHERE session_id = ?').all(sessionId) as {
      offset_ms: number;
      session_question_id: string | null;
      body: string;
    }[];
    const ratings = check.prepare('SELECT session_question_id, rating FROM question_ratings WHERE session_id = ?').all(sessionId);
    check.close();
    expect(review).toMatchObject({
      overall_rating: 4,
      decision: 'needs_review',
      decision_note: 'Strong story; probe ownership in the next round.',
      blind: 1,
    });
    expect(JSON.parse(review.scorecard)).toEqual({ communication: 5 });
    expect(ratings).toEqual([{ session_question_id: questions[0]!.id, rating: 4 }]);
    expect(comments).toHaveLength(1);
    expect(Math.abs(comments[0]!.offset_ms - momentMs)).toBeLessThanOrEqual(500);
    expect(comments[0]!.body).toBe('Clear situation, says "we" a lot');
    // The question answered at that moment, by the session's own marks.
    const answering = questions.find(
      (q) => q.asked_offset_ms! <= momentMs && momentMs <= (q.answer_ended_offset_ms ?? Infinity),
    );
    expect(comments[0]!.session_question_id).toBe(answering?.id ?? null);

    // After a reload, everything is still there, blind review included.
    await page.reload();
    await page.getByTestId('tab-review').click();
    await expect(page.getByTestId('overall-rating')).toHaveAttribute('data-value', '4');
    await expect(communication.getByRole('radiogroup')).toHaveAttribute('data-value', '5');
    await expect(page.getByTestId('decision-saved')).toHaveAttribute('data-decision', 'needs_review');
    await expect(page.getByTestId('decision-note')).toHaveValue('Strong story; probe ownership in the next round.');
    await expect(page.getByTestId('blind-toggle')).toBeChecked();
    await expect(page.getByTestId('review-comment')).toContainText('Clear situation');
    await expect(page.getByTestId('comment-marker')).toHaveCount(1);
    await page.getByTestId('tab-questions').click();
    await expect(page.getByTestId('question-rating').first().getByRole('radiogroup')).toHaveAttribute('data-value', '4');
    await page.getByTestId('tab-scores').click();
    await expect(page.getByTestId('scores-hidden')).toBeVisible();

    // A click on the comment's time plays from it.
    await page.getByTestId('tab-review').click();
    await page.getByTestId('comment-seek').click();
    await expect.poll(() => currentMs(page)).toBeGreaterThanOrEqual(comments[0]!.offset_ms - 50);

    // Reveal: the AI's scores are back, and the choice is stored.
    await page.getByTestId('tab-scores').click();
    await page.getByTestId('reveal-scores').click();
    await expect(page.getByTestId('overall-score')).toHaveText('7');
    await expect(page.getByTestId('tab-scores')).not.toContainText('Hidden');
    const after = server.db();
    expect(after.prepare('SELECT blind FROM reviews WHERE session_id = ?').pluck().get(sessionId)).toBe(0);
    after.close();
    await page.screenshot({ path: test.info().outputPath('review-revealed.png') });
  } finally {
    await server.stop();
    await fake.close();
  }
});

test('the player: speed menu and keys, J/K/L, the current question, the shortcuts dialog', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const sessionId = await startPracticeInterview(page, url);
    for (let i = 0; i < 2; i++) await answerQuestion(page, 2000, i);
    await page.keyboard.press('Escape');
    await page.getByTestId('end-completed').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });
    const video = videoOf(page);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    const rate = () => video.evaluate((v: HTMLVideoElement) => v.playbackRate);

    await page.getByTestId('playback-speed').selectOption('1.5');
    expect(await rate()).toBe(1.5);
    await blur(page);
    await page.keyboard.press('>');
    await expect.poll(rate).toBe(1.75);
    await page.keyboard.press('<');
    await page.keyboard.press('<');
    await page.keyboard.press('<');
    await expect.poll(rate).toBe(1);
    await expect(page.getByTestId('playback-speed')).toHaveValue('1');

    // K plays and pauses; L and J jump 10 s within the recording.
    await page.keyboard.press('k');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
    await page.keyboard.press('k');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    const duration = await video.evaluate((v: HTMLVideoElement) => v.duration * 1000);
    await video.evaluate((v: HTMLVideoElement) => {
      v.currentTime = 0;
    });
    await page.keyboard.press('l');
    await expect.poll(() => currentMs(page)).toBeCloseTo(Math.min(10_000, duration), -2);
    await page.keyboard.press('j');
    await expect.poll(() => currentMs(page)).toBeCloseTo(Math.max(0, Math.min(10_000, duration) - 10_000), -2);

    // The question being asked at the player's position is the highlighted one.
    const db = server.db();
    const second = db.prepare('SELECT * FROM session_questions WHERE session_id = ? AND position = 1').get(sessionId) as QuestionRow;
    db.close();
    await video.evaluate((v: HTMLVideoElement, ms) => {
      v.currentTime = ms / 1000;
    }, second.asked_offset_ms! + 500);
    await expect(page.locator('.question-list li[aria-current="true"]')).toHaveCount(1);
    await expect(page.locator('.question-list li').nth(1)).toHaveAttribute('aria-current', 'true');
    // A click on a marker jumps to its question.
    await page.getByTestId('question-marker').first().click();
    await expect.poll(() => currentMs(page)).toBeLessThan(second.asked_offset_ms!);

    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
    await expect(page.getByTestId('shortcuts-dialog')).toContainText('Back 10 seconds');
    await page.screenshot({ path: test.info().outputPath('shortcuts.png') });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcuts-dialog')).toBeHidden();
  } finally {
    await server.stop();
  }
});

test('the player keeps its place and keeps playing when processing swaps the WebM for the MP4; a seek asked for while loading is done', async ({ page }) => {
  test.setTimeout(180_000);
  // The MP4 transcode (the only x264 run) waits for the test, so the swap comes while the video plays.
  const work = mkdtempSync(join(tmpdir(), 'ir-gate-'));
  const gate = join(work, 'open');
  const ffmpeg = join(work, 'ffmpeg');
  writeFileSync(ffmpeg, `#!/bin/sh\ncase " $* " in *" libx264 "*) while [ ! -e '${gate}' ]; do sleep 0.05; done ;; esac\nexec '${requireFfmpeg().ffmpeg}' "$@"\n`, { mode: 0o755 });
  const server = new DevServerProcess(undefined, { FFMPEG_PATH: ffmpeg });
  const url = await server.start();
  try {
    await page.goto(`${url}#/settings`);
    await page.getByTestId('keep-media-mp4').check();
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    const sessionId = await startPracticeInterview(page, url);
    for (let i = 0; i < 3; i++) await answerQuestion(page, 2000, i);
    await page.keyboard.press('Escape');
    await page.getByTestId('end-completed').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });
    const db = server.db();
    const asked = (db.prepare('SELECT asked_offset_ms FROM session_questions WHERE session_id = ? AND asked_offset_ms IS NOT NULL ORDER BY position').pluck().all(sessionId) as number[]);
    db.close();
    expect(asked.length).toBeGreaterThanOrEqual(3);

    const video = videoOf(page);
    const state = () => video.evaluate((v: HTMLVideoElement) => ({ src: v.currentSrc.split('.').pop(), paused: v.paused, ms: v.currentTime * 1000 }));
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    await page.getByTestId('question-marker').nth(1).click();
    await expect.poll(async () => { const s = await state(); return s.src === 'webm' && !s.paused && s.ms >= asked[1]!; }).toBe(true);

    writeFileSync(gate, '');
    await expect.poll(async () => (await state()).src, { timeout: 60_000 }).toBe('mp4');
    // Still playing, from where it was (the second question or later), not back at the start.
    await expect.poll(async () => { const s = await state(); return !s.paused && s.ms >= asked[1]!; }).toBe(true);

    // A click on the third question's marker the moment the player appears, before the video can seek.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const player = document.querySelector<HTMLVideoElement>('[data-testid="recording-video"]');
        const third = document.querySelectorAll<HTMLElement>('[data-testid="question-marker"]')[2];
        if (!player || !third) return;
        observer.disconnect();
        document.body.dataset.clickedAtReadyState = String(player.readyState);
        third.click();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-clicked-at-ready-state', '0');
    await expect.poll(async () => { const s = await state(); return !s.paused && s.ms >= asked[2]!; }).toBe(true);
  } finally {
    await server.stop();
  }
});

test('compare: two interviews of one candidate side by side, with the better figures marked', async ({ page }) => {
  test.setTimeout(180_000);
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const ids: string[] = [];
    for (const talkMs of [1500, 3000]) {
      const sessionId = await startPracticeInterview(page, url);
      await answerQuestion(page, talkMs, 0);
      await page.keyboard.press('Escape');
      await page.getByTestId('end-completed').click();
      await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });
      ids.push(sessionId);
    }
    // Both interviews' delivery metrics are measured (whole-recording rows).
    await expect
      .poll(
        () => {
          const db = server.db();
          const n = db
            .prepare('SELECT count(*) FROM voice_metrics v JOIN recordings r ON r.id = v.recording_id WHERE v.session_question_id IS NULL AND r.session_id IN (?, ?)')
            .pluck()
            .get(ids[0], ids[1]);
          db.close();
          return n;
        },
        { timeout: 60_000 },
      )
      .toBe(2);

    await page.getByTestId('compare-link').click();
    await expect(page).toHaveURL(new RegExp(`#/compare/${ids[1]}$`));
    await expect(page.getByTestId('compare-side')).toHaveCount(1);
    await page.getByTestId('compare-with').selectOption(ids[0]!);
    await expect(page).toHaveURL(new RegExp(`#/compare/${ids[1]}/${ids[0]}$`));
    const sides = page.getByTestId('compare-side');
    await expect(sides).toHaveCount(2);
    await expect(sides.nth(0)).toHaveAttribute('data-session-id', ids[1]!);
    await expect(sides.nth(1)).toHaveAttribute('data-session-id', ids[0]!);
    await expect(page.getByTestId('compare-video')).toHaveCount(2);

    const talk = page.locator('[data-testid="compare-row"][data-metric="talkTime"]');
    await expect(talk).toBeVisible();
    const share = page.locator('[data-testid="compare-row"][data-metric="talkShare"]');
    await expect(share).toBeVisible();
    // Whichever side talked a larger share is the one marked, and only that one.
    const db = server.db();
    const shareOf = (id: string) =>
      db
        .prepare('SELECT CAST(v.talk_ms AS REAL) / (v.talk_ms + v.silence_ms) FROM voice_metrics v JOIN recordings r ON r.id = v.recording_id WHERE v.session_question_id IS NULL AND r.session_id = ?')
        .pluck()
        .get(id) as number;
    const [shareA, shareB] = [shareOf(ids[1]!), shareOf(ids[0]!)];
    db.close();
    const expected = Math.abs(shareA - shareB) < 1e-6 ? 'same' : shareA > shareB ? '0' : '1';
    await expect(share).toHaveAttribute('data-better', expected);
    if (expected !== 'same') await expect(share.locator('td[data-better]')).toHaveCount(1);

    // A question in a side's list plays that side's video from it.
    await sides.nth(1).locator('.compare-questions button').first().click();
    await expect.poll(() => page.getByTestId('compare-video').nth(1).evaluate((v: HTMLVideoElement) => v.paused)).toBe(false);
    await page.screenshot({ path: test.info().outputPath('compare.png'), fullPage: true });

    await page.getByTestId('compare-swap').click();
    await expect(page).toHaveURL(new RegExp(`#/compare/${ids[0]}/${ids[1]}$`));
    await expect(sides.nth(0)).toHaveAttribute('data-session-id', ids[0]!);
  } finally {
    await server.stop();
  }
});
