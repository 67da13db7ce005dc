// Deferred indexing (migration 0151): documents written while search_state.deferring is on are only
// listed; indexDeferred makes them searchable in chunks, newest first. Edits and deletes of a listed
// document, an erasure meanwhile, and a full rebuild all stay exact.
import { memoryCore, call } from '../../../../helpers/core';
import { deferredCount, flushPendingCalls, indexDeferred, rebuildSearchIndex, searchRefs } from '../../../../../electron/core/search/store';
import type { Db } from '../../../../../electron/core/db/open';

function insertCalls(db: Db, ids: string[], subject: (i: number) => string, defer: boolean): void {
  const insert = db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, subject, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', '张伟', ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    if (defer) db.prepare('UPDATE search_state SET deferring = 1').run();
    ids.forEach((id, i) => {
      const at = new Date(Date.parse('2026-11-01T00:00:00.000Z') + i * 60_000).toISOString();
      insert.run(id, `1390000${String(i).padStart(4, '0')}`, `1390000${String(i).padStart(4, '0')}`, subject(i), at, at, at);
    });
    db.prepare('UPDATE search_state SET deferring = 0').run();
  })();
}

const fts = (db: Db, word: string) => db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(`"${word}"`) as number;

test('deferred documents are listed, not indexed; chunks index them newest first until none remain; search.status says how many wait', async () => {
  const core = memoryCore();
  // more than a search indexes itself before it reads (store.ts): a catch-up's worth
  const ids = Array.from({ length: 70 }, (_, i) => `call-${String(i).padStart(2, '0')}`);
  insertCalls(core.db, ids, (i) => `退款申请 refund case${i}`, true);
  expect(deferredCount(core.db)).toBe(70);
  expect(await call(core, 'search.status', {})).toEqual({ waiting: 70 });
  expect(searchRefs(core.db, 'refund', { limit: 100 })).toEqual([]);
  expect(fts(core.db, 'refund')).toBe(0);

  expect(indexDeferred(core.db, 10)).toBe(10);
  // the ten newest are searchable first (the ones an agent is most likely to look for)
  expect(searchRefs(core.db, 'refund', { limit: 100 }).map((r) => r.refId)).toEqual(ids.slice(60).reverse());
  expect(searchRefs(core.db, '退款', { limit: 100 })).toHaveLength(10);
  expect(indexDeferred(core.db, 10)).toBe(10);
  // fifty left: few enough for a search to index them itself before it reads
  expect(searchRefs(core.db, 'refund', { limit: 100 }).map((r) => r.refId)).toEqual([...ids].reverse());
  expect(await call(core, 'search.status', {})).toEqual({ waiting: 0 });
  expect(searchRefs(core.db, '退款', { limit: 100 })).toHaveLength(70);
  // with deferring off again, a new call is indexed by its trigger at once
  insertCalls(core.db, ['call-new'], () => '发票 invoice', false);
  expect(searchRefs(core.db, 'invoice').map((r) => r.refId)).toEqual(['call-new']);
  expect(deferredCount(core.db)).toBe(0);
  core.close();
});

test('a listed document edited or deleted before its chunk: the chunk reads the newest text; the deleted one is unlisted; the index holds nothing stale', () => {
  const core = memoryCore();
  insertCalls(core.db, ['a', 'b', 'c'], (i) => `旧的主题 oldword${i}`, true);
  core.db.prepare("UPDATE calls SET subject = '新的主题 newword' WHERE id = 'a'").run();
  flushPendingCalls(core.db); // brings the lazily re-indexed call text into its document (search_pending)
  core.db.prepare("DELETE FROM calls WHERE id = 'b'").run();
  expect(deferredCount(core.db)).toBe(2);
  while (indexDeferred(core.db, 100) > 0);
  expect(searchRefs(core.db, 'newword').map((r) => r.refId)).toEqual(['a']);
  expect(searchRefs(core.db, 'oldword0')).toEqual([]);
  expect(searchRefs(core.db, 'oldword1')).toEqual([]);
  expect(searchRefs(core.db, 'oldword2').map((r) => r.refId)).toEqual(['c']);
  expect(fts(core.db, 'oldword')).toBe(1);
  core.close();
});

test('an erasure while documents wait: the waiting documents are scrubbed too, and stay scrubbed once indexed', async () => {
  const core = memoryCore();
  insertCalls(core.db, ['waiting'], () => '客户说 13800138000 还没收到退款', true);
  const lead = await call(core, 'agents.add', { name: 'Lead Li' });
  await call(core, 'session.signIn', { agentId: lead.id });
  await call(core, 'lead.setPin', { pin: '864200' });
  await call(core, 'privacy.eraseCustomer', { phone: '13800138000', reason: 'asked to be forgotten' });
  while (indexDeferred(core.db, 100) > 0);
  expect(core.db.prepare('SELECT body FROM search_docs').pluck().all().join(' ')).not.toContain('13800138000');
  expect(fts(core.db, '13800138000')).toBe(0);
  expect(searchRefs(core.db, '0013')).toEqual([]);
  expect(searchRefs(core.db, '还没收到').map((r) => r.refId)).toEqual(['waiting']);
  core.close();
});

test('a rebuild indexes everything, waiting documents included, and empties the list', () => {
  const core = memoryCore();
  insertCalls(core.db, ['a', 'b'], (i) => `维修 repair${i}`, true);
  rebuildSearchIndex(core.db);
  expect(deferredCount(core.db)).toBe(0);
  expect(searchRefs(core.db, 'repair').map((r) => r.refId)).toEqual(['b', 'a']);
  expect(searchRefs(core.db, '维修')).toHaveLength(2);
  core.close();
});
