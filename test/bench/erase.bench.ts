// How long a lead waits for "Erase permanently" on a database of BENCH_ERASE_CALLS calls (default
// 100 000, ~120 MB) with a backup as large, and how long the service stalls meanwhile:
//   erase_answer_ms     the answer (the row transaction: every location, the mention scan, the
//                       search index merge; on the service's thread)
//   erase_files_ms      until the backups and the WAL are clean (worker thread, after the answer)
//   erase_block_ms      the longest the service's thread was unavailable from the request until the
//                       files were clean (a timer every 5 ms measures the gaps)
// plus one retention pass that anonymises a tenth of the calls.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/entry/start-core';
import { backupIfDue } from '../../electron/core/db/backup';
import { newId } from '../../electron/core/infra/ids';
import { applyRetention } from '../../electron/core/privacy/retention';
import { systemClock } from '../../electron/core/infra/clock';
import { figure, ms } from './stats';

const CALLS = Number(process.env.BENCH_ERASE_CALLS ?? 100_000);

/** the longest gap between ticks of a 5 ms timer while `work` runs: how long the thread was blocked */
async function longestStall(work: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

async function main(): Promise<void> {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'cc-bench-erase-')), 'console.db');
  const core = startCore({ dbFile, transport: 'browser', version: 'bench' });
  await core.backup;
  const insert = core.db.prepare(
    `INSERT INTO calls (id, direction, status, caller_name, phone, phone_norm, address, details, rang_at, created_at, updated_at)
     VALUES (?, 'inbound', 'completed', ?, ?, ?, '西湖区文三路 90 号', ?, ?, ?, ?)`,
  );
  const now = Date.now();
  core.db.transaction(() => {
    for (let i = 0; i < CALLS; i++) {
      const phone = `139${String(i % 20_000).padStart(8, '0')}`;
      const at = new Date(now - (i % 1000) * 86_400_000 - i).toISOString();
      insert.run(newId(), `客户${i % 20_000}`, phone, phone, '客户询问发票寄送进度，并希望改为电子发票。'.repeat(20), at, at, at);
    }
  })();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  // tomorrow's backup holds all of it: the worker's file work is as large as the database
  await backupIfDue(core.db, dbFile, { now: new Date(now + 86_400_000) });
  figure('erase_db_size_mb', statSync(dbFile).size / 1e6, 'MB', 1);

  const agent = await core.dispatch('agents.add', { name: 'Bench Lead' });
  if (!agent.ok) throw new Error(JSON.stringify(agent.error));
  await core.dispatch('session.signIn', { agentId: (agent.value as { id: string }).id });
  await core.dispatch('lead.setPin', { pin: '246800' });
  let answerMs = 0;
  let t = process.hrtime.bigint();
  const block = await longestStall(async () => {
    const erased = await core.dispatch('privacy.eraseCustomer', { phone: '139 0000 0042', reason: 'bench' });
    answerMs = ms(t);
    if (!erased.ok) throw new Error(JSON.stringify(erased.error));
    await core.scrubs.idle();
  });
  figure('erase_answer_ms', answerMs, 'ms', 0);
  figure('erase_files_ms', ms(t), 'ms', 0);
  figure('erase_block_ms', block, 'ms', 0);

  t = process.hrtime.bigint();
  const record = applyRetention(core.db, systemClock, { months: 30, dbFile, scrubs: core.scrubs });
  figure('retention_pass_ms', ms(t), 'ms', 0);
  figure('retention_pass_calls', record?.counts.calls ?? 0, 'calls', 0);
  await core.scrubs.idle();
  core.close();
}

void main();
