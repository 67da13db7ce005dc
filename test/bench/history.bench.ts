// history_p95_ms: caller history for a phone number through the dispatcher (validation, service,
// SQLite) with 1,000,000 calls stored (the cached bench database, bench-db.ts). Typed numbers are a mix of ordinary and heavy repeat callers.
import { startCore } from '../../electron/core/entry/start-core';
import { benchDatabase, settled } from './bench-db';
import { cpuMs, figure, loadFigure, ms, percentile } from './stats';

// BENCH_CALLS sets the size of every bench that fills a database (10000000 for a whole team's file)
const COUNT = Number(process.env.BENCH_HISTORY_CALLS ?? process.env.BENCH_CALLS ?? 1_000_000);
const QUERIES = Number(process.env.BENCH_HISTORY_QUERIES ?? 3000);

async function main(): Promise<void> {
  const { file, phones, heavyPhones, bytes, benchAgentId } = benchDatabase(COUNT);
  const core = await settled(startCore({ dbFile: file, transport: 'browser', version: 'bench', backupKeep: 1 }));
  const signIn = await core.dispatch('session.signIn', { agentId: benchAgentId });
  if (!signIn.ok) throw new Error(JSON.stringify(signIn.error));
  let t: bigint;
  const excludeCallId = '0192f0c4-1d2e-7a3b-8c4d-5e6f7a8b9c0d';
  // typed the way agents type them
  const typed = (p: string, i: number) =>
    i % 3 === 0 ? `+86 ${p.slice(0, 3)} ${p.slice(3, 7)} ${p.slice(7)}` : i % 3 === 1 ? `${p.slice(0, 3)}-${p.slice(3, 7)}-${p.slice(7)}` : p;
  for (let i = 0; i < 200; i++) await core.dispatch('calls.history', { phone: phones[i % phones.length]!, excludeCallId }); // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  for (let i = 0; i < QUERIES; i++) {
    const phone = i % 10 === 0 ? heavyPhones[i % heavyPhones.length]! : phones[i % phones.length]!;
    t = process.hrtime.bigint();
    const c = process.cpuUsage();
    const result = await core.dispatch('calls.history', { phone: typed(phone, i), excludeCallId });
    cpu.push(cpuMs(c));
    times.push(ms(t));
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    found += (result.value as { calls: unknown[] }).calls.length;
  }
  figure('history_calls', COUNT, 'calls', 0);
  figure('history_db_gb', bytes / 1e9, 'GB', 2);
  figure('history_p50_ms', percentile(times, 50), 'ms');
  figure('history_p95_ms', percentile(times, 95), 'ms');
  figure('history_cpu_p95_ms', percentile(cpu, 95), 'ms');
  loadFigure('history_load');
  figure('history_rows_per_query', found / QUERIES, 'rows', 1);
  core.close();
}

void main();
