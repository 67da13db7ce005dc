import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

const agent = (id: string, name: string) => `INSERT INTO agents (id, name, created_at) VALUES ('${id}', '${name}', '2026-11-01T00:00:00.000Z')`;
const customer = (id: string, phone: string) =>
  `INSERT INTO customers (id, phone, phone_norm, created_at, updated_at) VALUES ('${id}', '${phone}', '${phone}', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`;

test('0090 keeps every row, records nothing until team mode is on, then one outbox row per record', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 90),
  );
  db.prepare(agent('a1', 'Wang')).run();
  db.prepare(customer('c1', '13800000001')).run();
  const before = db.prepare('SELECT * FROM agents').all();

  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 90),
    ),
  ).toEqual([90]);
  expect(schemaVersion(db)).toBe(90);
  expect(db.prepare('SELECT * FROM agents').all()).toEqual(before);
  expect(db.prepare('SELECT mode FROM sync_state').pluck().get()).toBe(0);

  // a workstation without team mode works exactly as before: nothing recorded
  db.prepare(agent('a2', 'Li')).run();
  expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);

  db.prepare('UPDATE sync_state SET mode = 1').run();
  db.prepare(customer('c2', '13800000002')).run();
  for (let i = 0; i < 5; i++) db.prepare(`UPDATE customers SET name = 'n${i}', updated_at = '2026-11-02T00:00:0${i}.000Z' WHERE id = 'c2'`).run();
  // five edits of one card: one outbox row, its version counted up, and the field's time kept
  expect(db.prepare('SELECT kind, ref, ver FROM sync_outbox').all()).toEqual([{ kind: 'customers', ref: 'c2', ver: 6 }]);
  expect(db.prepare("SELECT field, at FROM sync_field_times WHERE ref = 'c2'").all()).toEqual([{ field: 'name', at: '2026-11-02T00:00:04.000Z' }]);
  // only team-wide settings travel
  db.prepare("INSERT INTO settings (key, value) VALUES ('company.name', 'X'), ('agent.a1.language', 'en')").run();
  expect(db.prepare("SELECT ref FROM sync_outbox WHERE kind = 'settings'").pluck().all()).toEqual(['company.name']);

  // applying pulled changes (mode 2) does not echo them back
  db.prepare('UPDATE sync_state SET mode = 2').run();
  db.prepare(agent('a3', 'Zhao')).run();
  expect(db.prepare("SELECT count(*) FROM sync_outbox WHERE kind = 'agents'").pluck().get()).toBe(0);
  expect(db.pragma('foreign_key_check')).toEqual([]);
  db.close();
});
