import type BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, type Compilable, type Kysely } from 'kysely';
import type { DB } from './schema';

// One transaction model on the one connection. Kysely builds every query; a transaction runs
// them synchronously on better-sqlite3 inside its transaction(), in one turn of the event loop,
// so nothing else (a job lease, a chunk's progress write) can land inside it and be rolled
// back with it. Kysely's own async transactions await between statements, which allowed that.

/** Kysely's camelCase mapping of result rows, without its async plugin interface. */
class RowNames extends CamelCasePlugin {
  row<T>(row: unknown): T {
    return this.mapRow(row as Record<string, unknown>) as T;
  }
}
const names = new RowNames();

export class SyncSql {
  constructor(private readonly raw: BetterSqlite3.Database) {}

  /** Rows of a SELECT, or of a statement with RETURNING. */
  all<O>(query: Compilable<O>): O[] {
    const { sql, parameters } = query.compile();
    return this.raw
      .prepare(sql)
      .all(...(parameters as unknown[]))
      .map((row) => names.row<O>(row));
  }

  first<O>(query: Compilable<O>): O | undefined {
    const { sql, parameters } = query.compile();
    const row = this.raw.prepare(sql).get(...(parameters as unknown[]));
    return row === undefined ? undefined : names.row<O>(row);
  }

  run(query: Compilable<unknown>): BetterSqlite3.RunResult {
    const { sql, parameters } = query.compile();
    return this.raw.prepare(sql).run(...(parameters as unknown[]));
  }

  /** `work` runs at once, all or nothing; IMMEDIATE, so another process (the CLI) cannot deadlock it. */
  transaction<T>(work: () => T): T {
    return this.raw.transaction(work).immediate();
  }
}

/** What a repository needs: Kysely to build and run single queries, SyncSql for transactions. */
export interface SqlStore {
  db: Kysely<DB>;
  sql: SyncSql;
}
