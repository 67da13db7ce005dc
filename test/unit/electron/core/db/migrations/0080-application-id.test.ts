import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';
import { APPLICATION_ID } from '../../../../../../electron/core/db/migrations/0080-application-id';
import { openDatabase } from '../../../../../../electron/core/db/open';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cc-appid-')), 'file.db');

test('0080 marks an existing console database as ours, keeping its rows', () => {
  const file = tempFile();
  const db = new Database(file);
  migrate(
    db,
    migrations.filter((m) => m.version < 80),
  );
  db.prepare("INSERT INTO settings (key, value) VALUES ('companyName', '\"XX公司\"')").run();
  expect(db.pragma('application_id', { simple: true })).toBe(0);
  db.close();
  // an older console file opens (it is ours by its schema) and is marked
  const opened = openDatabase(file);
  expect(schemaVersion(opened)).toBeGreaterThanOrEqual(80);
  expect(opened.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
  expect(opened.prepare("SELECT value FROM settings WHERE key = 'companyName'").pluck().get()).toBe('"XX公司"');
  opened.close();
});

test.each([
  ['another program with a calls table', 'CREATE TABLE calls (id INTEGER PRIMARY KEY, who TEXT)', 0],
  ['a file with some other schema version', 'CREATE TABLE notes (body TEXT)', 3],
  ['a file with our version number but no calls', 'CREATE TABLE notes (body TEXT)', 72],
])('a foreign SQLite file (%s) is refused untouched with db_foreign', (_what, schema, version) => {
  const file = tempFile();
  const foreign = new Database(file);
  foreign.exec(schema);
  foreign.pragma(`user_version = ${version}`);
  foreign.close();
  const before = new Database(file, { readonly: true }).serialize();
  expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db_foreign' }));
  const after = new Database(file, { readonly: true });
  expect(Buffer.compare(after.serialize(), before)).toBe(0);
  expect(after.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'customers'").pluck().get()).toBe(0);
  after.close();
});

test('an application_id of another program is refused even with our tables', () => {
  const file = tempFile();
  const db = openDatabase(file);
  db.pragma('application_id = 1234');
  db.close();
  expect(() => openDatabase(file)).toThrow(expect.objectContaining({ code: 'db_foreign' }));
});
