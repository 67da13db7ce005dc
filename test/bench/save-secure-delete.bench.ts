// What `PRAGMA secure_delete = ON` (set in openDatabase, so erased data does not linger in freed
// space) costs a hand-typed save. Two services, one with it off, driven alike and interleaved so
// machine noise hits both: an autosave pattern (the details field growing as the agent types,
// which frees and rewrites cells: exactly the work secure_delete adds).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/entry/start-core';
import { figure, ms, percentile } from './stats';

const ROUNDS = Number(process.env.BENCH_SAVE_ROUNDS ?? 1500);
const dir = mkdtempSync(join(tmpdir(), 'cc-bench-sd-'));
const on = startCore({ dbFile: join(dir, 'on.db'), transport: 'browser', version: 'bench' });
const off = startCore({ dbFile: join(dir, 'off.db'), transport: 'browser', version: 'bench' });
off.db.pragma('secure_delete = OFF');

async function ok<T>(core: Core, method: string, input: unknown): Promise<T> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

async function main(): Promise<void> {
  for (const core of [on, off]) {
    const agent = await ok<{ id: string }>(core, 'agents.add', { name: 'Bench Agent' });
    await ok(core, 'session.signIn', { agentId: agent.id });
  }
  const times = { on: [] as number[], off: [] as number[] };
  const sentence = '客户询问十月份发票的寄送进度，并希望改为电子发票。Customer asks for an e-invoice. ';
  let ids: { on: string; off: string } | undefined;
  for (let i = 0; i < ROUNDS; i++) {
    if (i % 20 === 0) {
      ids = {
        on: (await ok<{ id: string }>(on, 'calls.start', {})).id,
        off: (await ok<{ id: string }>(off, 'calls.start', {})).id,
      };
    }
    const fields = { callerName: '张伟', phone: '138 0013 8000', details: sentence.repeat(1 + (i % 20)) };
    for (const [name, core] of (i % 2
      ? [
          ['on', on],
          ['off', off],
        ]
      : [
          ['off', off],
          ['on', on],
        ]) as ['on' | 'off', Core][]) {
      const t = process.hrtime.bigint();
      await ok(core, 'calls.update', { id: ids![name], fields });
      times[name].push(ms(t));
    }
  }
  figure('save_secure_delete_on_p50_ms', percentile(times.on, 50), 'ms');
  figure('save_secure_delete_off_p50_ms', percentile(times.off, 50), 'ms');
  figure('save_secure_delete_on_p99_ms', percentile(times.on, 99), 'ms');
  figure('save_secure_delete_off_p99_ms', percentile(times.off, 99), 'ms');
  figure('save_secure_delete_p50_ratio', percentile(times.on, 50) / percentile(times.off, 50), 'x', 2);
  on.close();
  off.close();
}

void main();
