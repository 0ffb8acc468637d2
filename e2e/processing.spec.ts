import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFakeOpenAI } from '../main/testing/fakeOpenAI';
import { ffprobeStreamsAndChapters } from '../main/testing/media';
import { DevServerProcess } from './support/devServer';
import { answerQuestion, startPracticeInterview } from './support/interview';
import { feedFakeAi } from './support/transcript';

// After the interview: the background steps on the session page, AI jobs waiting for settings
// until the user gives them through the UI, then transcript and scores from the loopback
// OpenAI-compatible server, and the MP4 for sharing checked with ffprobe.

const ANSWERS = [
  'I led the migration of our billing system',
  'We planned it in small steps and tested every step',
];

const jobRow = (page: Page, kind: string) => page.locator(`[data-testid="job-row"][data-kind="${kind}"]`);

test('processing waits for AI settings, then shows transcript and scores; the MP4 has chapters', async ({ page }) => {
  const fake = await startFakeOpenAI();
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const sessionId = await startPracticeInterview(page, url);
    for (let i = 0; i < ANSWERS.length; i++) await answerQuestion(page, 2000, i);
    await page.keyboard.press('Escape');
    await page.getByTestId('end-completed').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });

    const card = page.getByTestId('processing-card');
    await expect(card.getByTestId('stage-recording')).toHaveAttribute('data-status', 'done');
    await page.screenshot({ path: test.info().outputPath('processing.png'), fullPage: true });

    // No key for the default (remote) endpoint yet: the transcript waits, visibly, without failing.
    const transcribe = jobRow(page, 'transcribe');
    await expect(transcribe).toHaveAttribute('data-status', 'waiting', { timeout: 30_000 });
    await expect(transcribe).toContainText('Waiting for AI settings');
    await expect(card.getByTestId('stage-analysis')).toHaveAttribute('data-status', 'waiting');
    // Behind the MP4 transcode in the one-at-a-time ffmpeg queue, which is slow on a loaded machine.
    await expect(page.getByTestId('voice-metrics').getByTestId('answer-metrics-row')).toHaveCount(ANSWERS.length, { timeout: 60_000 });
    await expect(page.getByTestId('processing-summary')).toHaveText('Waiting for AI settings');
    await page.screenshot({ path: test.info().outputPath('waiting-for-ai.png'), fullPage: true });

    const { questions, answered } = feedFakeAi(fake, server, sessionId, ANSWERS);
    expect(answered).toHaveLength(ANSWERS.length);

    // The settings, through the link the waiting job offers.
    await transcribe.getByTestId('job-settings-link').click();
    await expect(page).toHaveURL(/#\/settings$/);
    await expect(page.getByTestId('ai-enabled')).toBeChecked();
    await page.getByTestId('settings-base-url').fill(fake.baseUrl);
    await page.getByTestId('settings-api-key').fill('sk-e2e-test');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    // The key never comes back to the page; only that one is stored.
    await expect(page.getByTestId('settings-key-stored')).toBeVisible();
    await expect(page.getByTestId('settings-api-key')).toHaveCount(0);
    await page.getByTestId('settings-test').click();
    await expect(page.getByTestId('settings-test-result')).toHaveAttribute('data-ok', 'true');
    await page.screenshot({ path: test.info().outputPath('settings.png'), fullPage: true });

    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`));
    await expect(card.getByTestId('job-row')).toHaveCount(6, { timeout: 30_000 });
    await expect(card.locator('[data-testid="job-row"]:not([data-status="succeeded"])')).toHaveCount(0, { timeout: 45_000 });
    for (const stage of ['recording', 'processing', 'analysis']) {
      await expect(card.getByTestId(`stage-${stage}`)).toHaveAttribute('data-status', 'done');
    }
    expect(fake.problems).toEqual([]);
    // The endpoint and the key are saved together: no call ever went out without the key.
    const authorizations = new Set(fake.requests.map((r) => `${r.endpoint} ${r.authorization}`));
    expect([...authorizations].sort()).toEqual(['chat Bearer sk-e2e-test', 'models Bearer sk-e2e-test', 'transcriptions Bearer sk-e2e-test']);

    // Scores: the overall score with its breakdown.
    await page.getByTestId('tab-scores').click();
    await expect(page.getByTestId('overall-score')).toHaveText('7');
    const scores = page.getByTestId('scores-panel');
    await expect(scores.getByTestId('dimension-score')).toHaveCount(5);
    await expect(scores.getByTestId('question-score')).toHaveCount(questions.length);
    await expect(scores.getByTestId('quote').first()).toBeVisible();
    await scores.getByTestId('question-score').first().locator('summary').click();
    await expect(scores.getByTestId('criteria').first()).toContainText('Situation: partly');
    await page.screenshot({ path: test.info().outputPath('scores.png'), fullPage: true });

    // Transcript: a click on a word plays from it.
    await page.getByTestId('tab-transcript').click();
    const words = page.getByTestId('transcript-panel').getByTestId('transcript-word');
    await expect(words).toHaveCount(ANSWERS.join(' ').split(' ').length);
    const video = page.getByTestId('recording-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    const target = words.nth(ANSWERS[0]!.split(' ').length + 2);
    const startMs = Number(await target.getAttribute('data-start-ms'));
    await target.click();
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime * 1000)).toBeGreaterThanOrEqual(startMs - 50);
    // The highlight follows the playhead; playing on, it leaves a short word within a frame or
    // two, so hold the playhead on the word to see it lit.
    await video.evaluate((v: HTMLVideoElement, ms: number) => {
      v.pause();
      v.currentTime = (ms + 20) / 1000;
    }, startMs);
    await expect(target).toHaveClass(/active/);
    await page.screenshot({ path: test.info().outputPath('transcript.png'), fullPage: true });

    // A correction is saved beside what was heard.
    const segment = page.getByTestId('transcript-segment').first();
    await segment.getByTestId('segment-edit').click();
    await segment.getByTestId('segment-text').fill('I led the migration of our billing platform');
    await segment.getByTestId('segment-save').click();
    await expect(segment.getByTestId('segment-edited')).toBeVisible();
    await expect(page.getByTestId('rescore-bar')).toContainText('corrected after it was scored');
    const check = server.db();
    const edited = check.prepare('SELECT text, edited_text FROM transcript_segments ORDER BY position LIMIT 1').get() as {
      text: string;
      edited_text: string | null;
    };
    const mp4 = check
      .prepare("SELECT m.path FROM media_files m JOIN recordings r ON r.id = m.recording_id WHERE r.session_id = ? AND m.kind = 'mp4'")
      .pluck()
      .get(sessionId) as string;
    check.close();
    expect(edited).toEqual({ text: 'I led the migration of our billing system.', edited_text: 'I led the migration of our billing platform' });

    // Scoring the correction: a refused key fails at once, in words, and Retry takes it up again.
    fake.enqueueFault({ kind: 'status', status: 401 }, 'chat');
    await page.getByTestId('rescore').click();
    const score = jobRow(page, 'score');
    await expect(score).toHaveAttribute('data-status', 'failed');
    await expect(score).toContainText('The AI service refused the API key.');
    await expect(page.getByTestId('processing-summary')).toHaveText('AI analysis: failed');
    await page.screenshot({ path: test.info().outputPath('failed.png'), fullPage: true });
    await score.getByTestId('job-retry').click();
    await expect(score).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByTestId('rescore-bar')).toContainText('already include your corrections');

    // The MP4 for sharing: one chapter per asked question, audio and video of one length.
    const probe = ffprobeStreamsAndChapters(join(server.dataDir, mp4));
    expect(probe.chapters).toHaveLength(questions.filter((q) => q.asked_offset_ms !== null).length);
    const duration = (type: string) => Number(probe.streams.find((s) => s.codec_type === type)!.duration) * 1000;
    expect(Math.abs(duration('audio') - duration('video'))).toBeLessThan(100);
  } finally {
    await server.stop();
    await fake.close();
  }
});
