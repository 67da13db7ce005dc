import Database from 'better-sqlite3';
import { migrate, schemaVersion } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

test('0200: a text longer than 1,000 characters is listed for the indexer, a shorter one indexed at once; edits and deletes stay exact', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    migrations.filter((m) => m.version < 200),
  );
  const insert = db.prepare("INSERT INTO search_docs (rowid, kind, ref_id, at, body) VALUES (?, 'call', ?, '2026-11-27T02:00:00.000Z', ?)");
  insert.run(1, 'before', '迁移前 beforeword');
  const before = db.prepare('SELECT * FROM search_docs').all();
  expect(
    migrate(
      db,
      migrations.filter((m) => m.version <= 200),
    ),
  ).toEqual([200]);
  expect(schemaVersion(db)).toBe(200);
  expect(db.prepare('SELECT * FROM search_docs').all()).toEqual(before);

  const fts = (word: string) => db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck().all(`"${word}"`);
  const pairs = (doc: number) => db.prepare('SELECT count(*) FROM search_bigrams WHERE doc = ?').pluck().get(doc);
  const listed = () => db.prepare('SELECT doc FROM search_deferred ORDER BY doc').pluck().all();
  const long = (word: string) => `${word} 退款`.padEnd(1_001, '物流信息没有更新');
  expect(fts('beforeword')).toEqual([1]);

  insert.run(2, 'short', `${'短'.repeat(990)} shortword`);
  insert.run(3, 'long', long('longword'));
  expect(fts('shortword')).toEqual([2]);
  expect(fts('longword')).toEqual([]);
  expect(pairs(3)).toBe(0);
  expect(listed()).toEqual([3]);

  // an indexed text grown past the limit: its old entries go, and it waits for the indexer
  db.prepare('UPDATE search_docs SET body = ? WHERE rowid = 2').run(long('grownword'));
  expect(fts('shortword')).toEqual([]);
  expect(pairs(2)).toBe(0);
  expect(listed()).toEqual([2, 3]);
  // a listed text edited (even short again) keeps waiting; deleting it unlists it
  db.prepare("UPDATE search_docs SET body = 'shrunk 缩短' WHERE rowid = 3").run();
  expect(fts('shrunk')).toEqual([]);
  db.prepare('DELETE FROM search_docs WHERE rowid = 2').run();
  expect(listed()).toEqual([3]);
  // a short text edited stays indexed at once, as before
  db.prepare("UPDATE search_docs SET body = '迁移后 afterword' WHERE rowid = 1").run();
  expect(fts('afterword')).toEqual([1]);
  expect(fts('beforeword')).toEqual([]);
  db.close();
});
