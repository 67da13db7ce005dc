import Database from 'better-sqlite3';
import { migrate } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0070 adds the erasures record and erased_at to calls, keeping existing calls as they were', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 70),
  );
  db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, rang_at, created_at, updated_at)
     VALUES ('c1', 'inbound', 'completed', '王芳', '138 0013 8000', '13800138000', 'a', '2026-01-01T00:00:00.000Z', 'c')`,
  ).run();
  migrate(
    db,
    migrations.filter((m) => m.version <= 70),
  );
  expect(db.pragma('user_version', { simple: true })).toBe(70);
  expect(db.prepare('SELECT caller_name, phone_norm, erased_at FROM calls').get()).toEqual({ caller_name: '王芳', phone_norm: '13800138000', erased_at: null });
  db.prepare("INSERT INTO erasures (id, at, kind, counts) VALUES ('e1', 'now', 'retention', '{}')").run();
  expect(() => db.prepare("INSERT INTO erasures (id, at, kind, counts) VALUES ('e2', 'now', 'other', '{}')").run()).toThrow(/CHECK/);
  // the index retention uses
  const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM calls WHERE erased_at IS NULL AND created_at < '2026'").all() as { detail: string }[];
  expect(plan.map((p) => p.detail).join(' ')).toMatch(/calls_not_erased_by_created/);
  db.close();
});

test('0071 marks complaints and callbacks as erasable, keeping their rows', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 71),
  );
  db.prepare("INSERT INTO agents (id, name, created_at) VALUES ('a1', 'Agent', 'x')").run();
  db.prepare(
    `INSERT INTO callbacks (id, customer_name, phone, phone_norm, reason, due_at, created_at, updated_at)
     VALUES ('cb1', '王芳', '139 0000 1111', '13900001111', '回访', '2026-12-01T02:00:00.000Z', 'x', 'x')`,
  ).run();
  migrate(
    db,
    migrations.filter((m) => m.version <= 71),
  );
  expect(db.pragma('user_version', { simple: true })).toBe(71);
  expect(db.prepare('SELECT customer_name, erased_at FROM callbacks').get()).toEqual({ customer_name: '王芳', erased_at: null });
  const columns = (db.prepare('PRAGMA table_info(complaints)').all() as { name: string }[]).map((c) => c.name);
  expect(columns).toContain('erased_at');
  db.close();
});
