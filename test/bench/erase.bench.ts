// How long a lead waits for "Erase permanently" on a database of BENCH_ERASE_CALLS calls (default
// 50 000, ~60 MB): the row changes, the scan for mentions of the number in every call's notes, the
// VACUUM and the WAL truncation; plus one retention pass that anonymises a tenth of the calls.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../../electron/core/entry/start-core';
import { newId } from '../../electron/core/infra/ids';
import { applyRetention } from '../../electron/core/privacy/retention';
import { systemClock } from '../../electron/core/infra/clock';
import { figure, ms } from './stats';

const CALLS = Number(process.env.BENCH_ERASE_CALLS ?? 50_000);

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
      const at = new Date(now - (i % 1000) * 86_400_000).toISOString();
      insert.run(newId(), `客户${i % 20_000}`, phone, phone, '客户询问发票寄送进度，并希望改为电子发票。'.repeat(20), at, at, at);
    }
  })();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  figure('erase_db_size_mb', statSync(dbFile).size / 1e6, 'MB', 1);

  const agent = await core.dispatch('agents.add', { name: 'Bench Lead' });
  if (!agent.ok) throw new Error(JSON.stringify(agent.error));
  await core.dispatch('session.signIn', { agentId: (agent.value as { id: string }).id });
  await core.dispatch('lead.setPin', { pin: '246800' });
  let t = process.hrtime.bigint();
  const erased = await core.dispatch('privacy.eraseCustomer', { phone: '139 0000 0042', reason: 'bench' });
  figure('erase_customer_ms', ms(t), 'ms', 0);
  if (!erased.ok) throw new Error(JSON.stringify(erased.error));

  t = process.hrtime.bigint();
  const record = applyRetention(core.db, systemClock, { months: 30, dbFile });
  figure('retention_pass_ms', ms(t), 'ms', 0);
  figure('retention_pass_calls', record?.counts.calls ?? 0, 'calls', 0);
  core.close();
}

void main();
