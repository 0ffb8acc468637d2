import type { Kysely, Selectable } from 'kysely';
import type { Candidate } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/result';
import { newId, type Clock } from '../app/deps';
import type { CandidatesTable, DB } from '../db/schema';
import type { SqlStore, SyncSql } from '../db/sync';

export interface NewCandidate {
  name: string;
  email?: string | null;
  phone?: string | null;
  position?: string | null;
  notes?: string | null;
}

const SELF_NAME = 'Me';

export class CandidatesRepository {
  private readonly db: Kysely<DB>;
  private readonly sql: SyncSql;

  constructor(
    store: SqlStore,
    private readonly clock: Clock,
  ) {
    this.db = store.db;
    this.sql = store.sql;
  }

  async list(): Promise<Candidate[]> {
    const rows = await this.db
      .selectFrom('candidates')
      .selectAll()
      .orderBy('isSelf', 'desc')
      .orderBy('name')
      .execute();
    return rows.map(toCandidate);
  }

  async get(id: string): Promise<Candidate> {
    const row = await this.db.selectFrom('candidates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('not_found', 'That candidate no longer exists.');
    return toCandidate(row);
  }

  async create(input: NewCandidate): Promise<Candidate> {
    const now = this.clock.now();
    const row = {
      id: newId(),
      name: input.name.trim(),
      email: blankToNull(input.email),
      phone: blankToNull(input.phone),
      position: blankToNull(input.position),
      notes: blankToNull(input.notes),
      isSelf: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.db.insertInto('candidates').values(row).execute();
    return toCandidate(row);
  }

  async update(id: string, input: NewCandidate): Promise<Candidate> {
    const changes = {
      name: input.name.trim(),
      email: blankToNull(input.email),
      phone: blankToNull(input.phone),
      position: blankToNull(input.position),
      notes: blankToNull(input.notes),
      updatedAt: this.clock.now(),
    };
    const result = await this.db.updateTable('candidates').set(changes).where('id', '=', id).executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw new AppError('not_found', 'That candidate no longer exists.');
    return this.get(id);
  }

  /** The practising user's own candidate row, created once. */
  async ensureSelf(): Promise<Candidate> {
    return this.sql.transaction(() => {
      const existing = this.sql.first(this.db.selectFrom('candidates').selectAll().where('isSelf', '=', 1));
      if (existing) return toCandidate(existing);
      const now = this.clock.now();
      const row = {
        id: newId(),
        name: SELF_NAME,
        email: null,
        phone: null,
        position: null,
        notes: null,
        isSelf: 1,
        createdAt: now,
        updatedAt: now,
      };
      this.sql.run(this.db.insertInto('candidates').values(row));
      return toCandidate(row);
    });
  }
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function toCandidate(row: Selectable<CandidatesTable>): Candidate {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    position: row.position,
    notes: row.notes,
    isSelf: row.isSelf === 1,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
