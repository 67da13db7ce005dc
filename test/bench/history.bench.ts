// history_p95_ms: caller history for a phone number through the dispatcher (validation, service,
// SQLite) with 1,000,000 calls stored. Typed numbers are a mix of ordinary and heavy repeat callers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/entry/start-core';
import { generateCalls } from './generate-calls';
import { figure, ms, percentile } from './stats';

// BENCH_CALLS sets the size of every bench that fills a database (10000000 for a whole team's file)
const COUNT = Number(process.env.BENCH_HISTORY_CALLS ?? process.env.BENCH_CALLS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_HISTORY_QUERIES ?? 3000);

async function main(): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'cc-bench-history-')), 'history.db');
  let t = process.hrtime.bigint();
  const { phones, heavyPhones } = generateCalls(file, COUNT);
  figure('history_generate_s', ms(t) / 1000, 's', 1);

  const core = startCore({ dbFile: file, transport: 'browser', version: 'bench' });
  const excludeCallId = '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d';
  // typed the way agents type them
  const typed = (p: string, i: number) =>
    i % 3 === 0 ? `+86 ${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}` : i % 3 === 1 ? `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}` : p;
  for (let i = 0; i < 200; i++) await core.dispatch('calls.history', { phone: phones[i % phones.length]!, excludeCallId }); // warm-up
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const phone = i % 10 === 0 ? heavyPhones[i % heavyPhones.length]! : phones[i % phones.length]!;
    t = process.hrtime.bigint();
    const result = await core.dispatch('calls.history', { phone: typed(phone, i), excludeCallId });
    times.push(ms(t));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    found += (result.value as { calls: unknown[] }).calls.length;
  }
  figure('history_calls', COUNT, 'calls', 0);
  figure('history_p50_ms', percentile(times, 50), 'ms');
  figure('history_p95_ms', percentile(times, 95), 'ms');
  figure('history_rows_per_query', found / QUERIES, 'rows', 1);
  core.close();
}

void main();
