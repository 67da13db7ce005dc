// Each of migrations 30–32 applied to a database built to the previous version, with rows in it.
import Database from 'better-sqlite3';
import { migrate } from '../../../../../../electron/core/db/migrate';
import { migrations } from '../../../../../../electron/core/db/migrations';

const upTo = (v: number) => migrations.filter((m) => m.version < v);

function withCall(db: Database.Database, id: string, subject: string) {
  db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, subject, details, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', '张伟', '138', '138', ?, 'Customer asks for a REFUND', 'a', '2026-11-20T01:00:00.000Z', 'c')`,
  ).run(id, subject);
}

test('30: complaints and their append-only events are added; calls are kept', () => {
  const db = new Database(':memory:');
  migrate(db, upTo(30));
  withCall(db, 'call-1', '退款');
  migrate(db, upTo(31));
  expect(db.prepare('SELECT subject FROM calls').pluck().all()).toEqual(['退款']);
  db.prepare("INSERT INTO agents (id, name, created_at) VALUES ('a', 'A', 'x')").run();
  db.prepare(
    `INSERT INTO complaints (id, number, month, seq, call_id, matter, category, severity, status, owner_id, owner_name, next_reply_due, event_count, created_at, created_by_name, updated_at)
     VALUES ('c1', 'TS-202611-0001', '202611', 1, 'call-1', 'm', 'service', 'normal', 'new', 'a', 'A', 'due', 1, 'x', 'A', 'x')`,
  ).run();
  db.prepare("INSERT INTO complaint_events (id, complaint_id, seq, kind, at, agent_name, data) VALUES ('e1', 'c1', 1, 'created', 'x', 'A', '{}')").run();
  expect(() => db.prepare('DELETE FROM complaint_events').run()).toThrow(/append-only/);
  db.close();
});

test('31: calls that existed before become searchable, in Chinese two-character words and English', () => {
  const db = new Database(':memory:');
  migrate(db, upTo(31));
  withCall(db, 'call-1', '退款申请');
  withCall(db, 'call-2', '发票');
  migrate(db, upTo(32));
  expect(db.prepare('SELECT ref_id FROM search_docs ORDER BY rowid').pluck().all()).toEqual(['call-1', 'call-2']);
  const gram = '退'.codePointAt(0)! * 1114112 + '款'.codePointAt(0)!;
  expect(db.prepare('SELECT d.ref_id FROM search_bigrams b JOIN search_docs d ON d.rowid = b.doc WHERE b.gram = ?').pluck().all(gram)).toEqual(['call-1']);
  expect(db.prepare(`SELECT count(*) FROM search_fts WHERE search_fts MATCH '"refund"'`).pluck().get()).toBe(2);
  db.close();
});

test('32: callbacks are added; earlier rows stay', () => {
  const db = new Database(':memory:');
  migrate(db, upTo(32));
  withCall(db, 'call-1', '回访');
  migrate(db);
  db.prepare(
    "INSERT INTO callbacks (id, phone, phone_norm, reason, due_at, call_id, created_at, updated_at) VALUES ('cb', '138', '138', 'r', 'd', 'call-1', 'x', 'x')",
  ).run();
  expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
  expect(() => db.prepare("UPDATE callbacks SET satisfaction = 6 WHERE id = 'cb'").run()).toThrow(/CHECK/);
  expect(() => db.prepare("UPDATE callbacks SET status = 'done' WHERE id = 'cb'").run()).toThrow(/CHECK/);
  db.close();
});
