import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { loadMigrations, migrate, type MigrateResult } from './migrator';
import type { DB } from './schema';
import { SyncSql } from './sync';

export interface Database {
  /** The raw connection, for transactions and pragmas. */
  raw: BetterSqlite3.Database;
  db: Kysely<DB>;
  /** Kysely-built queries run synchronously: every transaction goes through it. */
  sql: SyncSql;
  migration: MigrateResult;
  close(): Promise<void>;
}

/**
 * Opens (creating if needed) the app database and migrates it. One connection for the whole
 * process: better-sqlite3 is synchronous, so transactions never interleave.
 */
export function openDatabase(options: {
  file: string;
  migrationsDir: string;
  backupDir?: string;
  now?: () => number;
}): Database {
  mkdirSync(dirname(options.file), { recursive: true });
  const raw = new BetterSqlite3(options.file);
  try {
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    // FULL: a committed question timestamp or recording row survives a power cut, which is the
    // product's promise; the write rate (a few rows a second) makes the cost invisible.
    raw.pragma('synchronous = FULL');
    const migration = migrate(raw, loadMigrations(options.migrationsDir), {
      backupDir: options.backupDir ?? dirname(options.file),
      now: options.now,
    });
    const db = new Kysely<DB>({
      dialect: new SqliteDialect({ database: raw }),
      plugins: [new CamelCasePlugin()],
    });
    return {
      raw,
      db,
      sql: new SyncSql(raw),
      migration,
      close: async () => {
        await db.destroy();
      },
    };
  } catch (error) {
    raw.close();
    throw error;
  }
}
