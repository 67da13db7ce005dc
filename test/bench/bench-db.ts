// The benches' database of N calls, built set-based inside SQLite and kept for the next run.
//
// Rows come from one INSERT … SELECT per table over a counter (a recursive CTE), so no row crosses
// into JavaScript; the schema is the app's own (its migrations run first) and the search index is
// filled by the app's own triggers and bulk rebuild (search/store.ts bulkLoad). While building:
// journal_mode=OFF and synchronous=OFF (a bench file that is only ever complete or thrown away),
// secondary indexes dropped and built once at the end. The finished file is renamed into
// `.cache/bench-db/` under a name holding the size, the schema version and this generator's
// version, so a half-built file is never reused and a schema change builds a new one.
//
// What it holds for N calls, over the 365 days before the build:
//   - N calls from a pool of max(1000, N/5) phone numbers, 2 % of them from 20 heavy repeat callers;
//     90 % inbound, 1 % discarded, the newest 50 open; 20 agents (and "Bench Agent");
//   - one customer card per number, linked from its calls (O4);
//   - N/10 complaints (the most recent 2,000 still open, the rest closed), mixed Chinese/English;
//   - N/100 callbacks (the most recent 1,000 pending).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startCore } from '../../electron/core/entry/start-core';
import { bulkLoad } from '../../electron/core/search/store';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { figure, ms } from './stats';

/** Bump when what is generated changes (the schema version is part of the key by itself). */
const GENERATOR = 2;

export interface BenchDb {
  file: string;
  calls: number;
  /** phone numbers with many calls, as stored */
  heavyPhones: string[];
  /** a sample of phone numbers that exist */
  phones: string[];
  /** the agent the benches sign in as */
  benchAgentId: string;
  bytes: number;
}

// The same vocabulary the search bench queries: two-character Chinese words, longer phrases, English.
export const words2 = Array.from(
  '退款物流延迟发票投诉客户服务安装维修故障电话产品质量订单配送地址损坏经理信号网络空调冰箱师傅态度价格保修更换回访满意处理',
).reduce<string[]>((out, ch, i, all) => (i % 2 === 0 ? [...out, ch + all[i + 1]!] : out), []);
export const words3 = [
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
export const english = [
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
export const surnames = Array.from('张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗');
export const given = Array.from('伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚');
const regions = ['浙江杭州', '浙江宁波', '江苏苏州', '上海', '江苏南京', '广东深圳', '北京', '四川成都', 'Hong Kong', 'Singapore'];
const streets = ['文三路 90 号', '深南大道 9988 号', '建国路 88 号 2-1203', "12 Queen's Road", '世纪大道 100 号', '天府大道北段 1700 号'];
const categories = ['inquiry', 'complaint', 'fault', 'callback'];

const phonePool = (calls: number) => Math.max(1000, Math.floor(calls / 5));
/** phone number n of the pool as typed (stored keys are its E.164 form, +86…) */
export const phoneOf = (n: number): string => `13${String(100_000_000 + n).slice(0, 9)}`;

/**
 * A deterministic pseudo-random integer in [0, mod) for row i and stream k, in SQL: two rounds of a
 * multiplicative hash (a multiplier of its own per stream and the floor division keep streams independent; SQLite has no
 * XOR), middle bits
 * taken (the low bits of i·odd repeat too often). Every product stays below 2^63.
 */
const h = (i: string, k: number, mod: number) => {
  const m1 = `(((${i} * ${2 * k + 1} + ${k * 7919}) * 2654435761) % 4294967296)`;
  return `((((${m1} / 8192) * 2246822519 + ${m1}) % 4294967296) / 2048 % ${mod})`;
};
/** word number h(i, k) of a temporary word list */
const word = (list: string, i: string, k: number, n: number) => `(SELECT w FROM temp.bench_words WHERE list = '${list}' AND pos = ${h(i, k, n)})`;
const iso = (msExpr: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', (${msExpr}) / 1000.0, 'unixepoch')`;
/** a time-ordered UUIDv7 from a millisecond time, a row number and a table tag (unique together) */
const uuid7 = (msExpr: string, i: string, tag: number) =>
  `printf('%08x-%04x-7%03x-%04x-%x%011x', (${msExpr}) / 65536, (${msExpr}) % 65536, ${h(i, 11, 4096)}, 32768 + ${h(i, 12, 16384)}, ${tag}, ${i})`;

function counter(n: number): string {
  return `WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1})`;
}

export function benchDbFile(calls: number): string {
  const root = process.env.CALL_CONSOLE_ROOT ?? process.cwd();
  return join(root, '.cache', 'bench-db', `calls-${calls}-schema${schemaVersion()}-gen${GENERATOR}.db`);
}

let schema: number | undefined;
function schemaVersion(): number {
  if (schema !== undefined) return schema;
  const dir = join(process.env.CALL_CONSOLE_ROOT ?? process.cwd(), '.cache', 'bench-db');
  mkdirSync(dir, { recursive: true });
  const probe = join(dir, `probe-${process.pid}.db`);
  startCore({ dbFile: probe, transport: 'browser', version: 'bench', backupKeep: 0 }).close();
  const db = new Database(probe, { readonly: true });
  schema = db.pragma('user_version', { simple: true }) as number;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(probe + suffix, { force: true });
  return schema;
}

/** The cached database of `calls` calls, built first when missing (BENCH_DB_REBUILD=1 forces it). */
export function benchDatabase(calls: number, { endAt = Date.now() } = {}): BenchDb {
  const file = benchDbFile(calls);
  if (process.env.BENCH_DB_REBUILD) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  if (!existsSync(file) && !upgraded(file, calls)) {
    const t = process.hrtime.bigint();
    build(file, calls, endAt);
    figure(`bench_db_build_${calls}_s`, ms(t) / 1000, 's', 1);
  }
  const db = new Database(file, { readonly: true });
  const benchAgentId = db.prepare("SELECT id FROM agents WHERE name = 'Bench Agent'").pluck().get() as string;
  db.close();
  const pool = phonePool(calls);
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return {
    file,
    calls,
    benchAgentId,
    heavyPhones: Array.from({ length: 20 }, (_, i) => phoneOf(i)),
    phones: Array.from({ length: 2000 }, () => phoneOf(20 + Math.floor(next() * pool))),
    bytes: statSync(file).size,
  };
}

/**
 * A file of the same size and generator from an older schema is brought up to date by the app's own
 * migrations (what a workstation does on an update) instead of being built again: at 10 M calls a
 * new index takes minutes, a build an hour.
 */
function upgraded(file: string, calls: number): boolean {
  const dir = dirname(file);
  const older = readdirSync(dir)
    .map((name) => ({ name, schema: Number(new RegExp(`^calls-${calls}-schema(\\d+)-gen${GENERATOR}\\.db$`).exec(name)?.[1] ?? NaN) }))
    .filter((f) => f.schema < schemaVersion())
    .sort((a, b) => b.schema - a.schema)[0];
  if (!older) return false;
  const t = process.hrtime.bigint();
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(join(dir, older.name) + suffix)) renameSync(join(dir, older.name) + suffix, file + suffix);
  // the migrations alone: a start would also begin the day's backup and a whole-file check
  const db = new Database(file);
  migrate(db, migrations);
  db.close();
  figure(`bench_db_migrate_${calls}_s`, ms(t) / 1000, 's', 1);
  return true;
}

function build(file: string, calls: number, endAt: number): void {
  const building = `${file}.building-${process.pid}`;
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(building + suffix, { force: true });
  startCore({ dbFile: building, transport: 'browser', version: 'bench', backupKeep: 0 }).close(); // the app's own schema
  const db = new Database(building);
  // bench build only: a crash leaves a file that is thrown away (WAL must be left for DELETE before OFF)
  db.pragma('journal_mode = DELETE');
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('foreign_keys = OFF'); // rows are generated consistent; checking 10 M references costs minutes
  const log = (what: string, t: bigint) => process.stderr.write(`bench-db ${calls}: ${what} ${(ms(t) / 1000).toFixed(1)} s\n`);

  db.exec('CREATE TEMP TABLE bench_words (list TEXT NOT NULL, pos INTEGER NOT NULL, w TEXT NOT NULL, PRIMARY KEY (list, pos)) WITHOUT ROWID');
  const addWord = db.prepare('INSERT INTO temp.bench_words (list, pos, w) VALUES (?, ?, ?)');
  const lists: Record<string, string[]> = { w2: words2, w3: words3, en: english, sur: surnames, giv: given, reg: regions, str: streets, cat: categories };
  for (const [list, ws] of Object.entries(lists)) ws.forEach((w, i) => addWord.run(list, i, w));
  const n = (list: string) => lists[list]!.length;

  const tables = ['calls', 'complaints', 'callbacks', 'customers'];
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables) as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);

  const span = 365 * 24 * 3600 * 1000;
  const startAt = endAt - span;
  const pool = phonePool(calls);
  const complaints = Math.max(1, Math.floor(calls / 10));
  const callbacks = Math.max(1, Math.floor(calls / 100));
  const t0 = process.hrtime.bigint();

  // agents: 20 and the one the benches sign in as
  db.exec(`${counter(21)} INSERT INTO agents (id, name, role, created_at)
    SELECT ${uuid7(String(startAt - 86_400_000), 'i', 1)}, CASE WHEN i = 20 THEN 'Bench Agent' ELSE printf('Agent %02d', i + 1) END,
      CASE WHEN i = 0 THEN 'lead' ELSE 'agent' END, ${iso(String(startAt - 86_400_000))} FROM s`);
  db.exec('CREATE TEMP TABLE bench_agents (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL)');
  db.exec('INSERT INTO temp.bench_agents (pos, id, name) SELECT row_number() OVER (ORDER BY id) - 1, id, name FROM agents');
  const agent = (i: string, k: number) => `(SELECT id FROM temp.bench_agents WHERE pos = ${h(i, k, 21)})`;

  // customers: one card per number; the name is a pick of surname + given name from the number
  db.exec(`${counter(pool + 20)} INSERT INTO customers (id, phone, phone_norm, name, region, address, created_at, updated_at)
    SELECT ${uuid7(String(startAt - 86_400_000), 'i', 2)}, printf('13%09d', 100000000 + i), '+86' || printf('13%09d', 100000000 + i),
      ${word('sur', 'i', 1, n('sur'))} || ${word('giv', 'i', 2, n('giv'))}, ${word('reg', 'i', 3, n('reg'))}, ${word('str', 'i', 4, n('str'))},
      ${iso(String(startAt))}, ${iso(String(startAt))} FROM s`);
  log('agents, customers', t0);

  bulkLoad(db as never, () => {
    // calls: times spread evenly, numbers from the pool (2 % from the 20 heavy callers)
    const at = `(${startAt} + i * ${Math.floor(span / calls)})`;
    const num = `CASE WHEN ${h('i', 21, 50)} = 0 THEN ${h('i', 22, 20)} ELSE 20 + ${h('i', 23, pool)} END`;
    const t = process.hrtime.bigint();
    db.exec(`${counter(calls)}, c(i, at, num) AS (SELECT i, ${at}, ${num} FROM s)
      INSERT INTO calls (id, direction, status, agent_id, agent_name, customer_id, caller_name, phone, phone_norm, region, address, category,
        subject, details, wants, next_step, rang_at, answered_at, ended_at, wrapped_at, created_at, updated_at)
      SELECT ${uuid7('at', 'i', 0)}, CASE WHEN ${h('i', 24, 10)} = 0 THEN 'outbound' ELSE 'inbound' END,
        CASE WHEN i >= ${calls - 50} THEN 'open' WHEN ${h('i', 25, 100)} = 0 THEN 'discarded' ELSE 'completed' END,
        a.id, a.name, cu.id, cu.name, cu.phone, cu.phone_norm, cu.region, cu.address, ${word('cat', 'i', 26, n('cat'))},
        ${word('w3', 'i', 27, n('w3'))} || ' ' || ${word('en', 'i', 28, n('en'))},
        ${word('w3', 'i', 29, n('w3'))} || ${word('w2', 'i', 30, n('w2'))} || ' ' || ${word('en', 'i', 31, n('en'))} || ' ' || ${word('w2', 'i', 32, n('w2'))} || ${word('w2', 'i', 33, n('w2'))},
        '希望尽快处理', '', ${iso('at')}, ${iso('at + 4000')}, ${iso('at + 184000')}, CASE WHEN i >= ${calls - 50} THEN NULL ELSE ${iso('at + 214000')} END,
        ${iso('at')}, ${iso('at + 214000')}
      FROM c JOIN temp.bench_agents a ON a.pos = ${h('i', 34, 21)} JOIN customers cu ON cu.phone_norm = '+86' || printf('13%09d', 100000000 + c.num)`);
    log('calls', t);

    // complaints: the same numbers and words; closed once answered, the newest 2,000 still open
    const t2 = process.hrtime.bigint();
    const cat = `(${startAt} + i * ${Math.floor(span / complaints)} + 1)`;
    db.exec(`${counter(complaints)}, c(j, at, num) AS (SELECT i, ${cat}, 20 + ${h('i', 41, pool)} FROM s)
      INSERT INTO complaints (id, number, month, seq, customer_id, customer_name, phone, phone_norm, matter, wants, category, severity, status,
        owner_id, owner_name, next_reply_due, result, last_reply_at, replied_since_opened, event_count, created_at, created_by_name, updated_at, closed_at)
      SELECT ${uuid7('at', 'j', 3)}, printf('TS-%s-%07d', strftime('%Y%m', at / 1000.0, 'unixepoch'), j), strftime('%Y%m', at / 1000.0, 'unixepoch'), j,
        cu.id, cu.name, cu.phone, cu.phone_norm,
        ${word('w3', 'j', 42, n('w3'))} || ${word('w2', 'j', 43, n('w2'))} || ' ' || ${word('en', 'j', 44, n('en'))} || ' ' || ${word('w2', 'j', 45, n('w2'))} || ${word('w2', 'j', 46, n('w2'))},
        ${word('w2', 'j', 47, n('w2'))}, CASE ${h('j', 48, 3)} WHEN 0 THEN 'service' WHEN 1 THEN 'product' ELSE 'fault' END,
        CASE WHEN ${h('j', 49, 100)} = 0 THEN 'major' ELSE 'normal' END,
        CASE WHEN j >= ${complaints - 2000} THEN 'in_progress' ELSE 'closed' END, a.id, a.name,
        CASE WHEN j >= ${complaints - 2000} THEN ${iso('at + 259200000')} END,
        CASE WHEN j >= ${complaints - 2000} THEN '' ELSE '已处理 resolved' END,
        CASE WHEN j >= ${complaints - 2000} THEN NULL ELSE ${iso('at + 86400000')} END, CASE WHEN j >= ${complaints - 2000} THEN 0 ELSE 1 END, 1,
        ${iso('at')}, a.name, ${iso('at')}, CASE WHEN j >= ${complaints - 2000} THEN NULL ELSE ${iso('at + 86400000')} END
      FROM c JOIN temp.bench_agents a ON a.pos = ${h('j', 50, 21)} JOIN customers cu ON cu.phone_norm = '+86' || printf('13%09d', 100000000 + c.num)`);
    log('complaints', t2);
  });
  log('search index', t0);

  const t3 = process.hrtime.bigint();
  const bat = `(${startAt} + i * ${Math.floor(span / callbacks)} + 2)`;
  db.exec(`${counter(callbacks)}, c(k, at, num) AS (SELECT i, ${bat}, ${h('i', 61, pool + 20)} FROM s)
    INSERT INTO callbacks (id, customer_id, customer_name, phone, phone_norm, reason, due_at, status, result, satisfaction, created_by_id, created_at, done_at, done_by_name, updated_at)
    SELECT ${uuid7('at', 'k', 4)}, cu.id, cu.name, cu.phone, cu.phone_norm, '回访 product follow-up', ${iso('at + 2592000000')},
      CASE WHEN k >= ${callbacks - 1000} THEN 'pending' ELSE 'done' END, CASE WHEN k >= ${callbacks - 1000} THEN '' ELSE '满意 satisfied' END,
      CASE WHEN k >= ${callbacks - 1000} THEN NULL ELSE 1 + ${h('k', 62, 5)} END, ${agent('k', 63)}, ${iso('at')},
      CASE WHEN k >= ${callbacks - 1000} THEN NULL ELSE ${iso('at + 2592000000')} END, '', ${iso('at')}
    FROM c JOIN customers cu ON cu.phone_norm = '+86' || printf('13%09d', 100000000 + c.num)`);
  for (const index of indexes) db.exec(index.sql);
  log('callbacks, indexes', t3);
  db.exec('DROP TABLE temp.bench_words; DROP TABLE temp.bench_agents');
  db.pragma('journal_mode = WAL'); // as the app runs it
  db.close();
  renameSync(building, file);
}

/**
 * Waits for what a start runs in the background (the day's backup, the quick_check of a large
 * file): both read the whole file and would otherwise be measured with the queries.
 */
export async function settled<T extends { backup: Promise<unknown>; integrity: Promise<unknown>; searchIndexer?: { idle(): Promise<void> } }>(
  core: T,
): Promise<T> {
  await core.backup;
  await core.integrity;
  // long texts a previous run left for the indexer thread (it starts a moment after start-up)
  await core.searchIndexer?.idle();
  return core;
}

/**
 * `node .cache/bench/bench-db.cjs <calls>` (after `npx esbuild … --bundle`): build (or find) the
 * cached file and print its size. Named by the script, not require.main: every bench bundles this file.
 */
if (/bench-db[^/]*\.cjs$/.test(process.argv[1] ?? '')) {
  const calls = Number(process.argv[2] ?? process.env.BENCH_CALLS ?? 1_000_000);
  const built = benchDatabase(calls);
  figure('bench_db_calls', calls, 'calls', 0);
  figure('bench_db_bytes_per_call', built.bytes / calls, 'bytes', 0);
  console.log(built.file);
}
