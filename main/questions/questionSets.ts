import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DIFFICULTIES, INTERVIEW_TYPES } from '../../shared/domain/enums';
import { DEFAULT_QUESTION_RULES, type QuestionSet } from '../../shared/domain/types';

const QuestionSetFile = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]+$/),
  name: z.string().min(1),
  interviewType: z.enum(INTERVIEW_TYPES),
  description: z.string(),
  questions: z
    .array(
      z.strictObject({
        text: z.string().min(1).max(500),
        category: z.string().min(1),
        difficulty: z.enum(DIFFICULTIES),
        keywords: z.array(z.string().min(1)),
        lookFor: z.string().trim().min(1).max(400).optional(),
      }),
    )
    .min(1),
});

/** The built-in question sets shipped in resources/question-sets, checked when loaded. */
export function loadBuiltInQuestionSets(dir: string): QuestionSet[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = QuestionSetFile.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
      if (!parsed.success) {
        throw new Error(`Built-in question set ${file} is invalid: ${z.prettifyError(parsed.error)}`);
      }
      const { questions, ...set } = parsed.data;
      return {
        ...set,
        instructions: '',
        builtIn: true,
        copiedFrom: null,
        kit: null,
        updatedAt: null,
        // Stable ids for the editor's lists; built-in questions are never stored.
        questions: questions.map((q, i) => ({ ...DEFAULT_QUESTION_RULES, ...q, id: `${set.id}:${i}` })),
      };
    });
}
