import Database from 'better-sqlite3';
import { migrate } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0130 adds the erasure file jobs beside the erasures, keeping every earlier row', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 130),
  );
  db.prepare("INSERT INTO erasures (id, at, kind, counts, backups) VALUES ('e1', '2026-11-27T02:00:00.000Z', 'request', '{\"calls\":1}', 2)").run();
  const before = db.prepare('SELECT * FROM erasures').all();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 130),
    ),
  ).toEqual([130]);
  expect(db.prepare('SELECT * FROM erasures').all()).toEqual(before);
  db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq, scope) VALUES ('j1', 'e1', 'backup', '/b/x.db', 0, '{}')").run();
  expect(db.prepare('SELECT state, done_at FROM erasure_scrubs').get()).toEqual({ state: 'pending', done_at: null });
  // a job belongs to a recorded erasure and is one of the three kinds
  expect(() => db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq) VALUES ('j2', 'nope', 'backup', '', 0)").run()).toThrow(/FOREIGN KEY/);
  expect(() => db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq) VALUES ('j3', 'e1', 'export', '', 0)").run()).toThrow(/CHECK/);
  db.close();
});
