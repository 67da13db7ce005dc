import Database from 'better-sqlite3';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

test('0070 adds the erasures record and erased_at to calls, keeping existing calls as they were', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.filter((m) => m.version < 70));
  db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, rang_at, created_at, updated_at)
     VALUES ('c1', 'inbound', 'completed', '王芳', '138 0013 8000', '13800138000', 'a', '2026-01-01T00:00:00.000Z', 'c')`,
  ).run();
  migrate(db, migrations.filter((m) => m.version <= 70));
  expect(db.pragma('user_version', { simple: true })).toBe(70);
  expect(db.prepare('SELECT caller_name, phone_norm, erased_at FROM calls').get()).toEqual({ caller_name: '王芳', phone_norm: '13800138000', erased_at: null });
  db.prepare("INSERT INTO erasures (id, at, kind, counts) VALUES ('e1', 'now', 'retention', '{}')").run();
  expect(() => db.prepare("INSERT INTO erasures (id, at, kind, counts) VALUES ('e2', 'now', 'other', '{}')").run()).toThrow(/CHECK/);
  // the index retention uses
  const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM calls WHERE erased_at IS NULL AND created_at < '2026'").all() as { detail: string }[];
  expect(plan.map((p) => p.detail).join(' ')).toMatch(/calls_not_erased_by_created/);
  db.close();
});
