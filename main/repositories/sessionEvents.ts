import type { Kysely } from 'kysely';
import type { EventLevel, SessionEventKind } from '../../shared/domain/enums';
import type { SessionEvent } from '../../shared/domain/types';
import type { Clock } from '../app/deps';
import type { DB } from '../db/schema';

export class SessionEventsRepository {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async add(event: {
    sessionId: string;
    kind: SessionEventKind;
    level: EventLevel;
    message: string;
    offsetMs?: number | null;
    at?: number;
  }): Promise<void> {
    await this.db
      .insertInto('sessionEvents')
      .values({
        sessionId: event.sessionId,
        at: event.at ?? this.clock.now(),
        offsetMs: event.offsetMs ?? null,
        kind: event.kind,
        level: event.level,
        message: event.message,
      })
      .execute();
  }

  async forSession(sessionId: string): Promise<SessionEvent[]> {
    const rows = await this.db
      .selectFrom('sessionEvents')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .orderBy('at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      sessionId: r.sessionId,
      at: r.at,
      offsetMs: r.offsetMs,
      kind: r.kind as SessionEventKind,
      level: r.level as EventLevel,
      message: r.message,
    }));
  }
}
