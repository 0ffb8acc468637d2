import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { RecordingStatus } from '../../shared/domain/enums';
import type { Recording } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import { newId } from '../app/deps';
import type { DB, RecordingsTable } from '../db/schema';

export class RecordingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async create(input: {
    sessionId: string;
    path: string;
    mimeType: string;
    width: number | null;
    height: number | null;
    startedAt: number;
  }): Promise<Recording> {
    const row: Selectable<RecordingsTable> = {
      id: newId(),
      sessionId: input.sessionId,
      path: input.path,
      mimeType: input.mimeType,
      codecs: null,
      width: input.width,
      height: input.height,
      bytes: 0,
      durationMs: null,
      status: 'recording',
      startedAt: input.startedAt,
      endedAt: null,
      lastChunkAt: null,
      interruptedAt: null,
      error: null,
    };
    await this.db.insertInto('recordings').values(row).execute();
    return toRecording(row);
  }

  async get(id: string): Promise<Recording> {
    const row = await this.db.selectFrom('recordings').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That recording no longer exists.');
    return toRecording(row);
  }

  async latestForSession(sessionId: string): Promise<Recording | null> {
    const row = await this.db
      .selectFrom('recordings')
      .selectAll()
      .where('sessionId', '=', sessionId)
      .orderBy('startedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toRecording(row) : null;
  }

  async withStatus(status: RecordingStatus): Promise<Recording[]> {
    const rows = await this.db.selectFrom('recordings').selectAll().where('status', '=', status).execute();
    return rows.map(toRecording);
  }

  /** The same update, run synchronously inside a caller's better-sqlite3 transaction. */
  updateIn(tx: BetterSqlite3.Database, id: string, changes: Updateable<RecordingsTable>): void {
    const query = this.db.updateTable('recordings').set(changes).where('id', '=', id).compile();
    tx.prepare(query.sql).run(...(query.parameters as unknown[]));
  }

  async update(id: string, changes: Updateable<RecordingsTable>): Promise<Recording> {
    await this.db.updateTable('recordings').set(changes).where('id', '=', id).execute();
    return this.get(id);
  }
}

export function toRecording(row: Selectable<RecordingsTable>): Recording {
  return {
    id: row.id,
    sessionId: row.sessionId,
    path: row.path,
    mimeType: row.mimeType,
    codecs: row.codecs,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    durationMs: row.durationMs,
    status: row.status as RecordingStatus,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    lastChunkAt: row.lastChunkAt,
    interruptedAt: row.interruptedAt,
    error: row.error,
  };
}
