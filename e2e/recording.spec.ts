import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DevServerProcess } from './support/devServer';
import { answerQuestion, startPracticeInterview } from './support/interview';

// A whole practice interview in Chromium, through the bridge to the real main services:
// fake camera (y4m) and microphone (espeak speech), real MediaRecorder, real ffmpeg.

interface QuestionRow {
  position: number;
  asked_offset_ms: number | null;
  answer_started_offset_ms: number | null;
  answer_ended_offset_ms: number | null;
  asked_at: number | null;
}

function probe(file: string) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file]);
  return JSON.parse(out.toString()) as { format: { duration: string }; streams: { codec_type: string }[] };
}

test('record three answers, stop, and replay with question markers', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    const sessionId = await startPracticeInterview(page, url);
    for (let i = 0; i < 3; i++) await answerQuestion(page, 2500, i);

    await page.keyboard.press('Escape');
    await page.getByTestId('end-completed').click();
    await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}`), { timeout: 60_000 });
    await expect(page.getByTestId('session-status')).toContainText(/completed/i);

    const db = server.db();
    const session = db.prepare('SELECT status, completed_at, duration_ms FROM sessions WHERE id = ?').get(sessionId) as {
      status: string;
      completed_at: number | null;
      duration_ms: number;
    };
    const recording = db.prepare('SELECT * FROM recordings WHERE session_id = ?').get(sessionId) as {
      path: string;
      status: string;
      duration_ms: number;
      started_at: number;
      ended_at: number;
      codecs: string;
    };
    const questions = db
      .prepare('SELECT * FROM session_questions WHERE session_id = ? ORDER BY position')
      .all(sessionId) as QuestionRow[];
    db.close();

    expect(session.status).toBe('completed');
    expect(session.completed_at).not.toBeNull();
    expect(recording.status).toBe('finalized');
    expect(recording.codecs).toMatch(/^vp[89],opus$/);

    const answered = questions.filter((q) => q.answer_ended_offset_ms !== null);
    expect(answered.map((q) => q.position)).toEqual([0, 1, 2]);
    const timeline = answered.flatMap((q) => [q.asked_offset_ms!, q.answer_started_offset_ms!, q.answer_ended_offset_ms!]);
    expect(timeline).toEqual([...timeline].sort((a, b) => a - b));
    expect(new Set(timeline).size).toBe(timeline.length);
    for (const q of answered) expect(q.answer_ended_offset_ms! - q.answer_started_offset_ms!).toBeGreaterThanOrEqual(2400);
    expect(timeline.at(-1)!).toBeLessThan(recording.duration_ms);

    const file = join(server.dataDir, recording.path);
    expect(existsSync(file)).toBe(true);
    const info = probe(file);
    expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    const seconds = Number(info.format.duration);
    expect(Math.abs(seconds * 1000 - recording.duration_ms)).toBeLessThan(100);
    // Main's own clock saw the recording start and stop: the file cannot be longer. How much
    // shorter depends on the camera's start-up under load; that nothing is missing is the
    // timeline check above (every answer ends inside the file).
    expect(seconds * 1000).toBeLessThanOrEqual(recording.ended_at - recording.started_at + 100);

    // Replay: the video plays through the media URL, seeks, and each asked question has a marker.
    const video = page.getByTestId('recording-video');
    await expect(video).toBeVisible();
    // The fourth question may have been asked before Escape: one marker per asked question.
    const asked = questions.filter((q) => q.asked_offset_ms !== null).length;
    expect(asked).toBeGreaterThanOrEqual(3);
    await expect(page.getByTestId('question-marker')).toHaveCount(asked);
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
    expect(await video.evaluate((v: HTMLVideoElement) => v.duration)).toBeCloseTo(seconds, 0);
    await page.getByTestId('question-marker').nth(2).click();
    const expected = answered[2]!.asked_offset_ms! / 1000;
    await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThanOrEqual(expected - 0.3);
    await page.screenshot({ path: test.info().outputPath('playback.png') });

    // The list shows it after a reload.
    await page.goto(`${url}#/`);
    await expect(page.getByTestId('session-row')).toHaveCount(1);
  } finally {
    await server.stop();
  }
});
