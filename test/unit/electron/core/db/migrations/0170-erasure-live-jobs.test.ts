import Database from 'better-sqlite3';
import { migrate } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0170 lets an erasure record its mention scan and index rewrite as jobs, keeping every pending file job', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 170),
  );
  db.prepare("INSERT INTO erasures (id, at, kind, counts, backups) VALUES ('e1', '2026-11-27T02:00:00.000Z', 'request', '{\"calls\":1}', 0)").run();
  db.prepare(
    "INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq, scope) VALUES ('j1', 'e1', 'backup', '/b/x.db', 0, '{\"kind\":\"customer\"}')",
  ).run();
  db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq, state, done_at) VALUES ('j2', 'e1', 'database', '', 1, 'done', 'x')").run();
  const before = db.prepare('SELECT * FROM erasure_scrubs ORDER BY seq').all();
  // before: the new kinds are refused
  expect(() => db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq) VALUES ('j3', 'e1', 'index', '', 2)").run()).toThrow(/CHECK/);
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 170),
    ),
  ).toEqual([170]);
  expect(db.prepare('SELECT * FROM erasure_scrubs ORDER BY seq').all()).toEqual(before);
  db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq, scope) VALUES ('j3', 'e1', 'mentions', '', 2, '{}')").run();
  db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq) VALUES ('j4', 'e1', 'index', '', 3)").run();
  expect(db.prepare("SELECT kind FROM erasure_scrubs WHERE state = 'pending' ORDER BY seq").pluck().all()).toEqual(['backup', 'mentions', 'index']);
  // still only known kinds, still only jobs of a recorded erasure, and the pending jobs are found by index
  expect(() => db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq) VALUES ('j5', 'e1', 'export', '', 4)").run()).toThrow(/CHECK/);
  expect(() => db.prepare("INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq) VALUES ('j6', 'nope', 'index', '', 0)").run()).toThrow(/FOREIGN KEY/);
  expect(db.prepare("EXPLAIN QUERY PLAN SELECT id FROM erasure_scrubs WHERE state = 'pending'").all()).toEqual(
    expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('erasure_scrubs_pending') })]),
  );
  db.close();
});
