import { existsSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, tempDir } from '../testing/fixtures';
import { DatabaseTooNewError, loadMigrations, migrate, type Migration } from './migrator';

function openFile(file: string) {
  const db = new BetterSqlite3(file);
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migrator', () => {
  const real = loadMigrations(MIGRATIONS_DIR);

  it('creates a fresh database at the newest version', () => {
    const db = openFile(join(tempDir(), 'a.sqlite'));
    const result = migrate(db, real);
    expect(result).toEqual({ from: 0, to: real.length, backupPath: null });
    expect(db.pragma('user_version', { simple: true })).toBe(real.length);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['candidates', 'sessions', 'session_questions', 'recordings', 'session_events']));
    // A second run changes nothing.
    expect(migrate(db, real).from).toBe(real.length);
  });

  it('refuses a database written by a newer app', () => {
    const db = openFile(join(tempDir(), 'b.sqlite'));
    db.pragma(`user_version = ${real.length + 5}`);
    expect(() => migrate(db, real)).toThrow(DatabaseTooNewError);
    expect(db.pragma('user_version', { simple: true })).toBe(real.length + 5);
  });

  it('backs up an existing database before migrating it, and keeps its rows', () => {
    const dir = tempDir();
    const db = openFile(join(dir, 'c.sqlite'));
    migrate(db, real);
    db.prepare("INSERT INTO candidates (id, name, created_at, updated_at) VALUES ('c1', 'Ada', 1, 1)").run();
    const next: Migration = { version: real.length + 1, name: 'add_tags', sql: 'ALTER TABLE candidates ADD COLUMN tags TEXT;' };
    const result = migrate(db, [...real, next], { backupDir: dir, now: () => 0 });
    expect(result.backupPath).not.toBeNull();
    expect(existsSync(result.backupPath!)).toBe(true);
    const backup = new BetterSqlite3(result.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(real.length);
    expect(backup.prepare('SELECT name FROM candidates').pluck().all()).toEqual(['Ada']);
    backup.close();
    expect(db.prepare('SELECT name, tags FROM candidates').get()).toEqual({ name: 'Ada', tags: null });
  });

  it('rolls back a failing migration whole, leaving the previous version', () => {
    const db = openFile(join(tempDir(), 'd.sqlite'));
    migrate(db, real);
    const broken: Migration = {
      version: real.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);',
    };
    expect(() => migrate(db, [...real, broken])).toThrow(/no_such_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(real.length);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });

  it('rejects badly named or non-contiguous migration files', () => {
    expect(() => loadMigrations(join(__dirname, '__no_such_dir__'))).toThrow();
    expect(real.map((m) => m.version)).toEqual(real.map((_, i) => i + 1));
  });
});
