import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { recordInterview } from '../main/testing/interview';
import { makeLiveWebm } from '../main/testing/media';
import { exportedKit } from '../main/testing/kit';
import { plainApp } from '../main/testing/plainApp';
import { DevServerProcess } from './support/devServer';

// Files the OS opens (double-click), in Chromium through the bridge: the dev server opens the
// files named on its command line as the desktop shell does. The page goes to the Sessions page
// and the import dialog is already on the bundle; a kit opens the kit import on the Question
// sets page next.

const SHOTS = process.env.SCREENSHOT_DIR ?? null;

test('a double-clicked bundle opens the import dialog on it and imports; a kit then opens the kit import', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'ir-open-e2e-'));
  const server = new DevServerProcess(join(work, 'data'));
  try {
    const source = await plainApp(join(work, 'source'));
    const live = join(work, 'live.webm');
    makeLiveWebm(live, 2);
    const { session } = await recordInterview(source, readFileSync(live), [{ asked: 100, start: 300, end: 1500 }]);
    const bundle = join(work, 'Ada.interview');
    await source.share.exportSessions({ sessionIds: [session.id], out: bundle, video: 'webm', includeReport: false });
    const { file: kit } = await exportedKit(source, join(work, 'source'));
    await source.close();

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

    await expect(dialog).toBeHidden();

    // The second file: a kit, offered on the Question sets page with what it asks.
    const kitDialog = page.getByTestId('kit-import-dialog');
    await expect(kitDialog).toBeVisible();
    await expect(page).toHaveURL(/#\/question-sets$/);
    await expect(page.getByTestId('kit-preview')).toContainText('Interview from Acme hiring team');
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'open-file-kit.png') });
    await page.getByTestId('kit-import-start').click();
    await expect(page.getByTestId('kit-import-done')).toContainText('Imported');
    await kitDialog.getByRole('button', { name: 'Close' }).click();
    await expect(kitDialog).toBeHidden();
    await expect(page.getByTestId('custom-sets')).toContainText('Kit from Acme hiring team');
    // Nothing is offered twice after a reload.
    await page.reload();
    await expect(page.getByTestId('import-kit')).toBeVisible();
    await expect(kitDialog).toBeHidden();
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
