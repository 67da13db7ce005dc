import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0050 adds exports_log to a database at the previous version, keeping its calls', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 50),
  );
  db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, rang_at, created_at, updated_at)
     VALUES ('0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d', 'inbound', 'completed', '王芳', 'a', 'b', 'c')`,
  ).run();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 50),
    ),
  ).toEqual([50]);
  expect(schemaVersion(db)).toBe(50);
  expect(db.prepare('SELECT caller_name FROM calls').pluck().all()).toEqual(['王芳']);
  db.prepare(
    `INSERT INTO exports_log (id, created_at, actor, period_from, period_to, period_label, format, folder, status, row_counts)
     VALUES ('x', '2026-11-01T00:00:00.000Z', 'cli:it', 'a', 'b', '2026-10', 'csv', '/tmp', 'done', '{"calls":1}')`,
  ).run();
  expect(() =>
    db
      .prepare(
        `INSERT INTO exports_log (id, created_at, actor, period_from, period_to, period_label, format, folder, status)
       VALUES ('y', 'now', 'me', 'a', 'b', 'l', 'pdf', '/tmp', 'done')`,
      )
      .run(),
  ).toThrow(/CHECK/);
  expect(() =>
    db
      .prepare(
        `INSERT INTO exports_log (id, created_at, actor, period_from, period_to, period_label, format, folder, status, row_counts)
       VALUES ('z', 'now', 'me', 'a', 'b', 'l', 'csv', '/tmp', 'done', 'not json')`,
      )
      .run(),
  ).toThrow(/CHECK/);
  db.close();
});
