// How long a lead waits for "Erase permanently" on a database of BENCH_ERASE_CALLS calls (default
// 100 000, ~760 MB with the search index) with a backup as large, and how long the service stalls
// meanwhile:
//   erase_answer_ms      the answer (the erasure's own transaction: the person's rows and search
//                        documents, found through indexes; on the service's thread)
//   erase_block_ms       the longest the service's thread was unavailable from the request until
//                        all the background work was done (a timer every 5 ms measures the gaps)
//   erase_cleanup_ms     from the answer until the background work was done: other records'
//                        mentions, the search index rewrite, the backups, the WAL (worker thread)
//   erase_index_ms       of which the mention scan and the index rewrite of the live file
//   erase_save_p95_ms    a second erasure while an agent autosaves every 20 ms and another one
//   erase_search_p95_ms  searches every 100 ms: 95 % answered within, until its background work
//                        is done (erase_quiet_*: the same load for 5 s with no erasure, to compare)
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
    if (process.env.CC_PROFILE && now - last > 60) console.log('PROFILE stall', Math.round(now - last), 'at', Math.round(now));
    last = now;
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(longest, performance.now() - last);
}

const p95 = (xs: number[]) => (xs.length === 0 ? 0 : [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!);

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
      // stored as the app stores it (E.164), so the erasure finds the person's rows by index
      insert.run(newId(), `客户${i % 20_000}`, phone, `+86${phone}`, '客户询问发票寄送进度，并希望改为电子发票。'.repeat(20), at, at, at);
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
  const open = await core.dispatch('calls.start', {});
  if (!open.ok) throw new Error(JSON.stringify(open.error));
  const openId = (open.value as { id: string }).id;
  const pendingLive = core.db
    .prepare("SELECT count(*) FROM erasure_scrubs WHERE erasure_id = ? AND kind IN ('mentions', 'index') AND state = 'pending'")
    .pluck();

  // 1. one erasure, nothing else running: how long the service's thread is held
  let answerMs = 0;
  let cleanupMs = 0;
  let indexMs = 0;
  const t = process.hrtime.bigint();
  const block = await longestStall(async () => {
    const erased = await core.dispatch('privacy.eraseCustomer', { phone: '139 0000 0042', reason: 'bench' });
    answerMs = ms(t);
    if (!erased.ok) throw new Error(JSON.stringify(erased.error));
    const erasureId = (erased.value as { id: string }).id;
    const answeredAt = performance.now();
    let working = true;
    const watch = (async () => {
      // (older versions have no such jobs: 0 at once)
      while (working && pendingLive.get(erasureId) !== 0) await new Promise((resolve) => setTimeout(resolve, 50));
      indexMs = performance.now() - answeredAt;
    })();
    await core.scrubs.idle();
    working = false;
    cleanupMs = performance.now() - answeredAt;
    await watch;
  });
  figure('erase_answer_ms', answerMs, 'ms', 0);
  figure('erase_block_ms', block, 'ms', 0);
  figure('erase_cleanup_ms', cleanupMs, 'ms', 0);
  figure('erase_index_ms', indexMs, 'ms', 0);

  // 2. agents at work: an autosave every 20 ms and a search every 100 ms, first with nothing else
  // running, then while another erasure's background work runs
  const load = async (until: () => boolean): Promise<{ saves: number[]; searches: number[] }> => {
    const saves: number[] = [];
    const searches: number[] = [];
    const typing = (async () => {
      for (let n = 0; until(); n++) {
        const s = performance.now();
        const r = await core.dispatch('calls.update', { id: openId, fields: { details: `typing ${n}` } });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        saves.push(performance.now() - s);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const searching = (async () => {
      for (let n = 0; until(); n++) {
        const s = performance.now();
        const r = await core.dispatch('search.query', { q: n % 2 === 0 ? '电子发票' : `客户${(n * 7919) % 20_000}` });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        searches.push(performance.now() - s);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    await Promise.all([typing, searching]);
    return { saves, searches };
  };
  const quietUntil = performance.now() + 5000;
  const quiet = await load(() => performance.now() < quietUntil);
  figure('erase_quiet_save_p95_ms', p95(quiet.saves), 'ms', 0);
  figure('erase_quiet_search_p95_ms', p95(quiet.searches), 'ms', 0);
  const second = await core.dispatch('privacy.eraseCustomer', { phone: '139 0000 0043', reason: 'bench' });
  if (!second.ok) throw new Error(JSON.stringify(second.error));
  let working = true;
  const done = core.scrubs.idle().then(() => (working = false));
  const busy = await load(() => working);
  await done;
  figure('erase_save_p95_ms', p95(busy.saves), 'ms', 0);
  figure('erase_search_p95_ms', p95(busy.searches), 'ms', 0);
  figure('erase_saves_during_cleanup', busy.saves.length, 'saves', 0);

  const r = process.hrtime.bigint();
  const record = applyRetention(core.db, systemClock, { months: 30, dbFile, scrubs: core.scrubs });
  figure('retention_pass_ms', ms(r), 'ms', 0);
  figure('retention_pass_calls', record?.counts.calls ?? 0, 'calls', 0);
  await core.scrubs.idle();
  core.close();
}

void main();
