// Migration 150 on a database built to the previous version: a complaint whose one document held
// its whole timeline keeps only its fields; each note becomes its own document, placed right after
// the complaint's, and the complaint is still found by its notes' words.
import Database from 'better-sqlite3';
import { migrate } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';
import { searchRefs } from '../../../../../../electron/core/search/store';

test('150: timeline entries become documents of their own; the complaint is found by them, once', () => {
  const db = new Database(':memory:');
  migrate(
    db,
    migrations.filter((m) => m.version < 150),
  );
  db.prepare("INSERT INTO agents (id, name, created_at) VALUES ('a', 'A', 'x')").run();
  const complaint = db.prepare(
    `INSERT INTO complaints (id, number, month, seq, customer_name, matter, category, severity, status, owner_id, owner_name, next_reply_due, event_count, created_at, created_by_name, updated_at)
     VALUES (?, ?, '202611', ?, '张伟', ?, 'service', 'normal', 'new', 'a', 'A', 'due', 1, ?, 'A', 'x')`,
  );
  const event = db.prepare('INSERT INTO complaint_events (id, complaint_id, seq, kind, at, agent_name, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  complaint.run('c1', 'TS-202611-0001', 1, '退款未到账', '2026-11-01T00:00:00.000Z');
  complaint.run('c2', 'TS-202611-0002', 2, '发票抬头', '2026-11-01T00:00:00.000Z'); // the same millisecond
  event.run('e1', 'c1', 1, 'created', 'x', 'A', '{}');
  event.run('e2', 'c1', 2, 'note', 'x', 'A', JSON.stringify({ text: '客户 Courier 电话' }));
  event.run('e3', 'c1', 3, 'transfer', 'x', 'A', JSON.stringify({ why: '需要主管 review' }));
  event.run('e4', 'c2', 2, 'note', 'x', 'A', JSON.stringify({ text: '抬头已改 courier' }));
  db.prepare("UPDATE complaints SET updated_at = 'y'").run(); // the old trigger folds the notes in
  expect(db.prepare("SELECT body FROM search_docs WHERE ref_id = 'c1'").pluck().get()).toContain('courier');

  migrate(db, migrations);
  const docs = db.prepare('SELECT rowid, ref_id, record_id, at, body FROM search_docs ORDER BY rowid').all() as {
    rowid: number;
    ref_id: string;
    record_id: string | null;
    at: string;
    body: string;
  }[];
  expect(docs.map((d) => [d.ref_id, d.record_id])).toEqual([
    ['c1', null],
    ['c2', null],
    ['e2', 'c1'],
    ['e3', 'c1'],
    ['e4', 'c2'],
  ]);
  // one creation block (ms × 4096), so "newest first" still orders complaints by creation
  expect(new Set(docs.map((d) => Math.floor(d.rowid / 4096))).size).toBe(1);
  expect(docs.every((d) => d.at === '2026-11-01T00:00:00.000Z')).toBe(true);
  expect(docs[0]!.body).not.toContain('courier');
  expect(docs[2]!.body).toBe('客户 courier 电话');
  expect(docs[3]!.body).toBe('需要主管 review');
  // the index followed: the old text is gone from the complaint's own document
  expect(db.prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH '"courier"' ORDER BY rowid`).pluck().all()).toEqual([docs[2]!.rowid, docs[4]!.rowid]);
  expect(searchRefs(db, 'courier').map((r) => r.refId)).toEqual(['c2', 'c1']);
  expect(searchRefs(db, '张伟 主管 courier').map((r) => r.refId)).toEqual(['c1']);
  expect(searchRefs(db, '主管').map((r) => r.refId)).toEqual(['c1']);

  // new entries after the migration are indexed on their own
  event.run('e5', 'c2', 3, 'reply', 'x', 'A', JSON.stringify({ text: '已回电 delivered' }));
  expect(searchRefs(db, 'delivered').map((r) => r.refId)).toEqual(['c2']);
  db.close();
});
