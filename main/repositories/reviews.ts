import { sql, type Kysely, type Selectable, type UpdateObject } from 'kysely';
import type { Decision } from '../../shared/domain/enums';
import { currentQuestionId } from '../../shared/domain/timeline';
import type {
  QuestionRating,
  Review,
  ReviewComment,
  ScoreDimension,
  SessionReview,
} from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import { newId, type Clock } from '../app/deps';
import type { DB, QuestionRatingsTable, ReviewCommentsTable, ReviewsTable } from '../db/schema';
import type { SqlStore, SyncSql } from '../db/sync';
import { SessionsRepository } from './sessions';

const NO_SESSION = 'That interview no longer exists.';
const NO_QUESTION = 'That question is not part of any interview.';
const NO_COMMENT = 'That comment no longer exists.';

/**
 * SQLite's constraints are the last word on what a review may hold; one that still trips (a
 * session deleted meanwhile, a value the contract would have refused) becomes a sentence.
 */
function asAppError(error: unknown, missing = NO_SESSION): never {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') throw new AppError('not_found', missing, { cause: error });
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') {
    throw new AppError('conflict', 'That review value is not allowed: ratings go from 1 to 5 and comments need text.', {
      cause: error,
    });
  }
  throw error;
}

async function guarded<T>(run: () => Promise<T>, missing?: string): Promise<T> {
  try {
    return await run();
  } catch (error) {
    return asAppError(error, missing);
  }
}

/** The reviewer's side of a session: ratings, scorecard, decision, blind mode and comments. */
export class ReviewsRepository {
  private readonly sessions: SessionsRepository;

  private readonly db: Kysely<DB>;
  private readonly sql: SyncSql;

  constructor(
    store: SqlStore,
    private readonly clock: Clock,
  ) {
    this.db = store.db;
    this.sql = store.sql;
    this.sessions = new SessionsRepository(store, clock);
  }

  async get(sessionId: string): Promise<SessionReview> {
    await this.sessions.get(sessionId);
    const [review, ratings, comments] = await Promise.all([
      this.db.selectFrom('reviews').selectAll().where('sessionId', '=', sessionId).executeTakeFirst(),
      this.db.selectFrom('questionRatings').selectAll().where('sessionId', '=', sessionId).execute(),
      this.db
        .selectFrom('reviewComments')
        .selectAll()
        .where('sessionId', '=', sessionId)
        // Session-wide comments (no moment) first, then along the timeline.
        .orderBy(sql`offset_ms IS NOT NULL`)
        .orderBy('offsetMs')
        .orderBy('createdAt')
        .execute(),
    ]);
    return {
      review: review ? toReview(review) : emptyReview(sessionId),
      questionRatings: ratings.map(toQuestionRating),
      comments: comments.map(toComment),
    };
  }

  async setOverall(sessionId: string, rating: number | null): Promise<SessionReview> {
    await this.update(sessionId, { overallRating: rating });
    return this.get(sessionId);
  }

  /** One dimension of the scorecard; null takes the dimension off it. */
  async setDimension(sessionId: string, dimension: ScoreDimension, rating: number | null): Promise<SessionReview> {
    // The table only checks that the scorecard is an object, not what it holds.
    if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 5)) {
      throw new AppError('conflict', 'A scorecard rating goes from 1 to 5 stars.');
    }
    const path = `$.${dimension}`;
    await this.update(sessionId, {
      scorecard: rating === null ? sql<string>`json_remove(scorecard, ${path})` : sql<string>`json_set(scorecard, ${path}, ${rating})`,
    });
    return this.get(sessionId);
  }

  /** A decision with its note, or none (null clears both). */
  async setDecision(sessionId: string, decision: Decision | null, note: string | null): Promise<SessionReview> {
    const clean = note?.trim() || null;
    await this.update(sessionId, {
      decision,
      decisionNote: decision === null ? null : clean,
      decidedAt: decision === null ? null : this.clock.now(),
    });
    return this.get(sessionId);
  }

  async setBlind(sessionId: string, blind: boolean): Promise<SessionReview> {
    await this.update(sessionId, { blind: blind ? 1 : 0 });
    return this.get(sessionId);
  }

  /** Stars (and a note) for one answer; a null rating removes both, an undefined note keeps the one there. */
  async setQuestionRating(sessionQuestionId: string, rating: number | null, note?: string | null): Promise<SessionReview> {
    const sessionId = await this.sessions.sessionIdOfQuestion(sessionQuestionId);
    await guarded(async () => {
      if (rating === null) {
        await this.db.deleteFrom('questionRatings').where('sessionQuestionId', '=', sessionQuestionId).execute();
        return;
      }
      const row: Selectable<QuestionRatingsTable> = {
        sessionQuestionId,
        sessionId,
        rating,
        note: note?.trim() || null,
        updatedAt: this.clock.now(),
      };
      await this.db
        .insertInto('questionRatings')
        .values(row)
        .onConflict((oc) =>
          oc
            .column('sessionQuestionId')
            .doUpdateSet({ rating, updatedAt: row.updatedAt, ...(note === undefined ? {} : { note: row.note }) }),
        )
        .execute();
    }, NO_QUESTION);
    return this.get(sessionId);
  }

  /**
   * A comment pinned to a moment of the recording (or to the whole session when offsetMs is
   * null), linked to the question being answered then.
   */
  async addComment(sessionId: string, offsetMs: number | null, body: string): Promise<SessionReview> {
    const questions = await this.sessions.questions(sessionId);
    const now = this.clock.now();
    const row: Selectable<ReviewCommentsTable> = {
      id: newId(),
      sessionId,
      sessionQuestionId: offsetMs === null ? null : currentQuestionId(questions, offsetMs),
      offsetMs: offsetMs === null ? null : Math.round(offsetMs),
      body: body.trim(),
      createdAt: now,
      updatedAt: now,
    };
    await guarded(() => this.db.insertInto('reviewComments').values(row).execute());
    return this.get(sessionId);
  }

  async editComment(commentId: string, body: string): Promise<SessionReview> {
    const sessionId = await this.sessionOfComment(commentId);
    await guarded(() =>
      this.db
        .updateTable('reviewComments')
        .set({ body: body.trim(), updatedAt: this.clock.now() })
        .where('id', '=', commentId)
        .execute(),
    );
    return this.get(sessionId);
  }

  async deleteComment(commentId: string): Promise<SessionReview> {
    const sessionId = await this.sessionOfComment(commentId);
    await this.db.deleteFrom('reviewComments').where('id', '=', commentId).execute();
    return this.get(sessionId);
  }

  private async sessionOfComment(commentId: string): Promise<string> {
    const row = await this.db.selectFrom('reviewComments').select('sessionId').where('id', '=', commentId).executeTakeFirst();
    if (!row) throw new AppError('not_found', NO_COMMENT);
    return row.sessionId;
  }

  /** Creates the session's review row on first use, then changes it, in one transaction. */
  private async update(sessionId: string, changes: UpdateObject<DB, 'reviews'>): Promise<void> {
    const now = this.clock.now();
    await guarded(async () =>
      this.sql.transaction(() => {
        this.sql.run(
          this.db
            .insertInto('reviews')
            .values({ sessionId, scorecard: '{}', blind: 0, createdAt: now, updatedAt: now })
            .onConflict((oc) => oc.column('sessionId').doNothing()),
        );
        this.sql.run(this.db.updateTable('reviews').set({ ...changes, updatedAt: now }).where('sessionId', '=', sessionId));
      }),
    );
  }
}

function emptyReview(sessionId: string): Review {
  return {
    sessionId,
    overallRating: null,
    scorecard: {},
    decision: null,
    decisionNote: null,
    decidedAt: null,
    blind: false,
    createdAt: null,
    updatedAt: null,
  };
}

function toReview(row: Selectable<ReviewsTable>): Review {
  return {
    sessionId: row.sessionId,
    overallRating: row.overallRating,
    // The CHECK keeps it a JSON object.
    scorecard: JSON.parse(row.scorecard) as Review['scorecard'],
    decision: row.decision as Decision | null,
    decisionNote: row.decisionNote,
    decidedAt: row.decidedAt,
    blind: row.blind === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toQuestionRating(row: Selectable<QuestionRatingsTable>): QuestionRating {
  return { ...row };
}

function toComment(row: Selectable<ReviewCommentsTable>): ReviewComment {
  return { ...row };
}
