import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFakeOpenAI } from '../main/testing/fakeOpenAI';
import { DevServerProcess } from './support/devServer';
import { configureAi } from './support/settings';

// The interviewer speaking with an OpenAI voice in Chromium: real MP3s from the loopback server,
// played through the media serving, the avatar's mouth following the audio; a second interview
// with the same questions speaks from the cache with the service gone.

async function startWith(page: Page, url: string, avatar: string): Promise<string> {
  await page.goto(`${url}#/new`);
  await page.getByTestId('job-title').fill('Staff Engineer');
  await page.getByTestId('candidate-select').selectOption({ label: 'Me (practice)' });
  await page.getByTestId(`avatar-${avatar}`).click();
  await page.getByTestId('voice-source').getByText('OpenAI voice').click();
  await page.getByTestId('start-interview').click();
  await expect(page).toHaveURL(/#\/room\//);
  return /#\/room\/([^/?]+)/.exec(page.url())![1]!;
}

async function cancelInterview(page: Page) {
  await page.getByTestId('end-interview').click();
  await page.getByTestId('end-cancelled').click();
  await expect(page).not.toHaveURL(/#\/room\//, { timeout: 60_000 });
}

test('questions spoken by OpenAI voices, cached for the next interview', async ({ page }) => {
  // Three interviews, each opened, spoken and cancelled (recording finalized) in turn.
  test.setTimeout(300_000);
  const fake = await startFakeOpenAI();
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    await configureAi(page, url, fake.baseUrl, 'sk-e2e-voice');

    await page.goto(`${url}#/new`);
    await page.getByTestId('voice-source').getByText('OpenAI voice').click();
    await page.screenshot({ path: 'test-results/voice-setup.png' });

    const first = await startWith(page, url, 'mei');
    // The mouth opens to the audio's level: an ellipse whose height changes while it plays.
    const mouth = page.locator('.stage .avatar-speaking ellipse[fill="#b85a63"]');
    await expect(mouth).toBeVisible();
    const heights = new Set<string>();
    await expect
      .poll(async () => {
        heights.add((await mouth.getAttribute('ry')) ?? '');
        return heights.size;
      })
      .toBeGreaterThan(3);
    await page.screenshot({ path: 'test-results/voice-room-mei.png' });
    await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('The OpenAI voice is not available')).toHaveCount(0);
    await cancelInterview(page);

    const db = server.db();
    const row = db.prepare('SELECT avatar, avatar_settings FROM sessions WHERE id = ?').get(first) as { avatar: string; avatar_settings: string };
    const { n } = db.prepare('SELECT count(*) AS n FROM session_questions WHERE session_id = ?').get(first) as { n: number };
    db.close();
    expect(row.avatar).toBe('mei');
    expect(JSON.parse(row.avatar_settings)).toMatchObject({ voiceSource: 'openai', openaiVoice: null, speech: true });
    // The room made every question's audio ahead of time, once each, in Mei's voice.
    const cacheDir = join(server.dataDir, 'tts-cache');
    await expect.poll(() => readdirSync(cacheDir).filter((f) => f.endsWith('.mp3')).length, { timeout: 60_000 }).toBe(n);
    const spoken = fake.requests.filter((r) => r.endpoint === 'speech').map((r) => r.speech!);
    expect(spoken).toHaveLength(n);
    expect(new Set(spoken.map((s) => s.voice))).toEqual(new Set(['shimmer']));
    expect(fake.problems).toEqual([]);

    // The service goes away; the same questions with the same voice still play, from the cache.
    await fake.close();
    await startWith(page, url, 'mei');
    await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('The OpenAI voice is not available')).toHaveCount(0);
    await cancelInterview(page);

    // Another avatar's voice is not cached: the system voice takes over, and the room says so.
    await startWith(page, url, 'leo');
    await expect(page.getByText('The OpenAI voice is not available, so the system voice speaks instead.')).toBeVisible();
    await page.screenshot({ path: 'test-results/voice-room-leo.png' });
    await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
    await cancelInterview(page);
  } finally {
    await server.stop();
    await fake.close().catch(() => undefined);
  }
});
