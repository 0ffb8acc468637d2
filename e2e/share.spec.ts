import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { recordInterview } from '../main/testing/interview';
import { plainApp } from '../main/testing/plainApp';
import { makeLiveWebm } from '../main/testing/media';
import { DevServerProcess } from './support/devServer';

// The export and import dialogs in Chromium through the bridge (browser mode): export with
// redaction, download the bundle, upload it back and answer the duplicate question.

const SHOTS = process.env.SCREENSHOT_DIR ?? null;

test('export a redacted bundle, download it, import it back choosing replace', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'ir-share-e2e-'));
  const server = new DevServerProcess(join(work, 'data'));
  try {
    const app = await plainApp(server.dataDir);
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 6);
    const { session, marked } = await recordInterview(app, readFileSync(live), [
      { asked: 100, start: 500, end: 2500 },
      { asked: 2600, start: 3000, end: 5000 },
    ]);
    await app.close();
    const url = await server.start();

    await page.goto(`${url}#/sessions/${session.id}`);
    await page.getByTestId('export-open').click();
    const dialog = page.getByTestId('export-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByText('Remove parts before export').click();
    await page.getByTestId('export-webm').check();
    await page.getByTestId('export-trim-start').fill('0:00.3');
    await page.getByTestId('export-drop-1').check();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'export-dialog.png') });
    await page.getByTestId('export-trim-end').fill('0:00.1');
    await expect(dialog.getByRole('alert')).toHaveText('The end must come after the start.');
    await page.getByTestId('export-trim-end').fill('');
    await page.getByTestId('export-start').click();
    await expect(page.getByTestId('export-done')).toBeVisible({ timeout: 60_000 });
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'export-done.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
    const bundle = join(work, 'downloaded.interview');
    await download.saveAs(bundle);
    expect(execFileSync('unzip', ['-t', bundle]).toString()).toContain('No errors detected');
    const manifest = JSON.parse(execFileSync('unzip', ['-p', bundle, 'manifest.json']).toString()) as { redactions: Record<string, { kind: string; sessionQuestionId?: string }[]> };
    expect(manifest.redactions[session.id]).toEqual([
      expect.objectContaining({ kind: 'trim', startMs: 300 }),
      expect.objectContaining({ kind: 'answer', sessionQuestionId: marked[1]!.id }),
    ]);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Back in: the session is already here, so the dialog asks; replace takes the redacted copy.
    await page.goto(`${url}#/`);
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(bundle);
    await expect(page.getByTestId('import-sessions')).toContainText('Already here');
    await page.getByTestId('import-replace').check();
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'import-dialog.png') });
    await page.getByTestId('import-start').click();
    await expect(page.getByTestId('import-done')).toContainText('replaced 1');
    const db = server.db();
    try {
      const q = db.prepare('SELECT answer_started_offset_ms AS s FROM session_questions WHERE id = ?').get(marked[1]!.id) as { s: number | null };
      expect(q.s).toBeNull();
      const first = db.prepare('SELECT answer_started_offset_ms AS s FROM session_questions WHERE id = ?').get(marked[0]!.id) as { s: number };
      expect(first.s).toBe(200);
    } finally {
      db.close();
    }

    // A file that is no bundle: a sentence, no stack trace.
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles({ name: 'bad.interview', mimeType: 'application/octet-stream', buffer: Buffer.from('nope') });
    await expect(page.getByTestId('import-error')).toHaveText('The file is not a complete .interview bundle: it is truncated or damaged.');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'import-error.png') });
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
