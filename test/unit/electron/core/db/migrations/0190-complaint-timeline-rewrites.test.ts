import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0190: complaints count rewrites of their timeline (erasure), from 0; rows and entries are kept; appends do not count', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 190),
  );
  db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES ('a1', 'A', 'agent', '2026-01-01T00:00:00.000Z')").run();
  db.prepare(
    `INSERT INTO complaints (id, number, month, seq, customer_name, phone, phone_norm, matter, wants, category, severity, status, owner_id, owner_name,
       next_reply_due, event_count, created_at, created_by_name, updated_at)
     VALUES ('c1', 'TS-202611-0001', '202611', 1, '张伟', '138', '+86138', '退款', '', 'service', 'normal', 'new', 'a1', 'A', '2026-11-28T02:00:00.000Z', 1,
       '2026-11-27T02:00:00.000Z', 'A', '2026-11-27T02:00:00.000Z')`,
  ).run();
  const event = db.prepare(
    "INSERT INTO complaint_events (id, complaint_id, seq, kind, at, agent_name, data) VALUES (?, 'c1', ?, 'note', '2026-11-27T02:00:00.000Z', 'A', ?)",
  );
  event.run('e1', 1, '{"text":"第一次"}');
  const before = db.prepare('SELECT * FROM complaints').all();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 190),
    ),
  ).toEqual([190]);
  expect(schemaVersion(db)).toBe(190);
  const rewrites = () => db.prepare("SELECT timeline_rewrites FROM complaints WHERE id = 'c1'").pluck().get();
  expect(db.prepare('SELECT * FROM complaints').all()).toEqual(before.map((r) => ({ ...(r as object), timeline_rewrites: 0 })));
  event.run('e2', 2, '{"text":"第二次"}');
  expect(rewrites()).toBe(0);
  // the one sanctioned rewrite sets the append-only guard aside (privacy/locations.ts), as here
  db.exec('DROP TRIGGER complaint_events_no_update');
  db.prepare('UPDATE complaint_events SET data = \'{"text":"[erased]"}\' WHERE id = \'e1\'').run();
  expect(rewrites()).toBe(1);
  expect(db.prepare("SELECT data FROM complaint_events WHERE id = 'e2'").pluck().get()).toBe('{"text":"第二次"}');
  db.close();
});
