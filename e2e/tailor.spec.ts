import { expect, test } from '@playwright/test';
import PDFDocument from 'pdfkit';
import { startFakeOpenAI } from '../main/testing/fakeOpenAI';
import { DevServerProcess } from './support/devServer';
import { configureAi } from './support/settings';

// Tailored questions through the UI: a resume PDF read in main, a pasted job description,
// questions written by the loopback OpenAI-compatible server, edited, reordered and trimmed,
// then an interview whose questions in the database are exactly the reviewed ones.

const POSTING = 'Acme is hiring a Staff Engineer to own event streaming and mentor four engineers.';

const GENERATED = [
  {
    text: 'Walk me through the billing migration to Kafka.',
    category: 'Resume deep-dive',
    difficulty: 'medium',
    keywords: ['Kafka', 'latency', 'rollback'],
    lookFor: 'Their own part in the work, with numbers.',
    basis: 'resume',
  },
  {
    text: 'How do you keep an event schema compatible as teams change it?',
    category: 'Event streaming',
    difficulty: 'hard',
    keywords: ['schema registry', 'versioning', 'consumers'],
    lookFor: 'Backward and forward compatibility rules.',
    basis: 'job',
  },
  {
    text: 'How would you mentor four engineers in your first quarter?',
    category: 'Leadership',
    difficulty: 'easy',
    keywords: ['goals', 'feedback', 'pairing'],
    lookFor: 'A plan per person.',
    basis: 'both',
  },
];

function resumePdf(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument();
    const parts: Buffer[] = [];
    doc.on('data', (p: Buffer) => parts.push(p));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.text('Jordan Lee. Led the migration of the billing service to Kafka, cutting latency by 40%.');
    doc.end();
  });
}

test('resume and job → generated questions → edit, reorder, remove → the session has them', async ({ page }) => {
  const fake = await startFakeOpenAI();
  fake.setChatReply({ questions: GENERATED });
  const server = new DevServerProcess();
  const url = await server.start();
  try {
    // No AI set up yet (no key for the default endpoint): the section says so and points to Settings.
    await page.goto(`${url}#/new`);
    await page.getByTestId('job-description').fill(POSTING);
    await page.getByTestId('tailor-generate').click();
    await expect(page.getByTestId('tailor-ai-missing')).toContainText('Writing tailored questions needs AI.');
    await page.getByTestId('tailor-section').screenshot({ path: 'test-results/tailor-no-ai.png' });

    await configureAi(page, url, fake.baseUrl, 'sk-e2e-tailor');

    await page.goto(`${url}#/new`);
    await page.getByTestId('job-title').fill('Staff Engineer');
    await page.getByTestId('candidate-select').selectOption({ label: 'Me (practice)' });
    await page.getByLabel('Speak questions aloud').uncheck();
    await page.getByTestId('job-description').fill('');
    await expect(page.getByTestId('tailor-generate')).toBeDisabled();

    // A wrong type is refused in the page with a sentence; then the real resume.
    await page.getByTestId('resume-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([1, 2, 3]) });
    await expect(page.getByRole('alert').filter({ hasText: '“photo.png” is not a file the app can read.' })).toBeVisible();
    await page.getByTestId('resume-input').setInputFiles({ name: 'Jordan Lee.pdf', mimeType: 'application/pdf', buffer: await resumePdf() });
    await expect(page.getByTestId('resume')).toHaveValue(/migration of the billing service to Kafka/);
    await expect(page.getByTestId('resume-file')).toHaveText('Jordan Lee.pdf');
    await page.getByTestId('job-description').fill(POSTING);
    await page.screenshot({ path: 'test-results/tailor-inputs.png' });

    // A slow service: the progress state, then Esc cancels it and nothing is kept.
    fake.enqueueFault({ kind: 'hang' }, 'chat');
    await page.getByTestId('tailor-generate').click();
    await expect(page.getByTestId('tailor-generate')).toHaveText('Writing questions…');
    await expect(page.getByRole('status').filter({ hasText: 'can take up to a minute' })).toBeVisible();
    await page.screenshot({ path: 'test-results/tailor-generating.png' });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tailor-generate')).toHaveText('Write questions');
    await expect(page.getByTestId('tailored-question')).toHaveCount(0);

    // A refusal: its sentence, and still nothing kept.
    fake.enqueueFault({ kind: 'refusal', text: 'I cannot help with that.' }, 'chat');
    await page.getByTestId('tailor-generate').click();
    await expect(page.getByTestId('tailor-error')).toHaveText('The AI service declined to write questions: “I cannot help with that.”');
    await expect(page.getByTestId('tailored-question')).toHaveCount(0);

    // This time from the keyboard, in the job description box.
    await page.getByTestId('job-description').press('Control+Enter');
    const rows = page.getByTestId('tailored-question');
    await expect(rows).toHaveCount(3);
    await expect(page.getByTestId('tailor-using')).toHaveText('The interview uses these 3 questions instead of a question set.');
    await expect(page.getByTestId('question-set')).toHaveCount(0);
    const sent = fake.requests.filter((r) => r.endpoint === 'chat').at(-1)?.chat?.messages.map((m) => m.content).join('\n') ?? '';
    expect(sent).toContain('cutting latency by 40%');
    expect(sent).toContain(POSTING);
    await page.screenshot({ path: 'test-results/tailor-drafts.png', fullPage: true });

    // Edit the first, move the third up (button), remove the middle one.
    await rows.nth(0).getByTestId('tailored-question-text').fill('Tell me about the Kafka migration and how you measured it.');
    await page.getByRole('button', { name: 'Move question 3 up' }).click();
    await expect(rows.nth(1).getByTestId('tailored-question-text')).toHaveValue(GENERATED[2]!.text);
    await rows.nth(2).getByTestId('tailored-question-remove').click();
    await expect(rows).toHaveCount(2);

    // Drag the second above the first with the mouse, then back with the keyboard.
    const texts = () => rows.getByTestId('tailored-question-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    const [edited, third] = await texts();
    const from = (await rows.nth(1).getByTestId('tailored-question-handle').boundingBox())!;
    const to = (await rows.nth(0).boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + 20, to.y + 10, { steps: 12 });
    await page.mouse.up();
    await expect.poll(texts).toEqual([third, edited]);
    // Each key waits for what the screen reader is told, so no key lands before the drag is ready.
    const live = page.locator('[id^="DndLiveRegion"]');
    await rows.nth(0).getByTestId('tailored-question-handle').focus();
    await page.keyboard.press('Space');
    await expect(live).toContainText(/Picked up question 1\.|Question 1 is over position 1\./);
    await page.keyboard.press('ArrowDown');
    await expect(live).toContainText('over position 2');
    await page.keyboard.press('Space');
    await expect(live).toContainText('dropped at position 2');
    await expect.poll(texts).toEqual([edited, third]);

    await page.getByTestId('start-interview').click();
    await expect(page).toHaveURL(/#\/room\//);
    await expect(page.getByTestId('rec-indicator')).toBeVisible();
    const sessionId = /#\/room\/([^/?]+)/.exec(page.url())![1]!;
    await expect(page.getByTestId('question-text')).toHaveText('Tell me about the Kafka migration and how you measured it.');

    const db = server.db();
    const session = db.prepare('SELECT resume_file_name, resume_text, job_description FROM sessions WHERE id = ?').get(sessionId) as {
      resume_file_name: string;
      resume_text: string;
      job_description: string;
    };
    const questions = db
      .prepare('SELECT text, category, difficulty, keywords FROM session_questions WHERE session_id = ? ORDER BY position')
      .all(sessionId);
    db.close();
    expect(session.resume_file_name).toBe('Jordan Lee.pdf');
    expect(session.resume_text).toContain('cutting latency by 40%');
    expect(session.job_description).toBe(POSTING);
    expect(questions).toEqual([
      { text: 'Tell me about the Kafka migration and how you measured it.', category: 'Resume deep-dive', difficulty: 'medium', keywords: '["Kafka","latency","rollback"]' },
      { text: GENERATED[2]!.text, category: 'Leadership', difficulty: 'easy', keywords: '["goals","feedback","pairing"]' },
    ]);
    expect(fake.problems).toEqual([]);
  } finally {
    await server.stop();
    await fake.close();
  }
});
