import { expect, type Page } from '@playwright/test';

/** Fills the setup screen for a practice (or assessment) interview and starts it; returns the session id. */
export async function startPracticeInterview(page: Page, url: string, type = 'behavioral', mode: 'practice' | 'assessment' = 'practice'): Promise<string> {
  await page.goto(`${url}#/new`);
  await page.getByTestId('interview-type').selectOption(type);
  // The mode's radios are styled as a segmented control: the label is what a user clicks.
  if (mode === 'assessment') await page.locator('label', { hasText: /^Assessment$/ }).click();
  await page.getByTestId('job-title').fill('Staff engineer');
  await page.getByTestId('candidate-select').selectOption({ label: 'Me (practice)' });
  // Speech synthesis is optional in headless Chromium; captions time the questions instead.
  await page.getByLabel('Speak questions aloud').uncheck();
  await page.getByTestId('start-interview').click();
  await expect(page).toHaveURL(/#\/room\//);
  await expect(page.getByTestId('rec-indicator')).toBeVisible();
  return /#\/room\/([^/?]+)/.exec(page.url())![1]!;
}

/** Waits until the candidate may answer the current question, lets them talk, then moves on. */
export async function answerQuestion(page: Page, talkMs: number, index: number): Promise<void> {
  await expect(page.getByTestId('answering')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('question-count')).toContainText(`Question ${index + 1} of`);
  // The fake microphone speaks for this long: real time on the recording, not a sleep for sync.
  await page.waitForTimeout(talkMs);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('question-count')).not.toContainText(`Question ${index + 1} of`, { timeout: 15_000 });
}
