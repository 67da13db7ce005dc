import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

const insert = (format: string, id: string) =>
  `INSERT INTO exports_log (id, created_at, actor, period_from, period_to, period_label, format, folder, status, row_counts, files)
   VALUES ('${id}', '2026-11-01T00:00:00.000Z', 'cli:it', 'a', 'b', '2026-10', '${format}', '/tmp', 'done', '{"calls":1}', '["calls-2026-10.csv"]')`;

test('0072 lets the export log record PDF reports, keeping every earlier entry', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 72),
  );
  db.prepare(insert('csv', 'old-1')).run();
  db.prepare(insert('report', 'old-2')).run();
  const before = db.prepare('SELECT * FROM exports_log ORDER BY id').all();
  expect(() => db.prepare(insert('pdf', 'early')).run()).toThrow(/CHECK/);

  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 72),
    ),
  ).toEqual([72]);
  expect(schemaVersion(db)).toBe(72);
  expect(db.prepare('SELECT * FROM exports_log ORDER BY id').all()).toEqual(before);
  db.prepare(insert('pdf', 'new')).run();
  expect(() => db.prepare(insert('docx', 'bad')).run()).toThrow(/CHECK/);
  expect(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'exports_log' ORDER BY name").pluck().all()).toEqual([
    'exports_log',
    'exports_log_by_created',
    'sqlite_autoindex_exports_log_1',
  ]);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
});
