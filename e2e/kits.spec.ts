import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { call } from '../main/testing/call';
import { exportedKit, KIT_CANDIDATE, KIT_SET } from '../main/testing/kit';
import { plainApp } from '../main/testing/plainApp';
import { DevServerProcess } from './support/devServer';

// Interview kits in Chromium through the bridge: the candidate imports a kit a hiring manager
// made (on another data folder), sets up the interview from it and the room asks its first
// question under the kit's rules; the hiring manager exports a set as a kit for a candidate.

const SHOTS = process.env.SCREENSHOT_DIR ?? null;
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: SHOTS ? join(SHOTS, name) : test.info().outputPath(name) });
};

test('a candidate imports a kit, the setup follows it and the room asks its first question with its limits', async ({ page }) => {
  test.setTimeout(120_000);
  const work = mkdtempSync(join(tmpdir(), 'ir-kit-e2e-'));
  const server = new DevServerProcess(join(work, 'candidate'));
  try {
    const manager = await plainApp(join(work, 'manager'));
    const kit = await exportedKit(manager, join(work, 'manager'));
    await manager.close();

    const url = await server.start();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${url}#/question-sets`);
    await expect(page.getByTestId('kits')).toContainText('No kits yet');
    await page.getByTestId('import-kit').click();
    await page.getByTestId('kit-file').setInputFiles(kit.file);
    const preview = page.getByTestId('kit-preview');
    await expect(preview).toContainText('Interview from Acme hiring team');
    await expect(preview).toContainText('Backend engineer');
    await expect(preview).toContainText(`For${KIT_CANDIDATE.name} (${KIT_CANDIDATE.email})`);
    await shot(page, 'kit-import-preview.png');
    await page.getByTestId('kit-import-start').click();
    await expect(page.getByTestId('kit-import-done')).toContainText('Imported Backend engineer at Acme');
    await expect(page.getByTestId('kits')).toContainText('Received');
    await page.getByTestId('kit-start-interview').click();

    // Setup: the kit's role, sender, mode and candidate, not editable; its instructions shown.
    await expect(page).toHaveURL(/#\/new$/);
    await expect(page.getByTestId('kit-banner')).toContainText('Interview from Acme hiring team');
    await expect(page.getByTestId('job-title')).toHaveValue('Backend engineer');
    await expect(page.getByTestId('job-title')).toBeDisabled();
    await expect(page.getByTestId('candidate-select').locator('option:checked')).toHaveText(new RegExp(KIT_CANDIDATE.name));
    await expect(page.getByTestId('set-instructions-preview')).toContainText('Find a quiet room.');
    await expect(page.getByTestId('question-preview')).toContainText(KIT_SET.questions[0]!.text);
    await page.getByLabel('Speak questions aloud').uncheck();
    await shot(page, 'kit-setup.png');
    await page.getByTestId('start-interview').click();
    // Ana is not this laptop's own user: she agrees to the recording first.
    await page.getByTestId('consent-accept').click();
    await expect(page).toHaveURL(/#\/room\//);
    const sessionId = /#\/room\/([^/?]+)/.exec(page.url())![1]!;

    // The room: the kit's first question, its 5 s of think time, then its 1:30 limit and one retake.
    await expect(page.getByTestId('question-text')).toHaveText(KIT_SET.questions[0]!.text);
    await expect(page.getByTestId('countdown')).toContainText('Think time');
    await shot(page, 'kit-room-thinking.png');
    await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('countdown')).toContainText('Time left');
    await expect(page.getByTestId('countdown')).toContainText(/1:[23]\d/);
    await expect(page.getByTestId('retake')).toHaveText('Retake (1 left)');
    await shot(page, 'kit-room-answering.png');

    const db = server.db();
    try {
      const session = db.prepare('SELECT kit_id, mode, job_title, company FROM sessions WHERE id = ?').get(sessionId);
      expect(session).toEqual({ kit_id: kit.kitId, mode: 'assessment', job_title: 'Backend engineer', company: 'Acme hiring team' });
      const rules = db.prepare('SELECT think_time_ms, answer_limit_ms, retakes_allowed FROM session_questions WHERE session_id = ? ORDER BY position').all(sessionId);
      expect(rules).toEqual(KIT_SET.questions.map((q) => ({ think_time_ms: q.thinkTimeMs, answer_limit_ms: q.answerLimitMs, retakes_allowed: q.retakesAllowed })));
    } finally {
      db.close();
    }
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('a hiring manager exports a set as a kit for a candidate and sees it waiting for the interview', async ({ page }) => {
  const work = mkdtempSync(join(tmpdir(), 'ir-kit-e2e-'));
  const server = new DevServerProcess(join(work, 'manager'));
  try {
    const seed = await plainApp(join(work, 'manager'));
    await call(seed, 'candidates:create', KIT_CANDIDATE);
    const set = await call(seed, 'questionSets:create', KIT_SET);
    await seed.close();

    const url = await server.start();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${url}#/question-sets`);
    const row = page.getByTestId('custom-sets').getByTestId('question-set-row').filter({ hasText: set.name });
    await row.getByTestId('export-kit').click();
    const dialog = page.getByTestId('kit-export-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('kit-instructions')).toHaveValue(KIT_SET.instructions!);
    // The role is needed: said, nothing written.
    await page.getByTestId('kit-export-save').click();
    await expect(dialog.getByRole('alert')).toHaveText('Say which role the interview is for.');
    await page.getByTestId('kit-role').fill('Platform engineer');
    await page.getByTestId('kit-sender').fill('Acme hiring team');
    await page.getByTestId('kit-candidate').selectOption({ label: `${KIT_CANDIDATE.name} (${KIT_CANDIDATE.email})` });
    await shot(page, 'kit-export-dialog.png');
    await page.getByTestId('kit-export-save').click();
    await expect(page.getByTestId('kit-export-done')).toContainText(`Send it to ${KIT_CANDIDATE.name}`);
    const download = page.waitForEvent('download');
    await page.getByTestId('kit-download').click();
    const saved = join(work, 'sent.interviewkit');
    await (await download).saveAs(saved);
    const file = JSON.parse(readFileSync(saved, 'utf8')) as { kit: { jobTitle: string; candidate: unknown; questions: unknown[] } };
    expect(file.kit).toMatchObject({ jobTitle: 'Platform engineer', candidate: KIT_CANDIDATE });
    expect(file.kit.questions).toHaveLength(KIT_SET.questions.length);
    await page.getByRole('button', { name: 'Close' }).click();
    const kits = page.getByTestId('kits');
    await expect(kits.getByTestId('kit-row')).toContainText(`For ${KIT_CANDIDATE.name}`);
    await expect(kits.getByTestId('kit-returns')).toContainText('No interview back yet');
    await shot(page, 'kit-list-sent.png');
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
