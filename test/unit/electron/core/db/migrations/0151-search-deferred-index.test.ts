// Migration 151 on a database built to the previous version: what was indexed stays searchable,
// new documents are indexed at once unless deferring is switched on, and then only listed.
import Database from 'better-sqlite3';
import { migrate } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';
import { deferredCount, indexDeferred, searchRefs } from '../../../../../../electron/core/search/store';

const insertCall = (db: Database.Database, id: string, subject: string) =>
  db
    .prepare(
      `INSERT INTO calls (id, direction, status, subject, rang_at, created_at, updated_at) VALUES (?, 'inbound', 'completed', ?, 'a', '2026-11-01T00:00:00.000Z', 'c')`,
    )
    .run(id, subject);

test('151: indexed documents stay searchable; deferring lists new documents until indexDeferred', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 151),
  );
  insertCall(db, 'before', '退款申请 refund');
  migrate(db, migrations);
  expect(db.prepare('SELECT deferring FROM search_state').pluck().get()).toBe(0);
  expect(searchRefs(db, 'refund').map((r) => r.refId)).toEqual(['before']);
  insertCall(db, 'now', '发票 invoice');
  expect(searchRefs(db, '发票').map((r) => r.refId)).toEqual(['now']);

  db.prepare('UPDATE search_state SET deferring = 1').run();
  insertCall(db, 'later', '维修 repair');
  db.prepare('UPDATE search_state SET deferring = 0').run();
  expect(deferredCount(db)).toBe(1);
  // listed, not in the index (a search would index the few listed itself first: store.ts)
  expect(db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get('"repair"')).toBe(0);
  expect(indexDeferred(db, 10)).toBe(1);
  expect(searchRefs(db, 'repair').map((r) => r.refId)).toEqual(['later']);
  expect(searchRefs(db, '维修').map((r) => r.refId)).toEqual(['later']);
  expect(() => db.prepare('UPDATE search_state SET deferring = 2').run()).toThrow(/CHECK/);
  db.close();
});
