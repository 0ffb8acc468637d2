import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { INTERVIEW_TYPES } from '../../shared/domain/enums';
import { loadBuiltInQuestionSets } from './questionSets';

// The question sets the app ships, loaded from the real resources folder: what issue 4 asks of
// their content (enough questions, keywords, what the interviewer looks for, a spread of levels).

const RESOURCES = resolve(__dirname, '../../resources/question-sets');
const sets = loadBuiltInQuestionSets(RESOURCES);

const normalized = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

describe('built-in question sets', () => {
  it('one set for every interview type except custom, with unique ids', () => {
    const types = INTERVIEW_TYPES.filter((t) => t !== 'custom');
    expect(sets.map((s) => s.interviewType).sort()).toEqual([...types].sort());
    expect(new Set(sets.map((s) => s.id)).size).toBe(sets.length);
  });

  describe.each(sets.map((s) => [s.id, s] as const))('%s', (_id, set) => {
    it('has at least 15 questions, no two alike', () => {
      expect(set.questions.length).toBeGreaterThanOrEqual(15);
      const texts = set.questions.map((q) => normalized(q.text));
      const repeated = texts.filter((t, i) => texts.indexOf(t) !== i);
      expect(repeated).toEqual([]);
    });

    it('every question has 3 to 6 distinct keywords and says what the interviewer looks for', () => {
      const problems = set.questions.flatMap((q) => {
        const found: string[] = [];
        const keywords = new Set(q.keywords.map(normalized));
        if (q.keywords.length < 3 || q.keywords.length > 6) found.push(`${q.keywords.length} keywords`);
        if (keywords.size !== q.keywords.length) found.push('repeated keywords');
        if (!q.lookFor?.trim()) found.push('no lookFor');
        return found.map((f) => `${q.text}: ${f}`);
      });
      expect(problems).toEqual([]);
    });

    it('mixes difficulty levels', () => {
      expect(new Set(set.questions.map((q) => q.difficulty)).size).toBeGreaterThanOrEqual(2);
    });
  });
});

describe('loadBuiltInQuestionSets', () => {
  function dirWith(file: string, content: unknown): string {
    const dir = mkdtempSync(join(tmpdir(), 'ir-question-sets-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, file), JSON.stringify(content));
    return dir;
  }
  const question = { text: 'Why this job?', category: 'motivation', difficulty: 'easy', keywords: ['role fit'] };
  const file = { id: 'mine', name: 'Mine', interviewType: 'hr', description: '', questions: [question] };

  it('reads lookFor when given and leaves it out when not', () => {
    const dir = dirWith('mine.json', { ...file, questions: [question, { ...question, text: 'And?', lookFor: ' Fit. ' }] });
    const [set] = loadBuiltInQuestionSets(dir);
    expect(set!.questions.map((q) => q.lookFor)).toEqual([undefined, 'Fit.']);
  });

  it('refuses a file with an unknown difficulty or an empty lookFor, naming the file', () => {
    expect(() => loadBuiltInQuestionSets(dirWith('bad.json', { ...file, questions: [{ ...question, difficulty: 'expert' }] }))).toThrow(
      /bad\.json/,
    );
    expect(() => loadBuiltInQuestionSets(dirWith('blank.json', { ...file, questions: [{ ...question, lookFor: '  ' }] }))).toThrow(
      /blank\.json/,
    );
  });
});
