import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, schemaVersion, latestVersion } from '../../../../../electron/core/db/migrate';
import { migrations, type Migration } from '../../../../../electron/core/db/migrations';
import { openDatabase } from '../../../../../electron/core/db/open';
import { AppError } from '../../../../../shared/errors';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cc-migrate-')), 'console.db');
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test('a new database is migrated to the latest version', () => {
  const db = openDatabase(':memory:');
  expect(schemaVersion(db)).toBe(latestVersion());
  db.close();
});

test('migration versions strictly increase', () => {
  const versions = migrations.map((m) => m.version);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  expect(new Set(versions).size).toBe(versions.length);
});

test('a database made by an older migration set is upgraded without losing rows', () => {
  const file = tempFile();
  const old = new Database(file);
  migrate(old, migrations.slice(0, 1));
  old
    .prepare(
      `INSERT INTO calls (id, direction, status, caller_name, phone, rang_at, created_at, updated_at)
     VALUES ('0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d', 'inbound', 'open', '王芳', '13800138000', 'a', 'b', 'c')`,
    )
    .run();
  old.close();

  const next: Migration = { version: 100000, name: 'test-step', sql: 'ALTER TABLE calls ADD COLUMN test_extra TEXT' };
  const db = new Database(file);
  const applied = migrate(db, [...migrations, next]);
  expect(applied).toEqual([...migrations.slice(1).map((m) => m.version), 100000]);
  expect(db.prepare('SELECT caller_name, phone, test_extra FROM calls').all()).toEqual([{ caller_name: '王芳', phone: '13800138000', test_extra: null }]);
  db.close();
});

test('a failing migration leaves the database at its previous version', () => {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const broken: Migration = { version: 100000, name: 'broken', sql: 'CREATE TABLE t (a); SELECT * FROM nowhere;' };
  expect(() => migrate(db, [...migrations, broken])).toThrow();
  expect(schemaVersion(db)).toBe(latestVersion());
  expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 't'").pluck().get()).toBe(0);
  db.close();
});

test('a database from a newer app is refused and its bytes are untouched', () => {
  const file = tempFile();
  const future = new Database(file);
  future.exec('CREATE TABLE calls (id TEXT); INSERT INTO calls VALUES (1)');
  future.pragma(`user_version = ${latestVersion() + 10}`);
  future.close();
  const before = sha(file);

  let error: unknown;
  try {
    openDatabase(file);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('db_newer');
  expect((error as AppError).message).toMatch(/newer/);
  expect(sha(file)).toBe(before);
  expect(existsSync(`${file}-wal`)).toBe(false);
});
