// search3_p95_ms / search2_p95_ms: full-text search through the service (dispatch →
// search.query, first page of 50, newest first) over 1,000,000 mixed Chinese/English complaint and
// call texts; words of ≥ 3 characters and two-character Chinese words.
// complaint_note_p95_ms: complaints.note, 499 notes of 5,000 characters on one complaint (p95 of all).
// complaint_open_ms: complaints.get of a complaint with 500 timeline events (p95 of 50 opens).
// The data is generated here: rows are bulk-inserted in transactions (the row triggers fill
// search_docs), and the trigram and pair indexes are then built at once by rebuildSearchIndex (the
// same expressions as the per-row triggers, which are back on for the measured part).
// search_write_p95_ms: one call saved through the service with all search triggers, at 1M rows.
// BENCH_SEARCH_DOCS changes the size.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/entry/start-core';
import { offsetClock } from '../../electron/core/infra/clock';
import { newId } from '../../electron/core/infra/ids';
import { bulkLoad } from '../../electron/core/search/store';
import { figure, ms, percentile } from './stats';

// BENCH_CALLS sets the size of every bench that fills a database (10000000 for a whole team's file)
const DOCS = Number(process.env.BENCH_SEARCH_DOCS ?? process.env.BENCH_CALLS ?? 1_000_000);
const QUERIES = 200;
// BENCH_SEARCH_DB=<file>: keep the generated database there and reuse it on the next run.
const kept = process.env.BENCH_SEARCH_DB;
const dir = kept ? '' : mkdtempSync(join(tmpdir(), 'cc-bench-search-'));
const reuse = kept !== undefined && existsSync(kept);
const core = startCore({ dbFile: kept ?? join(dir, 'search.db'), transport: 'browser', version: 'bench', clock: offsetClock(0), backupKeep: 0 });
const db = core.db;

const words2 = [
  '退款',
  '物流',
  '延迟',
  '发票',
  '投诉',
  '客户',
  '服务',
  '安装',
  '维修',
  '故障',
  '电话',
  '产品',
  '质量',
  '订单',
  '配送',
  '地址',
  '损坏',
  '经理',
  '信号',
  '网络',
  '空调',
  '冰箱',
  '师傅',
  '态度',
  '价格',
  '保修',
  '更换',
  '回访',
  '满意',
  '处理',
];
const words3 = [
  '退款申请',
  '物流延迟',
  '发票抬头',
  '安装师傅',
  '售后服务',
  '信号中断',
  '空调漏水',
  '冰箱不制冷',
  '配送超时',
  '服务态度差',
  '质量问题',
  '重复扣费',
];
const english = [
  'refund',
  'delivery',
  'invoice',
  'broken',
  'install',
  'repair',
  'network',
  'signal',
  'warranty',
  'manager',
  'complaint',
  'delay',
  'replace',
  'service',
];
const surnames = Array.from('张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗');
const given = Array.from('伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚');

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(a: T[]): T => a[Math.floor(rand() * a.length)]!;
const sentence = () => `${pick(words3)}${pick(words2)} ${pick(english)} ${pick(words2)}${pick(words2)}`;

async function main(): Promise<void> {
  db.pragma('cache_size = -400000');
  db.pragma('synchronous = OFF'); // generation only; measured queries read
  db.pragma('temp_store = MEMORY'); // the sorted pair insert sorts ~10 M rows
  const agentId = reuse ? (db.prepare("SELECT id FROM agents WHERE name = 'Bench'").pluck().get() as string) : newId();
  if (!reuse) db.prepare("INSERT INTO agents (id, name, created_at) VALUES (?, 'Bench', '2024-01-01T00:00:00.000Z')").run(agentId);
  const insertCall = db.prepare(
    `INSERT INTO calls (id, direction, status, agent_id, agent_name, caller_name, phone, phone_norm, subject, details, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', ?, 'Bench', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertComplaint = db.prepare(
    `INSERT INTO complaints (id, number, month, seq, customer_name, phone, phone_norm, matter, wants, category, severity, status, owner_id, owner_name,
       next_reply_due, event_count, created_at, created_by_name, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'service', 'normal', 'in_progress', ?, 'Bench', ?, 1, ?, 'Bench', ?)`,
  );
  const start = Date.parse('2023-01-01T00:00:00.000Z');
  const step = Math.floor((Date.parse('2026-11-01T00:00:00.000Z') - start) / DOCS);
  const t0 = process.hrtime.bigint();
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const at = new Date(start + i * step).toISOString();
      const name = pick(surnames) + pick(given);
      const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      if (i % 5 === 0) {
        const month = at.slice(0, 7).replace('-', '');
        insertComplaint.run(newId(), `TS-${month}-${String(i).padStart(7, '0')}`, month, i, name, phone, phone, sentence(), pick(words2), agentId, at, at, at);
      } else insertCall.run(newId(), agentId, name, phone, phone, `${pick(words3)} ${pick(english)}`, sentence(), at, at, at);
    }
  });
  let rowsDone = t0;
  if (!reuse)
    bulkLoad(db, () => {
      for (let i = 0; i < DOCS; i += 50_000) batch(i, Math.min(DOCS, i + 50_000));
      figure('search_generate_rows_s', ms(t0) / 1000, 's', 1);
      rowsDone = process.hrtime.bigint();
    });
  if (!reuse) figure('search_generate_index_s', ms(rowsDone) / 1000, 's', 1);
  db.pragma('wal_checkpoint(TRUNCATE)');
  figure('search_generate_s', ms(t0) / 1000, 's', 1);
  db.pragma('cache_size = -2000'); // back to SQLite's default for the measured part
  db.pragma('temp_store = DEFAULT');
  db.pragma('synchronous = FULL');

  const signIn = await core.dispatch('session.signIn', { agentId });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));

  async function timed(queries: string[]): Promise<number[]> {
    const times: number[] = [];
    for (const q of queries) {
      const t = process.hrtime.bigint();
      const r = await core.dispatch('search.query', { q, limit: 50 });
      times.push(ms(t));
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    return times;
  }
  const three = Array.from({ length: QUERIES }, () => (rand() < 0.5 ? pick(words3) : pick(english)));
  const two = Array.from({ length: QUERIES }, () => pick(words2));
  await timed(three.slice(0, 20)); // warm-up
  figure('search3_p95_ms', percentile(await timed(three), 95), 'ms');
  figure('search2_p95_ms', percentile(await timed(two), 95), 'ms');
  figure('search2_rare_pair_p95_ms', percentile(await timed(Array.from({ length: 50 }, () => pick(surnames) + pick(given))), 95), 'ms');

  const lists: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t = process.hrtime.bigint();
    const r = await core.dispatch('complaints.list', { view: i % 2 ? 'open' : 'mine', offset: i % 4 < 2 ? 0 : Math.floor(rand() * 100_000), limit: 200 });
    lists.push(ms(t));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  figure('complaint_list_page_p95_ms', percentile(lists, 95), 'ms');

  const writes: number[] = [];
  for (let i = 0; i < 200; i++) {
    const started = await core.dispatch('calls.start', {});
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const t = process.hrtime.bigint();
    const saved = await core.dispatch('calls.update', {
      id: (started.value as { id: string }).id,
      fields: { callerName: pick(surnames) + pick(given), subject: sentence(), details: sentence() },
    });
    writes.push(ms(t));
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  }
  figure('search_write_p95_ms', percentile(writes, 95), 'ms');

  const created = await core.dispatch('complaints.create', {
    customerName: '张伟',
    phone: '13800138000',
    matter: '退款申请 refund requested twice',
    category: 'service',
    nextReplyDue: new Date(Date.now() + 86_400_000).toISOString(),
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const id = (created.value as { complaint: { id: string } }).complaint.id;
  // long notes (5,000 characters, the most a note takes): each action indexes only its own entry,
  // so the 499th costs what the 1st did
  const noteTimes: number[] = [];
  for (let i = 1; i < 500; i++) {
    let text = `第 ${i} 次跟进：`;
    while (text.length < 4_900) text += `${sentence()}，`;
    const t = process.hrtime.bigint();
    const r = await core.dispatch('complaints.note', { id, text: text.slice(0, 5_000) });
    noteTimes.push(ms(t));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  figure(
    'complaint_note_p95_ms',
    percentile(noteTimes, 95),
    `ms (notes 1–499 of 5,000 characters; the last 50: p95 ${percentile(noteTimes.slice(-50), 95).toFixed(1)} ms)`,
  );
  const hits = await core.dispatch('search.query', { q: '第 1 次跟进', limit: 50 });
  if (!hits.ok || !(hits.value as { id: string }[]).some((h) => h.id === id)) throw new Error('the first note does not find its complaint');
  const opens: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = process.hrtime.bigint();
    const r = await core.dispatch('complaints.get', { id });
    opens.push(ms(t));
    if (!r.ok || (r.value as { events: unknown[] }).events.length !== 500) throw new Error('complaint did not open with 500 events');
  }
  figure('complaint_open_ms', percentile(opens, 95), 'ms');
  core.close();
  if (!kept) rmSync(dir, { recursive: true, force: true });
}

void main();
