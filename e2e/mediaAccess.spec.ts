import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startDevServer } from '../main/devweb/server';
import { createLogger } from '../main/log';

// macOS said no to the camera: setup explains where to allow it and does not start an
// interview that would record black video. The real services with the shell's answer replaced
// (browser mode has no system to ask); the page sees the same answer the Electron shell gives.

const ROOT = resolve(__dirname, '..');

test('a camera refused by the system is explained, and no interview starts', async ({ page }) => {
  let camera: 'denied' | 'granted' = 'denied';
  const server = await startDevServer({
    dataDir: mkdtempSync(join(tmpdir(), 'ir-e2e-access-')),
    port: 0,
    rendererDir: join(ROOT, 'out', 'renderer'),
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    appVersion: '0.0.0-e2e',
    log: createLogger('e2e', () => undefined),
    askMediaAccess: async () => ({ camera, microphone: 'granted', settingsHint: 'System Settings › Privacy & Security › Camera and Microphone' }),
  });
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}#/new`);
    const devices = page.locator('section[aria-labelledby="devices-heading"]');
    await expect(devices).toContainText('Interview Recorder is not allowed to use the camera');
    await expect(devices).toContainText('System Settings › Privacy & Security');
    await devices.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('denied.png') });

    await page.getByTestId('job-title').fill('Engineer');
    await page.getByTestId('candidate-select').selectOption({ label: 'Me (practice)' });
    await page.getByTestId('start-interview').click();
    await expect(page.getByText('The camera and microphone must work before the interview can start.')).toBeVisible();
    await expect(page).toHaveURL(/#\/new$/);
    expect(await server.app.dispatch('sessions:list', undefined)).toEqual({ ok: true, value: [] });

    // Allowed in System Settings, then "Try again": the preview starts.
    camera = 'granted';
    await devices.getByRole('button', { name: /try again/i }).click();
    await expect(devices).not.toContainText('not allowed');
    await expect(devices.locator('video')).toBeVisible();
  } finally {
    await server.close();
  }
});
