// save_p99_ms: a hand-typed call saved through the dispatcher (WAL, synchronous=FULL);
// save_raw_p99_ms: a bare better-sqlite3 INSERT of the same row on an identically set-up file.
// The two are interleaved in one run so machine noise hits both alike.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/entry/start-core';
import { figure, ms, percentile } from './stats';

const ROUNDS = Number(process.env.BENCH_SAVE_ROUNDS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'cc-bench-save-'));
const core = startCore({ dbFile: join(dir, 'service.db'), transport: 'browser', version: 'bench' });

const raw = new Database(join(dir, 'raw.db'));
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.exec(`CREATE TABLE calls (id TEXT PRIMARY KEY, direction TEXT, status TEXT, caller_name TEXT, phone TEXT, phone_norm TEXT,
  region TEXT, address TEXT, subject TEXT, details TEXT, rang_at TEXT, created_at TEXT, updated_at TEXT) STRICT`);
const insert = raw.prepare('INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');

const fields = {
  callerName: '张伟',
  phone: '138 0013 8000',
  region: '浙江杭州',
  address: '西湖区文三路 90 号 3 幢 502',
  subject: '发票 invoice for October',
  details: '客户询问十月份发票的寄送进度，并希望改为电子发票。Customer asks for an e-invoice instead. '.repeat(3),
};

async function main(): Promise<void> {
  // calls.start needs a signed-in agent (it names who took the call).
  const agent = await core.dispatch('agents.add', { name: 'Bench Agent' });
  if (!agent.ok) throw new Error(JSON.stringify(agent.error));
  await core.dispatch('session.signIn', { agentId: (agent.value as { id: string }).id });
  const service: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = await core.dispatch('calls.start', {});
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    const id = (started.value as { id: string }).id;

    let t = process.hrtime.bigint();
    const saved = await core.dispatch('calls.update', { id, fields });
    service.push(ms(t));
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));

    const now = new Date().toISOString();
    t = process.hrtime.bigint();
    insert.run(
      `raw-${i}`,
      'inbound',
      'open',
      fields.callerName,
      fields.phone,
      '13800138000',
      fields.region,
      fields.address,
      fields.subject,
      fields.details,
      now,
      now,
      now,
    );
    bare.push(ms(t));
  }
  const p99 = percentile(service, 99);
  const rawP99 = percentile(bare, 99);
  figure('save_p99_ms', p99, 'ms');
  figure('save_raw_p99_ms', rawP99, 'ms');
  figure('save_vs_raw_p99_ratio', p99 / rawP99, 'x', 2);
  core.close();
  raw.close();
}

void main();
