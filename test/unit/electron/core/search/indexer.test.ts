// C5: a long note is listed for the indexer thread instead of being indexed by the action that
// wrote it; a search right after still finds it (a search reads the documents still listed), and
// the indexer thread empties the list a moment later. Two indexers for one file never run at once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../../../../electron/core/entry/start-core';
import { call, memoryCore } from '../../../../helpers/core';
import { newId } from '../../../../../electron/core/infra/ids';
import { holdIndexing, indexDeferredInWorker } from '../../../../../electron/core/search/index-worker';
import { deferredCount, searchRefs } from '../../../../../electron/core/search/store';
import { LONG_DOC } from '../../../../../electron/core/search/index-sql';
import type { Db } from '../../../../../electron/core/db/open';

const longNote = (word: string) => `${word} 客户第三次来电，退款仍未到账。`.padEnd(5_000, '物流信息一直没有更新，客户要求书面答复。');
const indexed = (db: Db, word: string) => db.prepare('SELECT count(*) FROM search_fts WHERE search_fts MATCH ?').pluck().get(`"${word}"`) as number;

async function complaint(core: Core): Promise<string> {
  const created = await call(core, 'complaints.create', {
    customerName: '张伟',
    phone: '138 0013 8000',
    matter: '退款两周未到账',
    category: 'service',
    nextReplyDue: '2027-01-05T00:00:00.000Z',
  });
  return created.complaint.id;
}

function fileCore(): Core {
  const core = startCore({ dbFile: join(mkdtempSync(join(tmpdir(), 'cc-indexer-')), 'console.db'), transport: 'browser', version: 'test', backupKeep: 0 });
  const agentId = newId();
  core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, 'Test Agent', 'agent', '2026-01-01T00:00:00.000Z')").run(agentId);
  void core.dispatch('session.signIn', { agentId });
  return core;
}

test('a long note is not indexed by its action; a search just after finds it anyway, in every list that searches', async () => {
  const core = memoryCore();
  const id = await complaint(core);
  await call(core, 'complaints.note', { id, text: longNote('zebrafinch') });
  // the action listed it and left the index alone
  expect(deferredCount(core.db)).toBe(1);
  expect(indexed(core.db, 'zebrafinch')).toBe(0);
  // a short note is indexed as it is written, as before
  await call(core, 'complaints.note', { id, text: 'shortnote 短备注' });
  expect(indexed(core.db, 'shortnote')).toBe(1);
  expect(deferredCount(core.db)).toBe(1);

  expect((await call(core, 'search.query', { q: 'zebrafinch', limit: 50 })).map((h) => h.id)).toEqual([id]);
  // read, not indexed: searching writes nothing
  expect(deferredCount(core.db)).toBe(1);
  expect(searchRefs(core.db, '书面').map((r) => r.refId)).toEqual([id]);
  expect(searchRefs(core.db, 'zebrafinch 书面').map((r) => r.refId)).toEqual([id]);
  await call(core, 'complaints.note', { id, text: longNote('quokka') });
  expect((await call(core, 'complaints.list', { view: 'all', q: 'quokka', offset: 0, limit: 50 })).rows.map((r) => r.id)).toEqual([id]);
  await call(core, 'complaints.note', { id, text: longNote('narwhal') });
  expect(await call(core, 'search.count', { q: 'narwhal', kind: 'all' })).toEqual({ total: 1, capped: false });
  core.close();
});

test('the indexer thread indexes a long note a moment after the action, without a search', async () => {
  const core = fileCore();
  try {
    const id = await complaint(core);
    const note = await core.dispatch('complaints.note', { id, text: longNote('pangolin') });
    expect(note.ok).toBe(true);
    expect(deferredCount(core.db)).toBe(1);
    expect(indexed(core.db, 'pangolin')).toBe(0);
    await core.searchIndexer.idle();
    expect(deferredCount(core.db)).toBe(0);
    expect(indexed(core.db, 'pangolin')).toBe(1);
    expect(
      core.db.prepare('SELECT count(*) FROM search_bigrams b JOIN search_docs d ON d.rowid = b.doc WHERE d.body LIKE ?').pluck().get('%pangolin%'),
    ).toBeGreaterThan(10);
  } finally {
    core.close();
  }
});

test('two calls for one file share one indexer; documents listed while it runs are indexed before either resolves', async () => {
  const core = fileCore();
  try {
    core.searchIndexer.stop();
    const id = await complaint(core);
    for (let i = 0; i < 30; i++) await call(core, 'complaints.note', { id, text: longNote(`batch${i}word`) });
    expect(LONG_DOC).toBeLessThan(5_000);
    expect(deferredCount(core.db)).toBe(30);
    const progress: number[] = [];
    const first = indexDeferredInWorker(core.db.name, { chunkMs: 5, firstChunk: 1, minChunk: 1, onIndexed: (n) => progress.push(n) });
    // listed while the first runs: the joined call must not resolve before these are indexed too
    for (let i = 30; i < 40; i++) await call(core, 'complaints.note', { id, text: longNote(`batch${i}word`) });
    const second = indexDeferredInWorker(core.db.name, {});
    await Promise.all([first, second]);
    expect(deferredCount(core.db)).toBe(0);
    for (let i = 0; i < 40; i++) expect(indexed(core.db, `batch${i}word`)).toBe(1);
    expect(core.db.prepare('SELECT count(*) FROM search_fts').pluck().get()).toBe(core.db.prepare('SELECT count(*) FROM search_docs').pluck().get());
    expect(progress.at(-1)).toBe(40);
  } finally {
    core.close();
  }
});

test('while a catch-up holds indexing, the kicks start no pass; after the release the next kick indexes', async () => {
  const core = fileCore();
  try {
    const id = await complaint(core);
    const release = holdIndexing(core.db.name);
    await call(core, 'complaints.note', { id, text: longNote('okapi') });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await core.searchIndexer.idle();
    expect(deferredCount(core.db)).toBe(1);
    release();
    await call(core, 'complaints.get', { id });
    await core.searchIndexer.idle();
    expect(deferredCount(core.db)).toBe(0);
    expect(indexed(core.db, 'okapi')).toBe(1);
  } finally {
    core.close();
  }
});
