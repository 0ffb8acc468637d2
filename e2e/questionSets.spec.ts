import { expect, test, type Page } from '@playwright/test';
import { DevServerProcess } from './support/devServer';

// The question-set editor through the bridge in Chromium: create a set, reorder its questions
// by keyboard drag and drop, use it in an interview, then edit the set: the interview keeps the
// copy it was created with.

const QUESTIONS = ['First, tell me about yourself.', 'Second, why this team?', 'Third, what would you change first?'];

async function fillQuestion(page: Page, index: number, text: string) {
  await page.getByTestId('question-text').nth(index).fill(text);
}

test('create a set, reorder it, use it in a session; the session keeps its copy after the set is edited', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    await page.goto(`${url}#/`);
    await page.getByTestId('question-sets-link').click();
    await expect(page.getByText('No sets of your own yet')).toBeVisible();
    await expect(page.getByTestId('builtin-sets').getByTestId('question-set-row')).toHaveCount(7);
    await page.screenshot({ path: test.info().outputPath('question-sets-empty.png') });

    // A new set with three questions; the first is timed.
    await page.getByTestId('new-question-set').click();
    await expect(page).toHaveURL(/#\/question-sets\/new$/);
    await page.getByTestId('save-set').click();
    await expect(page.getByText('Give the set a name.')).toBeVisible();
    await page.getByTestId('set-name').fill('Team lead loop');
    await page.getByTestId('set-instructions').fill('Answer as you would to the hiring manager.');
    await fillQuestion(page, 0, QUESTIONS[0]!);
    await page.getByTestId('think-seconds').first().fill('2');
    await page.getByTestId('limit-seconds').first().fill('90');
    for (const [i, text] of QUESTIONS.slice(1).entries()) {
      await page.getByTestId('add-question').click();
      await fillQuestion(page, i + 1, text);
    }
    await expect(page.getByTestId('save-status')).toHaveText('Unsaved changes');
    await page.screenshot({ path: test.info().outputPath('question-set-editor.png'), fullPage: true });
    await page.keyboard.press('Control+s');
    await expect(page).toHaveURL(/#\/question-sets\/[0-9a-f-]{36}$/);
    const setId = /#\/question-sets\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await expect(page.getByTestId('save-set')).toBeDisabled();

    // Reorder with the keyboard: the third question moves to the top, and is saved at once.
    // Each key waits for what the screen reader is told, so no key lands before the drag is ready.
    const live = page.locator('[id^="DndLiveRegion"]');
    await page.getByTestId('drag-handle').nth(2).focus();
    await page.keyboard.press('Space');
    await expect(live).toContainText(/question 3/i);
    await page.keyboard.press('ArrowUp');
    await expect(live).toContainText('over position 2');
    await page.keyboard.press('ArrowUp');
    await expect(live).toContainText('over position 1');
    await page.keyboard.press('Space');
    await expect(live).toContainText('dropped at position 1');
    await expect(page.getByTestId('save-status')).toHaveText('New order saved.');
    await expect(page.getByTestId('question-text')).toHaveText([QUESTIONS[2]!, QUESTIONS[0]!, QUESTIONS[1]!]);
    const order = () => {
      const db = server.db();
      const rows = db.prepare('SELECT text FROM questions WHERE question_set_id = ? ORDER BY position').pluck().all(setId);
      db.close();
      return rows;
    };
    expect(order()).toEqual([QUESTIONS[2], QUESTIONS[0], QUESTIONS[1]]);

    // Use it: setup offers it among "Your sets"; the room asks its first question.
    await page.goto(`${url}#/new`);
    await page.getByTestId('job-title').fill('Team lead');
    await page.getByTestId('candidate-select').selectOption({ label: 'Me (practice)' });
    await page.getByTestId('question-set').selectOption({ label: 'Team lead loop (Custom)' });
    await expect(page.getByTestId('set-instructions-preview')).toContainText('hiring manager');
    await page.getByLabel('Speak questions aloud').uncheck();
    await page.getByTestId('start-interview').click();
    await expect(page).toHaveURL(/#\/room\//);
    const sessionId = /#\/room\/([^/?]+)/.exec(page.url())![1]!;
    await expect(page.getByTestId('question-text')).toHaveText(QUESTIONS[2]!);
    await page.getByTestId('end-interview').click();
    await page.getByTestId('end-cancelled').click();
    await expect(page).not.toHaveURL(/#\/room\//, { timeout: 30_000 });

    // Edit the set: rename it, change a question, drop another.
    await page.goto(`${url}#/question-sets/${setId}`);
    await page.getByTestId('set-name').fill('Team lead loop v2');
    await fillQuestion(page, 0, 'A different opening question?');
    await page.getByTestId('delete-question').nth(2).click();
    await page.getByTestId('save-set').click();
    await expect(page.getByTestId('save-status')).toHaveText('Saved.');
    expect(order()).toEqual(['A different opening question?', QUESTIONS[0]]);

    const db = server.db();
    const session = db.prepare('SELECT question_set_id, question_set_name, instructions FROM sessions WHERE id = ?').get(sessionId);
    const copied = db
      .prepare('SELECT text, think_time_ms, answer_limit_ms FROM session_questions WHERE session_id = ? ORDER BY position')
      .all(sessionId);
    db.close();
    expect(session).toEqual({ question_set_id: setId, question_set_name: 'Team lead loop', instructions: 'Answer as you would to the hiring manager.' });
    expect(copied).toEqual([
      { text: QUESTIONS[2], think_time_ms: 0, answer_limit_ms: null },
      { text: QUESTIONS[0], think_time_ms: 2000, answer_limit_ms: 90_000 },
      { text: QUESTIONS[1], think_time_ms: 0, answer_limit_ms: null },
    ]);

    // A built-in set is read-only; duplicating it opens an editable copy.
    await page.goto(`${url}#/question-sets/behavioral`);
    await expect(page.getByText('cannot be changed')).toBeVisible();
    await page.getByTestId('duplicate-set').click();
    await expect(page.getByTestId('set-name')).toHaveValue(/\(copy\)$/);
    await page.getByTestId('question-sets-link').click();
    await expect(page.getByTestId('custom-sets').getByTestId('question-set-row')).toHaveCount(2);
    await page.screenshot({ path: test.info().outputPath('question-sets-list.png') });
  } finally {
    await server.stop();
  }
});

test('unsaved edits survive leaving the editor and a reload, until saved or discarded', async ({ page }) => {
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    await page.goto(`${url}#/question-sets/behavioral`);
    await page.getByTestId('duplicate-set').click();
    await expect(page.getByTestId('set-name')).toHaveValue(/\(copy\)$/);
    const editor = page.url();
    await page.getByTestId('set-name').fill('My behavioral');
    await page.getByTestId('question-sets-link').click();
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    await page.reload();
    await page.goto(editor);
    await expect(page.getByText('Your unsaved changes from last time are back')).toBeVisible();
    await expect(page.getByTestId('set-name')).toHaveValue('My behavioral');
    await page.getByTestId('discard-changes').click();
    await expect(page.getByTestId('set-name')).toHaveValue(/\(copy\)$/);
    await page.reload();
    await expect(page.getByTestId('set-name')).toHaveValue(/\(copy\)$/);
    await expect(page.getByText('Your unsaved changes from last time are back')).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
