import { expect, type Page } from '@playwright/test';

export interface SetQuestionSpec {
  text: string;
  thinkSeconds?: number;
  limitSeconds?: number;
  retakes?: number;
}

/** Writes a custom set (interview type Custom) in the editor and saves it; returns its id. */
export async function createQuestionSet(page: Page, url: string, name: string, questions: SetQuestionSpec[]): Promise<string> {
  await page.goto(`${url}#/question-sets/new`);
  await page.getByTestId('set-name').fill(name);
  for (const [i, q] of questions.entries()) {
    if (i > 0) await page.getByTestId('add-question').click();
    await page.getByTestId('question-text').nth(i).fill(q.text);
    await page.getByTestId('think-seconds').nth(i).fill(String(q.thinkSeconds ?? 0));
    await page.getByTestId('limit-seconds').nth(i).fill(q.limitSeconds === undefined ? '' : String(q.limitSeconds));
    await page.getByTestId('retakes').nth(i).fill(String(q.retakes ?? 0));
  }
  await page.getByTestId('save-set').click();
  await expect(page).toHaveURL(/#\/question-sets\/[0-9a-f-]{36}$/);
  return /#\/question-sets\/([0-9a-f-]{36})/.exec(page.url())![1]!;
}
