import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../electron/core/db/migrations';

test('0100 adds phone_calls beside the calls of an existing database, which stay as they were', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 100),
  );
  db.prepare("INSERT INTO agents (id, name, created_at) VALUES ('a1', 'Li', '2026-11-01T00:00:00.000Z')").run();
  db.prepare(
    "INSERT INTO calls (id, direction, status, agent_id, rang_at, answered_at, created_at, updated_at) VALUES ('k1', 'inbound', 'open', 'a1', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
  ).run();
  const calls = db.prepare('SELECT * FROM calls').all();
  expect(migrate(db, migrations)).toContain(100);
  expect(schemaVersion(db)).toBeGreaterThanOrEqual(100);
  // later migrations may add columns (0120: phone_ext); what was there stays as it was
  expect(db.prepare('SELECT * FROM calls').all()).toEqual(calls.map((c) => expect.objectContaining(c)));
  const insert = db.prepare(
    `INSERT INTO phone_calls (id, source, call_id, from_number, status, rang_at, answered_at, console_call_id, created_at, updated_at)
     VALUES (?, ?, ?, '138', ?, '2026-11-01T00:00:00.000Z', ?, ?, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')`,
  );
  insert.run('p1', 'baresip', 'x', 'answered', '2026-11-01T00:00:05.000Z', 'k1');
  // one row per call id of a source; answers never before the ring; a missed call was never answered
  expect(() => insert.run('p2', 'baresip', 'x', 'ringing', null, null)).toThrow(/UNIQUE/);
  insert.run('p3', 'http', 'x', 'ringing', null, null);
  expect(() => insert.run('p4', 'http', 'y', 'answered', '2026-10-31T23:59:59.000Z', null)).toThrow(/CHECK/);
  expect(() => insert.run('p5', 'http', 'z', 'missed', '2026-11-01T00:00:05.000Z', null)).toThrow(/CHECK/);
  expect(() => insert.run('p6', 'sms', 'w', 'ringing', null, null)).toThrow(/CHECK/);
  expect(() => insert.run('p7', 'http', 'v', 'answered', '2026-11-01T00:00:05.000Z', 'no-such-call')).toThrow(/FOREIGN KEY/);
  db.close();
});
