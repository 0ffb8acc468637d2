import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startFakeOpenAI } from '../main/testing/fakeOpenAI';
import { DevServerProcess } from './support/devServer';
import { answerQuestion, startPracticeInterview } from './support/interview';

// The library through the real renderer and bridge: a recorded interview is transcribed by the
// loopback OpenAI server, a search finds a word that was spoken and opens the recording at that
// moment; deleting the interview removes its rows and its files.

const SPOKEN = 'We moved the billing ledger to a quieter database cluster';

test('search finds a spoken word and jumps to it; delete removes rows and files', async ({ page }) => {
  const fake = await startFakeOpenAI();
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const sessionId = await startPracticeInterview(page, url);
    await answerQuestion(page, 2500, 0);
    await page.keyboard.press('Escape');
    await page.getByTestId('end-completed').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });

    // The transcript the fake service hears: the answer, placed inside the first answer's window.
    const db = server.db();
    const q = db
      .prepare('SELECT answer_started_offset_ms AS start, answer_ended_offset_ms AS end FROM session_questions WHERE session_id = ? AND position = 0')
      .get(sessionId) as { start: number; end: number };
    db.close();
    const words = SPOKEN.split(' ');
    const startS = (q.start + 300) / 1000;
    const stepS = (q.end - q.start - 600) / 1000 / words.length;
    fake.setTranscript({
      kind: 'reply',
      body: {
        task: 'transcribe',
        language: 'english',
        text: SPOKEN,
        segments: [{ id: 0, start: startS, end: startS + stepS * words.length, text: ` ${SPOKEN}.`, avg_logprob: -0.2 }],
        words: words.map((word, i) => ({ word, start: startS + i * stepS, end: startS + (i + 0.8) * stepS })),
      },
    });
    await page.getByTestId('settings-link').click();
    await page.getByTestId('settings-base-url').fill(fake.baseUrl);
    await page.getByTestId('settings-api-key').fill('sk-e2e-test');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await expect
      .poll(
        () => {
          const check = server.db();
          const n = check.prepare('SELECT count(*) FROM transcript_segments').pluck().get() as number;
          check.close();
          return n;
        },
        { timeout: 60_000 },
      )
      .toBe(1);

    // Search from the library: "/" focuses the box; a prefix of a spoken word is enough.
    await page.getByRole('link', { name: 'Sessions' }).click();
    await expect(page.getByTestId('session-row')).toHaveCount(1);
    await page.keyboard.press('/');
    await page.keyboard.type('ledg');
    const hit = page.locator('[data-testid="search-hit"][data-kind="transcript"]');
    await expect(hit).toHaveCount(1);
    await expect(hit.locator('mark')).toHaveText('ledger');
    await page.screenshot({ path: test.info().outputPath('search.png') });
    // Text that is FTS syntax is searched as words, never an error.
    await page.getByTestId('library-search').fill('"ledger" OR (NEAR');
    await expect(page.getByText('Nothing found')).toBeVisible();
    await page.getByTestId('library-search').fill('quieter datab');
    await expect(hit).toHaveCount(1);

    const expectedMs = Math.round(startS * 1000);
    await hit.click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}\\?t=${expectedMs}$`));
    const video = page.getByTestId('recording-video');
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => Math.round(v.currentTime * 1000)), { timeout: 15_000 }).toBe(expectedMs);
    await page.screenshot({ path: test.info().outputPath('jumped.png') });

    // Delete from the library, after confirming.
    // Back in the library the search is still there, as the user left it; clearing shows the list.
    await page.getByRole('link', { name: 'Sessions' }).click();
    await expect(hit).toHaveCount(1);
    await page.getByTestId('library-search').fill('');
    const row = page.getByTestId('session-row');
    await row.hover();
    await row.getByTestId('delete-session').click();
    await expect(page.getByRole('dialog')).toContainText('cannot be undone');
    await page.screenshot({ path: test.info().outputPath('delete-confirm.png') });
    await page.getByTestId('confirm-action').click();
    await expect(page.getByTestId('start-first')).toBeVisible();

    const folder = join(server.dataDir, 'recordings', sessionId);
    await expect.poll(() => existsSync(folder)).toBe(false);
    const after = server.db();
    for (const table of ['sessions', 'session_questions', 'recordings', 'jobs', 'transcripts', 'transcript_segments', 'media_files', 'voice_metrics', 'evaluations', 'search_docs WHERE session_id IS NOT NULL']) {
      expect(after.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    expect(after.prepare("SELECT count(*) FROM transcript_segments_fts WHERE transcript_segments_fts MATCH 'ledger'").pluck().get()).toBe(0);
    after.close();
  } finally {
    await server.stop();
    await fake.close();
  }
});
