// Fills a console database with synthetic calls for the benchmarks: migrated by the real app first,
// then bulk-inserted with one prepared INSERT in large transactions (synchronous off while loading).
import Database from 'better-sqlite3';
import { startCore } from '../../electron/core/entry/start-core';
import { newId } from '../../electron/core/infra/ids';

export interface Generated {
  /** phone numbers with many calls, as typed */
  heavyPhones: string[];
  /** a sample of phone numbers that exist, as typed */
  phones: string[];
}

const surnames = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];
const subjects = ['发票', '物流延迟', '退款', '安装预约', '故障报修', '地址变更', 'invoice copy', 'opening hours'];
const regions = ['杭州', '宁波', '苏州', '上海', '南京', 'Hangzhou'];
const categories = ['inquiry', 'complaint', 'fault', 'callback'];

/** Deterministic, so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateCalls(file: string, count: number, { phones = Math.max(1000, Math.floor(count / 5)), endAt = Date.now() } = {}): Generated {
  startCore({ dbFile: file, transport: 'browser', version: 'bench' }).close(); // schema by the app's own migrations
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const random = rng(42);
  const phoneOf = (n: number) => `13${String(100_000_000 + n).slice(0, 9)}`;
  const heavy = Array.from({ length: 20 }, (_, i) => i);
  const insert = db.prepare(
    `INSERT INTO calls (id, direction, status, agent_name, caller_name, phone, phone_norm, region, address, category, subject, details, wants,
       rang_at, answered_at, ended_at, wrapped_at, created_at, updated_at)
     VALUES (?, 'inbound', ?, 'Bench Agent', ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // Indexes are dropped while loading and built afterwards from their own definitions: much faster.
  const indexes = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'calls' AND sql IS NOT NULL").all() as {
    name: string;
    sql: string;
  }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  const spanMs = 365 * 24 * 3600 * 1000;
  const startAt = endAt - spanMs;
  const batch = 50_000;
  for (let from = 0; from < count; from += batch) {
    db.transaction(() => {
      for (let i = from; i < Math.min(count, from + batch); i++) {
        // 2 % of calls come from 20 heavy repeat callers; the rest spread over the number pool
        const n = random() < 0.02 ? heavy[Math.floor(random() * heavy.length)]! : 20 + Math.floor(random() * phones);
        const phone = phoneOf(n);
        const at = new Date(startAt + Math.floor((i / count) * spanMs)).toISOString();
        const subject = subjects[i % subjects.length]!;
        insert.run(
          newId(),
          i > count - 50 ? 'open' : 'completed',
          surnames[n % surnames.length]! + '先生',
          phone,
          phone,
          regions[n % regions.length]!,
          categories[i % categories.length]!,
          subject,
          `${subject}：客户来电说明情况，第 ${i} 条记录。`,
          '希望尽快处理',
          at,
          at,
          at,
          at,
          at,
          at,
        );
      }
    })();
  }
  for (const index of indexes) db.exec(index.sql);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return {
    heavyPhones: heavy.map(phoneOf),
    phones: Array.from({ length: 2000 }, () => phoneOf(20 + Math.floor(random() * phones))),
  };
}
