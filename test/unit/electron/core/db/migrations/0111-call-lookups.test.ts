import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0111 indexes "my unfinished calls" and "the callback of this call"; rows are kept and the queries use them', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 111),
  );
  db.prepare(
    "INSERT INTO calls (id, direction, status, agent_id, agent_name, rang_at, created_at, updated_at) VALUES ('c1', 'inbound', 'open', NULL, 'A', 'x', '2026-11-01', '2026-11-01')",
  ).run();
  const before = db.prepare('SELECT * FROM calls').all();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 111),
    ),
  ).toEqual([111]);
  expect(schemaVersion(db)).toBe(111);
  expect(db.prepare('SELECT * FROM calls').all()).toEqual(before);
  const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
  expect(plan("SELECT * FROM calls WHERE status = 'open' AND agent_id = 'a' ORDER BY created_at DESC LIMIT 20")).toContain('calls_open_by_agent');
  expect(plan("SELECT id FROM callbacks WHERE call_id = 'c1' AND status = 'pending'")).toContain('callbacks_by_call');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
});
