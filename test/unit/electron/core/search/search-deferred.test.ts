import { call, memoryCore } from '../../../../helpers/core';

test('autosave only notes a changed call; the next search still finds its newest text, not the old', async () => {
  const core = memoryCore();
  const c = await call(core, 'calls.start', {});
  await call(core, 'calls.update', { id: c.id, fields: { subject: '发票寄错地址' } });
  await call(core, 'calls.update', { id: c.id, fields: { subject: '退款两周未到账' } });
  // the typing path wrote no index rows, just one pending mark
  expect(core.db.prepare('SELECT ref_id FROM search_pending').pluck().all()).toEqual([c.id]);

  const hits = await call(core, 'search.query', { q: '退款', kind: 'call', limit: 10 });
  expect(hits.map((h) => h.id)).toEqual([c.id]);
  expect(await call(core, 'search.query', { q: '发票', kind: 'call', limit: 10 })).toEqual([]);
  expect(core.db.prepare('SELECT count(*) FROM search_pending').pluck().get()).toBe(0);
  core.close();
});

test('migration 0033 keeps the calls already indexed and defers later edits', async () => {
  const Database = (await import('better-sqlite3')).default;
  const { migrate } = await import('../../../../../electron/core/db/migrate');
  const { migrations } = await import('../../../../../electron/core/db/migrations');
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 33),
  );
  db.prepare(
    "INSERT INTO calls (id, direction, status, subject, rang_at, created_at, updated_at) VALUES ('c1', 'inbound', 'open', '旧的主题', 'a', '2026-11-01T00:00:00.000Z', 'c')",
  ).run();
  migrate(db, migrations);
  expect(db.prepare("SELECT body FROM search_docs WHERE ref_id = 'c1'").pluck().get()).toContain('旧的主题');
  db.prepare("UPDATE calls SET subject = '新的主题' WHERE id = 'c1'").run();
  expect(db.prepare('SELECT ref_id FROM search_pending').pluck().all()).toEqual(['c1']);
  db.close();
});
