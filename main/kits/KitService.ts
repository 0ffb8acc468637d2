import type BetterSqlite3 from 'better-sqlite3';
import type { InterviewType, SessionMode, SessionStatus } from '../../shared/domain/enums';
import type { KitCandidate, KitPreview, KitSummary } from '../../shared/domain/kits';
import type { QuestionSet } from '../../shared/domain/types';
import type { ParsedInput } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/result';
import { newId, type Clock } from '../app/deps';
import type { NewSession } from '../repositories/sessions';
import type { QuestionSetsRepository } from '../questions/QuestionSetsRepository';
import { kitFileText, type KitDoc, type KitFile } from './kitFormat';

// Interview kits on both laptops. The hiring manager's export writes the file and remembers the
// kit (origin 'exported', with the invited candidate); the candidate's import turns it into a
// read-only question set (origin 'imported'), once, however often it is imported. Sessions made
// from that set follow the kit's mode and rules and carry its id back in their bundle, where
// kitCandidate() puts them under the candidate the kit was made for.

type Db = BetterSqlite3.Database;
export type KitExportFields = ParsedInput<'kits:export'>;

interface KitRow {
  id: string;
  origin: 'exported' | 'imported';
  name: string;
  question_set_id: string | null;
  interview_type: string;
  mode: string;
  job_title: string;
  sender: string;
  instructions: string;
  candidate_id: string | null;
  candidate_name: string | null;
  candidate_email: string | null;
  created_at: number;
}

export class KitService {
  constructor(
    private readonly db: Db,
    private readonly questionSets: QuestionSetsRepository,
    private readonly clock: Clock,
    private readonly appVersion: string,
  ) {}

  /** The kit file's text for a set, and the kit remembered here as exported. */
  exportKit(fields: KitExportFields): { kitId: string; name: string; text: string } {
    const set = this.questionSets.get(fields.questionSetId);
    const candidate = fields.candidateId ? this.candidate(fields.candidateId) : null;
    const kit: KitDoc = {
      id: newId(),
      name: fields.name,
      interviewType: set.interviewType,
      mode: fields.mode,
      jobTitle: fields.jobTitle,
      sender: fields.sender,
      instructions: fields.instructions,
      description: set.description,
      candidate: candidate && { name: candidate.name, email: candidate.email },
      questions: set.questions.map(({ id: _id, lookFor, ...q }) => ({ ...q, lookFor: lookFor ?? null })),
    };
    const now = this.clock.now();
    this.insertKit(kit, 'exported', set.id, candidate?.id ?? null, now);
    return { kitId: kit.id, name: kit.name, text: kitFileText(kit, this.appVersion, now) };
  }

  preview(file: KitFile): KitPreview {
    const { kit } = file;
    return {
      id: kit.id,
      name: kit.name,
      sender: kit.sender,
      jobTitle: kit.jobTitle,
      interviewType: kit.interviewType,
      mode: kit.mode,
      instructions: kit.instructions,
      questionCount: kit.questions.length,
      candidate: kit.candidate && { name: kit.candidate.name, email: kit.candidate.email || null },
      alreadyImported: this.importedSet(kit.id) !== null,
    };
  }

  /** The kit's read-only question set, made on the first import; a later import returns the same set. */
  importKit(file: KitFile): { questionSet: QuestionSet; created: boolean } {
    const { kit } = file;
    const row = this.row(kit.id);
    if (row?.origin === 'exported') {
      throw new AppError('conflict', `“${kit.name}” is a kit you made on this computer; send it to the candidate instead of importing it.`);
    }
    const existing = this.importedSet(kit.id);
    if (existing) return { questionSet: existing, created: false };
    const questionSet = this.db.transaction(() => {
      const candidateId = kit.candidate ? this.matchOrCreateCandidate(kit.candidate) : null;
      const set = this.questionSets.create({
        name: kit.name,
        interviewType: kit.interviewType,
        description: kit.description || (kit.sender ? `Interview kit from ${kit.sender}.` : 'Interview kit.'),
        instructions: kit.instructions,
        questions: kit.questions,
      });
      // A kit imported before whose set was deleted since: the row gets the new set.
      if (row) this.db.prepare('UPDATE kits SET question_set_id = ?, candidate_id = ? WHERE id = ?').run(set.id, candidateId, kit.id);
      else this.insertKit(kit, 'imported', set.id, candidateId, this.clock.now());
      return this.questionSets.get(set.id);
    })();
    return { questionSet, created: true };
  }

  /** Every kit here, newest first, with the sessions recorded under it. */
  list(): KitSummary[] {
    const rows = this.db.prepare('SELECT * FROM kits ORDER BY created_at DESC, id').all() as KitRow[];
    const returns = this.db
      .prepare(
        `SELECT s.kit_id, s.id AS session_id, s.candidate_id, c.name AS candidate_name, s.status, s.created_at
         FROM sessions s JOIN candidates c ON c.id = s.candidate_id
         WHERE s.kit_id IS NOT NULL ORDER BY s.created_at DESC`,
      )
      .all() as { kit_id: string; session_id: string; candidate_id: string; candidate_name: string; status: SessionStatus; created_at: number }[];
    return rows.map((r) => ({
      id: r.id,
      origin: r.origin,
      name: r.name,
      interviewType: r.interview_type as InterviewType,
      mode: r.mode as SessionMode,
      jobTitle: r.job_title,
      sender: r.sender,
      instructions: r.instructions,
      candidate: r.candidate_name ? { name: r.candidate_name, email: r.candidate_email } : null,
      questionSetId: r.question_set_id,
      createdAt: r.created_at,
      returns: returns
        .filter((s) => s.kit_id === r.id)
        .map((s) => ({ sessionId: s.session_id, candidateId: s.candidate_id, candidateName: s.candidate_name, status: s.status, createdAt: s.created_at })),
    }));
  }

  /** The set a kit is made from (built-in or custom); for the command line. */
  questionSet(id: string): QuestionSet {
    return this.questionSets.get(id);
  }

  /** A candidate by id or email; for the command line's --candidate. */
  findCandidate(idOrEmail: string): string {
    const id = this.db
      .prepare('SELECT id FROM candidates WHERE id = ? OR email = ? COLLATE NOCASE ORDER BY created_at LIMIT 1')
      .pluck()
      .get(idOrEmail, idOrEmail) as string | undefined;
    if (!id) throw new AppError('not_found', `No candidate has the id or email “${idOrEmail}”.`);
    return id;
  }

  private row(kitId: string): KitRow | null {
    return (this.db.prepare('SELECT * FROM kits WHERE id = ?').get(kitId) as KitRow | undefined) ?? null;
  }

  private importedSet(kitId: string): QuestionSet | null {
    const row = this.row(kitId);
    if (row?.origin !== 'imported' || !row.question_set_id) return null;
    const exists = this.db.prepare('SELECT 1 FROM question_sets WHERE id = ?').get(row.question_set_id);
    return exists ? this.questionSets.get(row.question_set_id) : null;
  }

  private candidate(candidateId: string): { id: string; name: string; email: string | null } {
    const found = this.db.prepare('SELECT id, name, email FROM candidates WHERE id = ?').get(candidateId) as
      | { id: string; name: string; email: string | null }
      | undefined;
    if (!found) throw new AppError('not_found', 'That candidate no longer exists.');
    return found;
  }

  /** The invited candidate here: the same email, else a new candidate (never the laptop's "me"). */
  private matchOrCreateCandidate(candidate: KitCandidate): string {
    const email = candidate.email?.trim() || null;
    if (email) {
      const found = this.db.prepare('SELECT id FROM candidates WHERE email = ? COLLATE NOCASE ORDER BY created_at LIMIT 1').pluck().get(email) as
        | string
        | undefined;
      if (found) return found;
    }
    const id = newId();
    const now = this.clock.now();
    this.db
      .prepare('INSERT INTO candidates (id, name, email, is_self, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)')
      .run(id, candidate.name, email, now, now);
    return id;
  }

  private insertKit(kit: KitDoc, origin: KitRow['origin'], questionSetId: string, candidateId: string | null, now: number): void {
    this.db
      .prepare(
        `INSERT INTO kits (id, origin, name, question_set_id, interview_type, mode, job_title, sender, instructions,
                           candidate_id, candidate_name, candidate_email, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        kit.id,
        origin,
        kit.name,
        questionSetId,
        kit.interviewType,
        kit.mode,
        kit.jobTitle,
        kit.sender,
        kit.instructions,
        candidateId,
        kit.candidate?.name ?? null,
        kit.candidate?.email || null,
        now,
      );
  }
}

/**
 * What a session made from a kit's set takes from the kit, whatever the setup screen sent: the
 * kit's mode, type, role and sender, and the set's own questions (never tailored ones).
 */
export function kitSessionFields(set: QuestionSet): Partial<NewSession> {
  if (!set.kit) return {};
  return {
    kitId: set.kit.id,
    mode: set.kit.mode,
    interviewType: set.interviewType,
    jobTitle: set.kit.jobTitle || set.name,
    company: set.kit.sender || null,
    questions: set.questions,
  };
}

/**
 * Bundle import on the sender's laptop: a session recorded under a kit made here goes to the
 * candidate the kit was made for, whoever the other laptop thought it was. Null otherwise.
 */
export function kitCandidate(db: Db, kitId: unknown): { candidateId: string; createCandidate: false } | null {
  if (typeof kitId !== 'string') return null;
  const candidateId = db
    .prepare(
      `SELECT k.candidate_id FROM kits k JOIN candidates c ON c.id = k.candidate_id
       WHERE k.id = ? AND k.origin = 'exported'`,
    )
    .pluck()
    .get(kitId) as string | undefined;
  return candidateId ? { candidateId, createCandidate: false } : null;
}
