import Database from 'better-sqlite3';
import { migrate } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0081 adds the access log and keeps every earlier row', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 81),
  );
  db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES ('a1', 'Lead Li', 'lead', '2026-11-01T00:00:00.000Z')").run();
  const before = db.prepare('SELECT * FROM agents').all();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 81),
    ),
  ).toEqual([81]);
  expect(db.prepare('SELECT * FROM agents').all()).toEqual(before);
  db.prepare(
    "INSERT INTO access_log (id, at, agent_id, agent_name, method, page) VALUES ('x', '2026-11-27T02:00:00.000Z', 'a1', 'Lead Li', 'reports.rows', '{}')",
  ).run();
  expect(() => db.prepare("INSERT INTO access_log (id, at, agent_name, method, page) VALUES ('y', NULL, 'x', 'm', '{}')").run()).toThrow(/NOT NULL/);
  db.close();
});
