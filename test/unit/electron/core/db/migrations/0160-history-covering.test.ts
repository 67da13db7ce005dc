import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';
import { historySql } from '../../../../../../electron/core/calls/history';

test('0160: the caller history is read from the index alone (no table look-up per call); rows are kept', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 160),
  );
  const insert = db.prepare(
    "INSERT INTO calls (id, direction, status, agent_name, caller_name, phone, phone_norm, subject, rang_at, created_at, updated_at) VALUES (?, 'inbound', 'completed', 'A', '张伟', '138 0013 8000', '13800138000', ?, 'x', ?, ?)",
  );
  for (let i = 0; i < 30; i++) insert.run(`c${i}`, `第 ${i} 次`, `2026-11-${String(i + 1).padStart(2, '0')}`, '2026-11-30');
  const before = db.prepare('SELECT * FROM calls ORDER BY id').all();
  const history = () => db.prepare(historySql.calls).all('13800138000', 'c29');
  const answer = history();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 160),
    ),
  ).toEqual([160]);
  expect(schemaVersion(db)).toBe(160);
  expect(db.prepare('SELECT * FROM calls ORDER BY id').all()).toEqual(before);
  expect(history()).toEqual(answer);
  expect(answer).toHaveLength(20);
  const plan = (sql: string, ...args: string[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
  expect(plan(historySql.calls, '1', '2')).toContain('USING COVERING INDEX calls_by_phone');
  expect(plan(historySql.recent, '1', '2', '3')).toContain('USING COVERING INDEX calls_by_phone');
  db.close();
});
