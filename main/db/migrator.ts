import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../shared/ipc/result';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads `NNNN_name.sql` files; versions must run 1, 2, 3... with no gap or repeat. */
export function loadMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (!match) throw new Error(`Migration file name must look like 0001_name.sql: ${file}`);
      return { version: Number(match[1]), name: match[2]!, sql: readFileSync(join(dir, file), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migrations must be numbered 1..n; found ${m.version} at ${i + 1}`);
  });
  return migrations;
}

export class DatabaseTooNewError extends AppError {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      'db/too_new',
      `This data was saved by a newer version of Interview Recorder (database version ${found}; this app knows up to ${supported}). Update the app to open it.`,
    );
    this.name = 'DatabaseTooNewError';
  }
}

export interface MigrateResult {
  from: number;
  to: number;
  backupPath: string | null;
}

/**
 * Brings the database to the newest migration. Each migration runs in its own transaction with
 * its version, so a failure leaves the previous version intact. A file that already holds data
 * is copied with VACUUM INTO before the first change.
 */
export function migrate(
  db: BetterSqlite3.Database,
  migrations: Migration[],
  options: { backupDir?: string; now?: () => number } = {},
): MigrateResult {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  if (from === latest) return { from, to: from, backupPath: null };

  let backupPath: string | null = null;
  if (from > 0 && options.backupDir) {
    const stamp = new Date((options.now ?? Date.now)()).toISOString().replace(/[:.]/g, '-');
    backupPath = join(options.backupDir, `backup-v${from}-${stamp}.sqlite`);
    if (existsSync(backupPath)) throw new Error(`Backup already exists: ${backupPath}`);
    db.prepare('VACUUM INTO ?').run(backupPath);
  }

  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return { from, to: latest, backupPath };
}
