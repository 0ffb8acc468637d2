import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DevServerProcess } from './support/devServer';
import { answerQuestion, startPracticeInterview } from './support/interview';

// The promise the product makes: a crash loses neither the recording nor its timestamps.

test('a recording survives SIGKILL of the main process and is recovered at the next start', async ({ page, browser }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const sessionId = await startPracticeInterview(page, url);
    await answerQuestion(page, 2000, 0);
    await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
    // Let about ten seconds reach the disk, as the page's own clock shows it.
    await expect(page.getByTestId('elapsed')).toHaveText(/00:1[0-9]/, { timeout: 30_000 });
    const elapsedMs = await page.evaluate(() => {
      const [m, s] = (document.querySelector('[data-testid="elapsed"]')!.textContent ?? '0:0').split(':').map(Number);
      return (m! * 60 + s!) * 1000;
    });

    await server.kill();

    await server.start();
    const db = server.db();
    const session = db.prepare('SELECT status, completed_at, duration_ms FROM sessions WHERE id = ?').get(sessionId) as {
      status: string;
      completed_at: number | null;
    };
    const recording = db.prepare('SELECT * FROM recordings WHERE session_id = ?').get(sessionId) as {
      path: string;
      status: string;
      interrupted_at: number | null;
      duration_ms: number;
    };
    const asked = db
      .prepare('SELECT position, asked_offset_ms, answer_ended_offset_ms FROM session_questions WHERE session_id = ? AND asked_offset_ms IS NOT NULL ORDER BY position')
      .all(sessionId) as { position: number; asked_offset_ms: number; answer_ended_offset_ms: number | null }[];
    const events = db.prepare("SELECT kind FROM session_events WHERE session_id = ?").pluck().all(sessionId);
    db.close();

    expect(session.status).toBe('interrupted');
    expect(session.completed_at).toBeNull();
    expect(recording.status).toBe('finalized');
    expect(recording.interrupted_at).not.toBeNull();
    expect(events).toContain('recovered');
    // Both questions asked before the kill, the first one answered.
    expect(asked.map((q) => q.position)).toEqual([0, 1]);
    expect(asked[0]!.answer_ended_offset_ms).not.toBeNull();
    expect(asked[1]!.asked_offset_ms).toBeGreaterThan(asked[0]!.answer_ended_offset_ms!);

    const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', join(server.dataDir, recording.path)]);
    const playableMs = Number(out.toString().trim()) * 1000;
    expect(playableMs).toBeGreaterThanOrEqual(elapsedMs - 2000);

    // The user sees it as recovered, in a fresh page on the restarted app.
    const fresh = await browser.newPage();
    await fresh.goto(`${server.url}#/sessions/${sessionId}`);
    await expect(fresh.getByTestId('session-status')).toContainText(/interrupt|recover/i);
    await expect(fresh.getByTestId('recording-video')).toBeVisible();
    await fresh.screenshot({ path: test.info().outputPath('recovered.png') });
    await fresh.close();
  } finally {
    await server.stop();
  }
});
