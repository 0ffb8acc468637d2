import type BetterSqlite3 from 'better-sqlite3';
import type { InterviewType, SessionMode } from '../../shared/domain/enums';
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
  // From the imported kit the set holds, if any (SELECT_SETS).
  kit_id: string | null;
  kit_sender: string | null;
  kit_job_title: string | null;
  kit_mode: string | null;
  kit_candidate_id: string | null;
  kit_candidate_name: string | null;
  kit_candidate_email: string | null;
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
const KIT_READ_ONLY = 'This set came from an interview kit: its questions and rules are the kit’s. Duplicate it to edit a copy.';

const SELECT_SETS = `SELECT s.*, k.id AS kit_id, k.sender AS kit_sender, k.job_title AS kit_job_title, k.mode AS kit_mode,
         k.candidate_id AS kit_candidate_id, k.candidate_name AS kit_candidate_name, k.candidate_email AS kit_candidate_email
  FROM question_sets s LEFT JOIN kits k ON k.question_set_id = s.id AND k.origin = 'imported'`;

export class QuestionSetsRepository {
  constructor(
    private readonly db: Db,
    private readonly builtIns: QuestionSet[],
    private readonly clock: Clock,
  ) {}

  /** Built-in sets first (in file order), then custom ones by name. */
  list(): QuestionSet[] {
    const sets = this.db.prepare(`${SELECT_SETS} ORDER BY s.name COLLATE NOCASE, s.created_at`).all() as SetRow[];
    const questions = this.db.prepare('SELECT * FROM questions ORDER BY question_set_id, position').all() as QuestionRow[];
    return [...this.builtIns, ...sets.map((row) => toSet(row, questions.filter((q) => q.question_set_id === row.id)))];
  }

  get(id: string): QuestionSet {
    const builtIn = this.builtIns.find((s) => s.id === id);
    if (builtIn) return builtIn;
    const row = this.db.prepare(`${SELECT_SETS} WHERE s.id = ?`).get(id) as SetRow | undefined;
    if (!row) throw new AppError('not_found', 'That question set no longer exists.');
    const questions = this.db
      .prepare('SELECT * FROM questions WHERE question_set_id = ? ORDER BY position')
      .all(id) as QuestionRow[];
    return toSet(row, questions);
  }

  /** `id` is given by a kit import, which creates the set and its kit row in one transaction. */
  create(fields: QuestionSetFields, copiedFrom: string | null = null, id = newId()): QuestionSet {
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
    // A set from a kit may go (the kit's row stays, and importing the kit again brings it back).
    if (this.builtIns.some((s) => s.id === id)) throw new AppError('conflict', READ_ONLY);
    this.get(id);
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
    const set = this.get(id);
    if (set.kit) throw new AppError('conflict', KIT_READ_ONLY);
    return set;
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
    kit: row.kit_id
      ? {
          id: row.kit_id,
          sender: row.kit_sender ?? '',
          jobTitle: row.kit_job_title ?? '',
          mode: row.kit_mode as SessionMode,
          candidate: row.kit_candidate_name ? { name: row.kit_candidate_name, email: row.kit_candidate_email } : null,
          candidateId: row.kit_candidate_id,
        }
      : null,
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
