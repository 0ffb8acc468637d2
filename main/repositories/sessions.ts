import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Difficulty,
  ExperienceLevel,
  InterviewType,
  QuestionMark,
  SessionMode,
  SessionStatus,
} from '../../shared/domain/enums';
import { assertNever } from '../../shared/domain/enums';
import {
  DEFAULT_QUESTION_RULES,
  type AnswerTake,
  type AvatarSettings,
  type QuestionTemplate,
  type Session,
  type SessionEnvironment,
  type SessionQuestion,
  type SessionSummary,
} from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import { newId, type Clock } from '../app/deps';
import type { AnswerTakesTable, DB, SessionQuestionsTable, SessionsTable } from '../db/schema';
import type { SqlStore, SyncSql } from '../db/sync';
import { toRecording } from './recordings';

export interface NewSession {
  candidateId: string;
  interviewType: InterviewType;
  mode: SessionMode;
  jobTitle: string;
  company?: string | null;
  industry?: string | null;
  experienceLevel?: ExperienceLevel | null;
  jobDescription?: string | null;
  resumeFileName?: string | null;
  resumeText?: string | null;
  questionSetId: string | null;
  /** Copied from the set, so that editing it later leaves this session as it was. */
  questionSetName?: string | null;
  instructions?: string | null;
  avatar: string;
  avatarSettings: AvatarSettings;
  environment: SessionEnvironment | null;
  questions: QuestionTemplate[];
  /** Defaults to on. */
  aiProcessing?: boolean;
  /** Defaults to off; kept only for a practice session with AI processing. */
  followUps?: boolean;
  /** The interview kit whose rules the session follows. */
  kitId?: string | null;
}

export class SessionsRepository {
  private readonly db: Kysely<DB>;
  private readonly sql: SyncSql;

  constructor(
    store: SqlStore,
    private readonly clock: Clock,
  ) {
    this.db = store.db;
    this.sql = store.sql;
  }

  /** The session and a copy of its questions, in one transaction. */
  async create(input: NewSession): Promise<{ session: Session; questions: SessionQuestion[] }> {
    const now = this.clock.now();
    const row: Selectable<SessionsTable> = {
      id: newId(),
      candidateId: input.candidateId,
      interviewType: input.interviewType,
      mode: input.mode,
      jobTitle: input.jobTitle.trim(),
      company: input.company ?? null,
      industry: input.industry ?? null,
      experienceLevel: input.experienceLevel ?? null,
      jobDescription: input.jobDescription ?? null,
      resumeFileName: input.resumeFileName ?? null,
      resumeText: input.resumeText ?? null,
      questionSetId: input.questionSetId,
      questionSetName: input.questionSetName ?? null,
      instructions: input.instructions?.trim() || null,
      status: 'in_progress',
      startedAt: null,
      endedAt: null,
      durationMs: null,
      completedAt: null,
      avatar: input.avatar,
      avatarSettings: JSON.stringify(input.avatarSettings),
      environment: input.environment ? JSON.stringify(input.environment) : null,
      aiProcessing: input.aiProcessing === false ? 0 : 1,
      followUps: input.followUps && input.mode === 'practice' && input.aiProcessing !== false ? 1 : 0,
      kitId: input.kitId ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const questionRows = input.questions.map((q, position) =>
      unaskedQuestion(row.id, position, {
        ...q,
        lookFor: q.lookFor ?? null,
        thinkTimeMs: q.thinkTimeMs ?? DEFAULT_QUESTION_RULES.thinkTimeMs,
        answerLimitMs: q.answerLimitMs ?? DEFAULT_QUESTION_RULES.answerLimitMs,
        retakesAllowed: q.retakesAllowed ?? DEFAULT_QUESTION_RULES.retakesAllowed,
        followUpOf: null,
      }),
    );
    this.sql.transaction(() => {
      this.sql.run(this.db.insertInto('sessions').values(row));
      if (questionRows.length) this.sql.run(this.db.insertInto('sessionQuestions').values(questionRows));
    });
    return { session: toSession(row), questions: questionRows.map((q) => toQuestion(q, [])) };
  }

  async get(id: string): Promise<Session> {
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That interview no longer exists.');
    return toSession(row);
  }

  async questions(sessionId: string): Promise<SessionQuestion[]> {
    const rows = await this.db
      .selectFrom('sessionQuestions')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .orderBy('position')
      .execute();
    const takes = await this.db
      .selectFrom('answerTakes as t')
      .innerJoin('sessionQuestions as q', 'q.id', 't.sessionQuestionId')
      .selectAll('t')
      .where('q.sessionId', '=', sessionId)
      .orderBy('t.takeNumber')
      .execute();
    return rows.map((row) => toQuestion(row, takes.filter((t) => t.sessionQuestionId === row.id)));
  }

  async list(): Promise<SessionSummary[]> {
    const rows = await this.db
      .selectFrom('sessions as s')
      .innerJoin('candidates as c', 'c.id', 's.candidateId')
      .selectAll('s')
      .select((eb) => [
        'c.name as candidateName',
        eb
          .selectFrom('sessionQuestions as q')
          .whereRef('q.sessionId', '=', 's.id')
          .select(sql<number>`count(*)`.as('n'))
          .as('questionCount'),
        eb
          .selectFrom('sessionQuestions as q')
          .whereRef('q.sessionId', '=', 's.id')
          .where('q.answerEndedOffsetMs', 'is not', null)
          .select(sql<number>`count(*)`.as('n'))
          .as('answeredCount'),
      ])
      .orderBy('s.createdAt', 'desc')
      .execute();
    const ids = rows.map((r) => r.id);
    const recordings = ids.length
      ? await this.db.selectFrom('recordings').selectAll().where('sessionId', 'in', ids).orderBy('startedAt').execute()
      : [];
    const latest = new Map(recordings.map((r) => [r.sessionId, toRecording(r)]));
    return rows.map((r) => ({
      session: toSession(r),
      candidateName: r.candidateName,
      questionCount: Number(r.questionCount ?? 0),
      answeredCount: Number(r.answeredCount ?? 0),
      recording: latest.get(r.id) ?? null,
    }));
  }

  async markStarted(id: string, startedAt: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ startedAt, updatedAt: this.clock.now() })
      .where('id', '=', id)
      .where('startedAt', 'is', null)
      .execute();
  }

  /**
   * At start-up no interview can still be running: any left in progress (the app closed before
   * its recording started or before it was finished) becomes interrupted. Returns their ids.
   */
  async interruptLeftInProgress(): Promise<string[]> {
    const rows = await this.db
      .updateTable('sessions')
      .set({ status: 'interrupted', completedAt: null, updatedAt: this.clock.now() })
      .where('status', '=', 'in_progress')
      .returning('id')
      .execute();
    for (const { id } of rows) await this.dropUnaskedFollowUps(id);
    return rows.map((r) => r.id);
  }

  /** completedAt follows the status: set on completed, cleared otherwise (a CHECK enforces it). */
  async setStatus(
    id: string,
    status: SessionStatus,
    fields: { endedAt?: number | null; durationMs?: number | null } = {},
  ): Promise<Session> {
    const now = this.clock.now();
    const current = await this.get(id);
    await this.db
      .updateTable('sessions')
      .set({
        status,
        completedAt: status === 'completed' ? (current.completedAt ?? now) : null,
        ...(fields.endedAt !== undefined ? { endedAt: fields.endedAt } : {}),
        ...(fields.durationMs !== undefined ? { durationMs: fields.durationMs } : {}),
        updatedAt: now,
      })
      .where('id', '=', id)
      .execute();
    if (status !== 'in_progress') await this.dropUnaskedFollowUps(id);
    return this.get(id);
  }

  /**
   * Records one moment of a question on the recording timeline, checking the order of events.
   * answerStarted opens a take (a retake when one exists, refused beyond what the mode allows);
   * answerEnded closes the open take. The newest take counts until the candidate picks another.
   */
  async markQuestion(questionId: string, mark: QuestionMark, offsetMs: number): Promise<SessionQuestion> {
    return this.sql.transaction(() => {
      const row = this.sql.first(
        this.db
          .selectFrom('sessionQuestions as q')
          .innerJoin('sessions as s', 's.id', 'q.sessionId')
          .selectAll('q')
          .select('s.mode')
          .where('q.id', '=', questionId),
      );
      if (!row) throw new AppError('not_found', 'That question is not part of any interview.');
      const { mode, ...question } = row;
      const takes = this.takesOf(questionId);
      const open = takes.find((t) => t.endedOffsetMs === null);
      const last = takes.at(-1);
      const at = this.clock.now();
      const before = (earlier: number | null | undefined, what: string) => {
        if (earlier != null && offsetMs < earlier) {
          throw new AppError('conflict', `A question's ${what} cannot come before it was asked or started.`);
        }
      };
      let changes: Partial<Selectable<SessionQuestionsTable>>;
      switch (mark) {
        case 'asked':
          changes = { askedOffsetMs: offsetMs, askedAt: at };
          break;
        case 'thinkStarted':
          before(question.askedOffsetMs, 'thinking time');
          changes = { thinkStartedOffsetMs: offsetMs };
          break;
        case 'answerStarted': {
          before(question.thinkStartedOffsetMs ?? question.askedOffsetMs, 'answer');
          if (open) throw new AppError('conflict', 'An answer to this question is already being recorded.');
          before(last?.endedOffsetMs, 'retake');
          if (last && mode !== 'practice' && takes.length > question.retakesAllowed) {
            throw new AppError('conflict', 'No more retakes are allowed for this question.');
          }
          const take: Selectable<AnswerTakesTable> = {
            id: newId(),
            sessionQuestionId: questionId,
            takeNumber: takes.length + 1,
            startedOffsetMs: offsetMs,
            endedOffsetMs: null,
            startedAt: at,
            endedAt: null,
            chosen: 1,
          };
          this.sql.run(this.db.updateTable('answerTakes').set({ chosen: 0 }).where('sessionQuestionId', '=', questionId));
          this.sql.run(this.db.insertInto('answerTakes').values(take));
          takes.forEach((t) => (t.chosen = 0));
          takes.push(take);
          changes = {
            answerStartedOffsetMs: offsetMs,
            answerStartedAt: at,
            answerEndedOffsetMs: null,
            answerEndedAt: null,
            retakeCount: takes.length - 1,
            // How long the candidate took to begin: the first take's start.
            ...(last ? {} : { responseTimeMs: question.askedOffsetMs === null ? null : offsetMs - question.askedOffsetMs }),
          };
          break;
        }
        case 'answerEnded':
          before(open?.startedOffsetMs ?? question.answerStartedOffsetMs ?? question.askedOffsetMs, 'end of answer');
          if (open) {
            this.sql.run(this.db.updateTable('answerTakes').set({ endedOffsetMs: offsetMs, endedAt: at }).where('id', '=', open.id));
            Object.assign(open, { endedOffsetMs: offsetMs, endedAt: at });
            changes = open.chosen ? { answerEndedOffsetMs: offsetMs, answerEndedAt: at } : {};
          } else if (last) {
            throw new AppError('conflict', 'No answer to this question is being recorded.');
          } else {
            changes = { answerEndedOffsetMs: offsetMs, answerEndedAt: at };
          }
          break;
        case 'skipped':
          before(question.askedOffsetMs, 'skip');
          changes = { skipped: 1 };
          break;
        default:
          assertNever(mark, 'question mark');
      }
      if (Object.keys(changes).length) {
        this.sql.run(this.db.updateTable('sessionQuestions').set(changes).where('id', '=', questionId));
      }
      return toQuestion({ ...question, ...changes }, takes);
    });
  }

  /** The take that counts: its offsets become the question's answer offsets. */
  async chooseTake(questionId: string, takeId: string): Promise<SessionQuestion> {
    return this.sql.transaction(() => {
      const take = this.sql.first(this.db.selectFrom('answerTakes').selectAll().where('id', '=', takeId).where('sessionQuestionId', '=', questionId));
      if (!take) throw new AppError('not_found', 'That take is not part of this question.');
      if (take.endedOffsetMs === null) throw new AppError('conflict', 'A take can be chosen once it has ended.');
      this.sql.run(this.db.updateTable('answerTakes').set({ chosen: 0 }).where('sessionQuestionId', '=', questionId));
      this.sql.run(this.db.updateTable('answerTakes').set({ chosen: 1 }).where('id', '=', takeId));
      const [row] = this.sql.all(
        this.db
          .updateTable('sessionQuestions')
          .set({
            answerStartedOffsetMs: take.startedOffsetMs,
            answerStartedAt: take.startedAt,
            answerEndedOffsetMs: take.endedOffsetMs,
            answerEndedAt: take.endedAt,
          })
          .where('id', '=', questionId)
          .returningAll(),
      );
      return toQuestion(row!, this.takesOf(questionId));
    });
  }

  /**
   * Inserts an AI follow-up right after its parent, with the parent's category and timing rules;
   * the questions after it move down one place. A parent has at most one follow-up: asking again
   * returns the one there is. Refused for a follow-up of a follow-up, or once the interview ended.
   */
  async insertFollowUp(parentId: string, followUp: { text: string; keywords: string[] }): Promise<SessionQuestion> {
    return this.sql.transaction(() => {
      const parent = this.sql.first(
        this.db
          .selectFrom('sessionQuestions as q')
          .innerJoin('sessions as s', 's.id', 'q.sessionId')
          .selectAll('q')
          .select(['s.status', 's.followUps'])
          .where('q.id', '=', parentId),
      );
      if (!parent) throw new AppError('not_found', 'That question is not part of any interview.');
      const { status, followUps, ...row } = parent;
      if (status !== 'in_progress') throw new AppError('conflict', 'This interview has already ended.');
      if (followUps !== 1) throw new AppError('conflict', 'Follow-up questions are off for this interview.');
      if (row.followUpOf !== null) throw new AppError('conflict', 'A follow-up question gets no follow-up of its own.');
      const existing = this.sql.first(this.db.selectFrom('sessionQuestions').selectAll().where('followUpOf', '=', parentId));
      if (existing) return toQuestion(existing, this.takesOf(existing.id));
      // UNIQUE (session_id, position) is checked row by row, so the last question moves first.
      this.shiftPositions(row.sessionId, row.position + 1, 1);
      const inserted = unaskedQuestion(row.sessionId, row.position + 1, {
        ...row,
        ...followUp,
        lookFor: null,
        followUpOf: parentId,
      });
      this.sql.run(this.db.insertInto('sessionQuestions').values(inserted));
      return toQuestion(inserted, []);
    });
  }

  /**
   * A follow-up is written just before the room asks it; one never asked (the interview ended or
   * the app stopped in between) was never part of the interview and goes, and the questions
   * after it close the gap. Returns how many went.
   */
  async dropUnaskedFollowUps(sessionId: string): Promise<number> {
    return this.sql.transaction(() => {
      const unasked = this.sql.all(
        this.db
          .selectFrom('sessionQuestions')
          .select(['id', 'position'])
          .where('sessionId', '=', sessionId)
          .where('followUpOf', 'is not', null)
          .where('askedOffsetMs', 'is', null)
          .orderBy('position', 'desc'),
      );
      for (const q of unasked) {
        this.sql.run(this.db.deleteFrom('sessionQuestions').where('id', '=', q.id));
        this.shiftPositions(sessionId, q.position + 1, -1);
      }
      return unasked.length;
    });
  }

  /** Moves every question of the session at `from` or later by `by` places, in an order that never collides. */
  private shiftPositions(sessionId: string, from: number, by: 1 | -1): void {
    const rows = this.sql.all(
      this.db
        .selectFrom('sessionQuestions')
        .select(['id', 'position'])
        .where('sessionId', '=', sessionId)
        .where('position', '>=', from)
        .orderBy('position', by > 0 ? 'desc' : 'asc'),
    );
    for (const r of rows) this.sql.run(this.db.updateTable('sessionQuestions').set({ position: r.position + by }).where('id', '=', r.id));
  }

  private takesOf(questionId: string): Selectable<AnswerTakesTable>[] {
    return this.sql.all(this.db.selectFrom('answerTakes').selectAll().where('sessionQuestionId', '=', questionId).orderBy('takeNumber'));
  }

  async sessionIdOfQuestion(questionId: string): Promise<string> {
    const row = await this.db
      .selectFrom('sessionQuestions')
      .select('sessionId')
      .where('id', '=', questionId)
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That question is not part of any interview.');
    return row.sessionId;
  }
}

type QuestionContent = Pick<
  Selectable<SessionQuestionsTable>,
  'text' | 'category' | 'difficulty' | 'lookFor' | 'thinkTimeMs' | 'answerLimitMs' | 'retakesAllowed' | 'followUpOf'
> & { keywords: string[] };

/** A new session question, not asked yet. */
function unaskedQuestion(sessionId: string, position: number, q: QuestionContent): Selectable<SessionQuestionsTable> {
  return {
    id: newId(),
    sessionId,
    position,
    text: q.text,
    category: q.category,
    difficulty: q.difficulty,
    keywords: JSON.stringify(q.keywords),
    askedOffsetMs: null,
    answerStartedOffsetMs: null,
    answerEndedOffsetMs: null,
    askedAt: null,
    answerStartedAt: null,
    answerEndedAt: null,
    responseTimeMs: null,
    skipped: 0,
    retakeCount: 0,
    lookFor: q.lookFor,
    thinkTimeMs: q.thinkTimeMs,
    answerLimitMs: q.answerLimitMs,
    retakesAllowed: q.retakesAllowed,
    thinkStartedOffsetMs: null,
    followUpOf: q.followUpOf,
  };
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const DEFAULT_AVATAR_SETTINGS: AvatarSettings = {
  voiceName: null,
  rate: 1,
  captions: true,
  speech: true,
  voiceSource: 'system',
  openaiVoice: null,
};

export function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    candidateId: row.candidateId,
    interviewType: row.interviewType as InterviewType,
    mode: row.mode as SessionMode,
    jobTitle: row.jobTitle,
    company: row.company,
    industry: row.industry,
    experienceLevel: row.experienceLevel as ExperienceLevel | null,
    jobDescription: row.jobDescription,
    resumeFileName: row.resumeFileName,
    resumeText: row.resumeText,
    questionSetId: row.questionSetId,
    questionSetName: row.questionSetName,
    instructions: row.instructions,
    status: row.status as SessionStatus,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationMs: row.durationMs,
    completedAt: row.completedAt,
    avatar: row.avatar,
    avatarSettings: { ...DEFAULT_AVATAR_SETTINGS, ...parseJson(row.avatarSettings, {}) },
    environment: parseJson<SessionEnvironment | null>(row.environment, null),
    aiProcessing: row.aiProcessing === 1,
    followUps: row.followUps === 1,
    kitId: row.kitId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toTake(row: Selectable<AnswerTakesTable>): AnswerTake {
  return {
    id: row.id,
    takeNumber: row.takeNumber,
    startedOffsetMs: row.startedOffsetMs,
    endedOffsetMs: row.endedOffsetMs,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    chosen: row.chosen === 1,
  };
}

function toQuestion(row: Selectable<SessionQuestionsTable>, takes: Selectable<AnswerTakesTable>[]): SessionQuestion {
  return {
    id: row.id,
    sessionId: row.sessionId,
    position: row.position,
    text: row.text,
    category: row.category,
    difficulty: row.difficulty as Difficulty | null,
    keywords: parseJson<string[]>(row.keywords, []),
    askedOffsetMs: row.askedOffsetMs,
    answerStartedOffsetMs: row.answerStartedOffsetMs,
    answerEndedOffsetMs: row.answerEndedOffsetMs,
    askedAt: row.askedAt,
    answerStartedAt: row.answerStartedAt,
    answerEndedAt: row.answerEndedAt,
    responseTimeMs: row.responseTimeMs,
    skipped: row.skipped === 1,
    retakeCount: row.retakeCount,
    lookFor: row.lookFor,
    thinkTimeMs: row.thinkTimeMs,
    answerLimitMs: row.answerLimitMs,
    retakesAllowed: row.retakesAllowed,
    thinkStartedOffsetMs: row.thinkStartedOffsetMs,
    followUpOf: row.followUpOf,
    takes: takes.map(toTake),
  };
}
