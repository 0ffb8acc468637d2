import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { recordInterview } from '../main/testing/interview';
import { makeLiveWebm } from '../main/testing/media';
import { plainApp } from '../main/testing/plainApp';
import { DevServerProcess } from './support/devServer';

// Files the OS opens (double-click), in Chromium through the bridge: the dev server opens the
// files named on its command line as the desktop shell does. The page goes to the Sessions page
// and the import dialog is already on the bundle; a kit gets its sentence next.

const SHOTS = process.env.SCREENSHOT_DIR ?? null;

test('a double-clicked bundle opens the import dialog on it and imports; a kit is explained', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'ir-open-e2e-'));
  const server = new DevServerProcess(join(work, 'data'));
  try {
    const source = await plainApp(join(work, 'source'));
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 2);
    const { session } = await recordInterview(source, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }]);
    const bundle = join(work, 'Ada.interview');
    await source.share.exportSessions({ sessionIds: [session.id], out: bundle, video: 'webm', includeReport: false });
    await source.close();
    const kit = join(work, 'Backend.interviewkit');
    writeFileSync(kit, 'kit');

    const url = await server.start([bundle, kit]);
    // Wherever the page starts, it is brought to the Sessions page for the file.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${url}#/settings`);
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog).toBeVisible({ timeout: 20_000 });
    await expect(page).toHaveURL(/#\/$/);
    await expect(dialog).toContainText('Ada.interview holds one interview');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'open-file-review.png') });
    await page.getByTestId('import-start').click();
    await expect(page.getByTestId('import-done')).toContainText('Imported 1');
    const db = server.db();
    try {
      expect(db.prepare('SELECT id FROM sessions').all()).toEqual([{ id: session.id }]);
    } finally {
      db.close();
    }
    await page.getByRole('button', { name: 'Close' }).click();

    // The second file: a kit, which this version cannot import; said in the dialog.
    await expect(page.getByTestId('import-error')).toHaveText('Backend.interviewkit is an interview kit; this version cannot import kits yet, only .interview files.');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'open-file-kit.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    // Nothing is offered twice after a reload.
    await page.reload();
    await expect(page.getByTestId('import-open')).toBeVisible();
    await expect(dialog).toBeHidden();
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
