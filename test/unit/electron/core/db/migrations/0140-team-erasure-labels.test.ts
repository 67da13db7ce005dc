import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0140 adds where each call, complaint event and callback was taken (empty = this desk) and the team-erasure bookkeeping; rows are kept', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 140),
  );
  db.prepare(
    "INSERT INTO calls (id, direction, status, agent_id, agent_name, rang_at, created_at, updated_at) VALUES ('c1', 'inbound', 'open', NULL, 'A', 'x', '2026-11-01', '2026-11-01')",
  ).run();
  const before = db.prepare('SELECT * FROM calls').get() as Record<string, unknown>;
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 140),
    ),
  ).toEqual([140]);
  expect(schemaVersion(db)).toBe(140);
  expect(db.prepare('SELECT * FROM calls').get()).toEqual({ ...before, workstation: '' });
  for (const table of ['complaint_events', 'callbacks'])
    expect(db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all()).toContain('workstation');
  db.prepare("INSERT INTO sync_erased_refs (kind, ref) VALUES ('calls', 'c1')").run();
  expect(() => db.prepare("INSERT INTO sync_erased_refs (kind, ref) VALUES ('calls', 'c1')").run()).toThrow(/UNIQUE/);
  db.prepare("INSERT INTO sync_erasure_out (erasure_id, phone_norm, refs) VALUES ('e1', '13987654321', '[]')").run();
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
});
