import type BetterSqlite3 from 'better-sqlite3';
import type { InterviewType } from '../../shared/domain/enums';
import type { QuestionSet, SetQuestion } from '../../shared/domain/types';
import type { ParsedInput } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import { newId, type Clock } from '../app/deps';

// Custom question sets, with the built-in ones (read-only, from resources/) listed first.
// Synchronous on the raw connection: a set and its questions always change in one transaction.

type Db = BetterSqlite3.Database;
export type QuestionSetFields = ParsedInput<'questionSets:create'>;

interface SetRow {
  id: string;
  name: string;
  interview_type: string;
  description: string;
  instructions: string;
  copied_from: string | null;
  updated_at: number;
}

interface QuestionRow {
  id: string;
  question_set_id: string;
  text: string;
  category: string;
  difficulty: SetQuestion['difficulty'];
  keywords: string;
  look_for: string | null;
  think_time_ms: number;
  answer_limit_ms: number | null;
  retakes_allowed: number;
}

const READ_ONLY = 'Built-in question sets cannot be changed. Duplicate the set to edit a copy.';

export class QuestionSetsRepository {
  constructor(
    private readonly db: Db,
    private readonly builtIns: QuestionSet[],
    private readonly clock: Clock,
  ) {}

  /** Built-in sets first (in file order), then custom ones by name. */
  list(): QuestionSet[] {
    const sets = this.db.prepare('SELECT * FROM question_sets ORDER BY name COLLATE NOCASE, created_at').all() as SetRow[];
    const questions = this.db.prepare('SELECT * FROM questions ORDER BY question_set_id, position').all() as QuestionRow[];
    return [...this.builtIns, ...sets.map((row) => toSet(row, questions.filter((q) => q.question_set_id === row.id)))];
  }

  get(id: string): QuestionSet {
    const builtIn = this.builtIns.find((s) => s.id === id);
    if (builtIn) return builtIn;
    const row = this.db.prepare('SELECT * FROM question_sets WHERE id = ?').get(id) as SetRow | undefined;
    if (!row) throw new AppError('not_found', 'That question set no longer exists.');
    const questions = this.db
      .prepare('SELECT * FROM questions WHERE question_set_id = ? ORDER BY position')
      .all(id) as QuestionRow[];
    return toSet(row, questions);
  }

  create(fields: QuestionSetFields, copiedFrom: string | null = null): QuestionSet {
    const id = newId();
    const now = this.clock.now();
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO question_sets (id, name, interview_type, description, instructions, copied_from, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, fields.name, fields.interviewType, fields.description, fields.instructions, copiedFrom, now, now);
      this.putQuestions(id, fields.questions);
    })();
    return this.get(id);
  }

  /** Replaces the set's fields and questions; a question keeps its id when it sends it back. */
  update(id: string, fields: QuestionSetFields): QuestionSet {
    this.editable(id);
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE question_sets SET name = ?, interview_type = ?, description = ?, instructions = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(fields.name, fields.interviewType, fields.description, fields.instructions, this.clock.now(), id);
      this.db.prepare('DELETE FROM questions WHERE question_set_id = ?').run(id);
      this.putQuestions(id, fields.questions);
    })();
    return this.get(id);
  }

  delete(id: string): void {
    this.editable(id);
    // Sessions keep their own copy of the questions; only the template goes.
    this.db.prepare('DELETE FROM question_sets WHERE id = ?').run(id);
  }

  duplicate(id: string): QuestionSet {
    const source = this.get(id);
    const names = new Set(this.list().map((s) => s.name));
    let name = `${source.name} (copy)`;
    for (let n = 2; names.has(name); n++) name = `${source.name} (copy ${n})`;
    return this.create(
      {
        name,
        interviewType: source.interviewType,
        description: source.description,
        instructions: source.instructions,
        questions: source.questions.map(({ id: _id, lookFor, ...q }) => ({ ...q, lookFor: lookFor ?? null })),
      },
      source.id,
    );
  }

  reorder(id: string, questionIds: string[]): QuestionSet {
    const current = this.editable(id).questions.map((q) => q.id);
    if (questionIds.length !== current.length || new Set(questionIds).size !== current.length || !questionIds.every((q) => current.includes(q))) {
      throw new AppError('conflict', 'The set changed while you reordered it. Reload it and try again.');
    }
    this.db.transaction(() => {
      // Two passes: positions are unique within a set at every step.
      this.db.prepare('UPDATE questions SET position = position + ? WHERE question_set_id = ?').run(current.length, id);
      const put = this.db.prepare('UPDATE questions SET position = ? WHERE id = ?');
      questionIds.forEach((questionId, position) => put.run(position, questionId));
      this.db.prepare('UPDATE question_sets SET updated_at = ? WHERE id = ?').run(this.clock.now(), id);
    })();
    return this.get(id);
  }

  private editable(id: string): QuestionSet {
    if (this.builtIns.some((s) => s.id === id)) throw new AppError('conflict', READ_ONLY);
    return this.get(id);
  }

  private putQuestions(setId: string, questions: QuestionSetFields['questions']): void {
    // Runs after the set's own questions were deleted: an id still taken belongs to another set
    // (a stale or tampered page) and is replaced, never moved over.
    const taken = this.db.prepare('SELECT 1 FROM questions WHERE id = ?').pluck();
    const insert = this.db.prepare(
      `INSERT INTO questions (id, question_set_id, position, text, category, difficulty, keywords, look_for,
                              think_time_ms, answer_limit_ms, retakes_allowed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const seen = new Set<string>();
    questions.forEach((q, position) => {
      const id = q.id && !seen.has(q.id) && !taken.get(q.id) ? q.id : newId();
      seen.add(id);
      insert.run(
        id,
        setId,
        position,
        q.text,
        q.category,
        q.difficulty,
        JSON.stringify(q.keywords),
        q.lookFor?.trim() || null,
        q.thinkTimeMs,
        q.answerLimitMs,
        q.retakesAllowed,
      );
    });
  }
}

function toSet(row: SetRow, questions: QuestionRow[]): QuestionSet {
  return {
    id: row.id,
    name: row.name,
    interviewType: row.interview_type as InterviewType,
    description: row.description,
    instructions: row.instructions,
    builtIn: false,
    copiedFrom: row.copied_from,
    updatedAt: row.updated_at,
    questions: questions.map((q) => ({
      id: q.id,
      text: q.text,
      category: q.category,
      difficulty: q.difficulty,
      keywords: JSON.parse(q.keywords) as string[],
      ...(q.look_for ? { lookFor: q.look_for } : {}),
      thinkTimeMs: q.think_time_ms,
      answerLimitMs: q.answer_limit_ms,
      retakesAllowed: q.retakes_allowed,
    })),
  };
}
