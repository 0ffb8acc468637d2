import { expect, test } from '@playwright/test';
import { startFakeOpenAI } from '../main/testing/fakeOpenAI';
import { DevServerProcess } from './support/devServer';
import { answerQuestion } from './support/interview';

// Consent before a new candidate's first recording, in Chromium through the bridge: declining
// records nothing; accepting with AI off stores the consent with the session, and the session's
// background work never calls the (loopback) AI server even though AI is set up.

test('a new candidate consents before recording; declined records nothing; AI off stays off', async ({ page }) => {
  // Recording, then the media steps (MP4 transcode included) on a shared 2-core machine.
  test.setTimeout(300_000);
  const fake = await startFakeOpenAI();
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    // AI set up and working, so only the session's switch can keep it from being used.
    await page.goto(`${url}#/settings`);
    await page.getByTestId('settings-base-url').fill(fake.baseUrl);
    await page.getByTestId('settings-api-key').fill('sk-e2e-consent');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();

    await page.goto(`${url}#/new`);
    await page.getByTestId('job-title').fill('Data engineer');
    await page.getByTestId('candidate-new').click();
    await page.getByTestId('candidate-name').fill('Ada Lovelace');
    await page.getByTestId('candidate-save').click();
    await page.getByLabel('Speak questions aloud').uncheck();

    await page.getByTestId('start-interview').click();
    const dialog = page.getByTestId('consent-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Consent to record Ada Lovelace');
    await expect(page.getByTestId('consent-stored')).toContainText(server.dataDir);
    await expect(page.getByTestId('consent-ai')).toContainText(fake.baseUrl);
    await expect(page.getByTestId('consent-retention')).toHaveText('The recording is kept until you delete it.');
    await page.screenshot({ path: test.info().outputPath('consent.png') });

    // Declined: no session, no recording, still on setup, and it says so.
    await page.getByTestId('consent-decline').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('consent-declined')).toContainText('Nothing was recorded');
    await expect(page).toHaveURL(/#\/new$/);
    let db = server.db();
    expect(db.prepare('SELECT count(*) FROM sessions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM recordings').pluck().get()).toBe(0);
    db.close();
    await page.screenshot({ path: test.info().outputPath('declined.png') });

    // Accepted, with AI turned off on the consent screen.
    await page.getByTestId('start-interview').click();
    await expect(dialog).toBeVisible();
    await page.getByTestId('consent-ai-toggle').uncheck();
    await expect(page.getByTestId('consent-ai')).toContainText('AI is off');
    await page.getByTestId('consent-accept').click();
    await expect(page).toHaveURL(/#\/room\//);
    await expect(page.getByTestId('rec-indicator')).toBeVisible();
    const sessionId = /#\/room\/([^/?]+)/.exec(page.url())![1]!;
    await answerQuestion(page, 2000, 0);
    await page.keyboard.press('Escape');
    await page.getByTestId('end-completed').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });
    await expect(page.getByTestId('session-consent')).toContainText('AI off');
    await expect(page.getByTestId('session-consent')).toContainText('Given');

    db = server.db();
    expect(db.prepare('SELECT ai_processing FROM sessions WHERE id = ?').pluck().get(sessionId)).toBe(0);
    expect(db.prepare('SELECT text_version, ai_endpoint, data_dir FROM session_consents WHERE session_id = ?').get(sessionId)).toEqual({
      text_version: expect.stringMatching(/^consent-/),
      ai_endpoint: null,
      data_dir: server.dataDir,
    });
    db.close();

    // The media steps finish; no AI step exists for the session, and the server heard nothing.
    await expect(page.getByTestId('processing-summary')).toHaveText('Done · AI off', { timeout: 200_000 });
    db = server.db();
    const kinds = db.prepare('SELECT kind, status FROM jobs WHERE session_id = ? ORDER BY kind').all(sessionId) as { kind: string; status: string }[];
    db.close();
    expect(kinds.map((j) => j.kind)).not.toContain('transcribe');
    expect(kinds.every((j) => j.status === 'succeeded')).toBe(true);
    expect(fake.requests.filter((r) => r.authorization === 'Bearer sk-e2e-consent')).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('session.png') });
  } finally {
    await server.stop();
    await fake.close();
  }
});
