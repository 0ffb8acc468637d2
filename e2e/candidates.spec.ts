import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { seedLibrary } from '../main/testing/librarySeed';
import { DevServerProcess } from './support/devServer';

// The library with many sessions, the candidates view (create, edit, delete with their
// sessions and files), the dashboard's two views and the retention setting, through the real
// renderer and bridge on generated data.

const SESSIONS = 300;

test('many sessions: sort and filter; candidates: create, edit, delete; dashboard; retention', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const writer = new BetterSqlite3(join(server.dataDir, 'interview-recorder.sqlite'));
    writer.pragma('foreign_keys = ON');
    seedLibrary(writer, { sessions: SESSIONS, candidates: 6, segmentsPerSession: 2, questionsPerSession: 3, now: Date.now(), spacingMs: 6 * 3600_000 });
    writer.close();
    const db = server.db();
    const one = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as T;

    await page.goto(url);
    await expect(page.getByText(`${SESSIONS} interviews on this computer.`)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('library-many.png') });
    await page.getByTestId('sort-score').click();
    const best = one<number>("SELECT max(overall) FROM evaluations WHERE source = 'ai'");
    await expect(page.getByTestId('session-row').first()).toContainText(best.toFixed(1));
    await page.getByTestId('filter-status').selectOption('cancelled');
    const cancelled = one<number>("SELECT count(*) FROM sessions WHERE status = 'cancelled'");
    await expect(page.getByText(`${cancelled} interview${cancelled === 1 ? '' : 's'} match the filters.`)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('library-filtered.png') });

    // Candidates: a new one, then an edit.
    await page.getByTestId('candidates-link').click();
    await expect(page.getByTestId('candidate-row')).toHaveCount(6);
    await page.getByTestId('new-candidate').click();
    await page.getByTestId('candidate-name').fill('Zed Example');
    await page.getByTestId('candidate-email').fill('zed@example.com');
    await page.getByTestId('candidate-save').click();
    const zed = page.getByTestId('candidate-row').filter({ hasText: 'Zed Example' });
    await expect(zed).toContainText('zed@example.com');
    await zed.getByTestId('edit-candidate').click();
    await page.getByTestId('candidate-position').fill('Platform engineer');
    await page.getByTestId('candidate-save').click();
    await expect(zed).toContainText('Platform engineer');
    expect(one<string>("SELECT position FROM candidates WHERE name = 'Zed Example'")).toBe('Platform engineer');
    await page.screenshot({ path: test.info().outputPath('candidates.png') });

    // Deleting a candidate takes their sessions and files with them.
    const victim = db.prepare('SELECT id, name FROM candidates WHERE is_self = 0 ORDER BY name LIMIT 1').get() as { id: string; name: string };
    const theirs = db.prepare('SELECT id FROM sessions WHERE candidate_id = ?').pluck().all(victim.id) as string[];
    expect(theirs.length).toBeGreaterThan(0);
    const folder = join(server.dataDir, 'recordings', theirs[0]!);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'x.webm'), 'video');
    const row = page.getByTestId('candidate-row').filter({ hasText: victim.name });
    await row.getByTestId('delete-candidate').click();
    await expect(page.getByRole('dialog')).toContainText(`Their ${theirs.length} interviews`);
    await page.getByTestId('confirm-action').click();
    await expect(row).toHaveCount(0);
    expect(one<number>('SELECT count(*) FROM sessions WHERE candidate_id = ?', victim.id)).toBe(0);
    expect(one<number>('SELECT count(*) FROM sessions')).toBe(SESSIONS - theirs.length);
    expect(existsSync(folder)).toBe(false);

    // Dashboard: the practising user's progress, then the hiring overview.
    await page.getByTestId('dashboard-link').click();
    await expect(page.locator('.stat').first()).toContainText(String(one<number>('SELECT count(*) FROM sessions s JOIN candidates c ON c.id = s.candidate_id WHERE c.is_self = 1')));
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: test.info().outputPath('dashboard-candidate.png'), fullPage: true });
    await page.getByTestId('dashboard-manager-tab').click();
    await expect(page.locator('.positions-table tbody tr').first()).toBeVisible();
    await expect(page.locator('.stat').first()).toContainText(String(SESSIONS - theirs.length));
    await page.screenshot({ path: test.info().outputPath('dashboard-manager.png'), fullPage: true });

    // Retention: off by default, then 30 days, kept after a reload.
    await page.getByTestId('settings-link').click();
    await expect(page.getByTestId('retention-enabled')).not.toBeChecked();
    await page.getByTestId('retention-enabled').check();
    await page.getByTestId('retention-days').fill('30');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    await page.reload();
    await expect(page.getByTestId('retention-days')).toHaveValue('30');
    expect(JSON.parse(one<string>("SELECT value FROM settings WHERE key = 'app'")).retentionDays).toBe(30);
    await page.screenshot({ path: test.info().outputPath('settings-retention.png'), fullPage: true });
    db.close();
  } finally {
    await server.stop();
  }
});
