// Team mode against a throwaway PostgreSQL cluster (skipped with a reason when the binaries are missing):
//   sync_push_events_per_s  one workstation joining with a backlog (demo data) pushes all of it
//   save_p99_ms             a hand-typed call saved through the dispatcher with team mode on and syncing
//   save_team_off_p99_ms    the same save on an identical file with team mode off (the outbox's cost)
//   save_raw_p99_ms         a bare better-sqlite3 INSERT of the same row (as in the save bench)
//   sync_lag_p95_ms         save on one desk → visible on another, 20 desks writing at a busy centre's rate
//   sync_catchup_1m_s       a new desk joining a team with 1,000,000 calls (made on the server by SQL) has
//                           every call (caller history complete); sync_catchup_indexed_s: and all searchable;
//                           catchup_history_p95_ms / catchup_search_p95_ms: the service answering meanwhile
//                           (from when the request was due, so waiting behind a transaction counts);
//                           catchup_{applying,indexing}_{history,search}_p95_ms: the same per phase (the
//                           applying ones printed as soon as every call is applied)
// BENCH_SYNC_CATCHUP sets the team's size (e.g. 100000 on a busy machine; 0 skips it).
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore, type Core } from '../../electron/core/entry/start-core';
import { fillDemoData } from '../../electron/core/db/demo-data';
import { push, syncOnce } from '../../electron/core/sync/engine';
import { enableTeamMode } from '../../electron/core/sync/local';
import { connect } from '../../electron/core/sync/pg-connect';
import { TeamSync } from '../../electron/core/sync/team-sync';
import { newId } from '../../electron/core/infra/ids';
import { pgSkipReason, startCluster } from '../helpers/pg-cluster';
import { startTeam } from '../helpers/team';
import { generateTeamCalls } from '../helpers/team-generate';
import { figure, ms, percentile } from './stats';

const BACKLOG = Number(process.env.BENCH_SYNC_BACKLOG ?? 5000);
const ROUNDS = Number(process.env.BENCH_SAVE_ROUNDS ?? 1000);
const DESKS = Number(process.env.BENCH_SYNC_DESKS ?? 20);
const LAG_SECONDS = Number(process.env.BENCH_SYNC_LAG_SECONDS ?? 30);
const CATCHUP = Number(process.env.BENCH_SYNC_CATCHUP ?? 1_000_000);
const ONLY_CATCHUP = process.env.BENCH_SYNC_ONLY_CATCHUP === '1';

const fields = {
  callerName: '张伟',
  phone: '138 0013 8000',
  region: '浙江杭州',
  address: '西湖区文三路 90 号 3 幢 502',
  subject: '发票 invoice for October',
  details: '客户询问十月份发票的寄送进度，并希望改为电子发票。Customer asks for an e-invoice instead. '.repeat(3),
};

async function signIn(core: Core, name: string): Promise<void> {
  const agentId = newId();
  core.db.prepare("INSERT INTO agents (id, name, role, created_at) VALUES (?, ?, 'agent', '2026-01-01T00:00:00.000Z')").run(agentId, name);
  await core.dispatch('session.signIn', { agentId });
}

async function save(core: Core, subject = fields.subject): Promise<{ id: string; ms: number }> {
  const started = await core.dispatch('calls.start', {});
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  const id = (started.value as { id: string }).id;
  const t = process.hrtime.bigint();
  const saved = await core.dispatch('calls.update', { id, fields: { ...fields, subject } });
  const took = ms(t);
  if (!saved.ok) throw new Error(JSON.stringify(saved.error));
  return { id, ms: took };
}

/** 4. a desk joining a team of CATCHUP calls; the service answers history and search meanwhile */
async function catchUp(cluster: Awaited<ReturnType<typeof startCluster>>, dir: string): Promise<void> {
  const team = await startTeam(cluster);
  const admin = await team.admin();
  const t0 = process.hrtime.bigint();
  const generated = await generateTeamCalls(admin, CATCHUP);
  await admin.end();
  figure('sync_catchup_generate_s', ms(t0) / 1000, `s (${CATCHUP} calls made on the server by SQL)`, 1);
  const core = startCore({ dbFile: join(dir, 'catchup.db'), transport: 'browser', version: 'bench', backupKeep: 0 });
  await signIn(core, 'Bench Catchup');
  const history: number[] = [];
  const searches: number[] = [];
  const applying: [number[], number[]] = [[], []];
  const indexing: [number[], number[]] = [[], []];
  let applied = 0;
  let allApplied = 0;
  let indexed = 0;
  let done = false;
  const words = ['退款申请', 'refund', '物流延迟', 'invoice', '空调漏水', 'warranty'];
  // an agent's screen: a caller's history or a search every 100 ms, timed from when it was due
  const agent = (async () => {
    for (let i = 0; !done; i++) {
      const due = performance.now() + 100;
      await new Promise((r) => setTimeout(r, 100));
      if (done) break;
      const r =
        i % 2 === 0
          ? await core.dispatch('calls.history', { phone: generated.phoneOf(1 + ((i * 7919) % Math.max(1, applied))) })
          : await core.dispatch('search.query', { q: words[i % words.length]!, limit: 50 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      (i % 2 === 0 ? history : searches).push(performance.now() - due);
      // by phase: applying (caller history not complete yet), then indexing the pulled calls for search
      ((allApplied ? indexing : applying)[i % 2] as number[]).push(performance.now() - due);
    }
  })();
  const label = CATCHUP === 1_000_000 ? '1m' : `${Math.round(CATCHUP / 1000)}k`;
  const t1 = process.hrtime.bigint();
  await syncOnce(core.db, await team.workstation('bench_joiner'), {
    onProgress: (p) => {
      applied = p.pulled;
      if (p.pulled >= CATCHUP && !allApplied) {
        allApplied = ms(t1);
        // printed now: indexing a million documents for search takes minutes more
        figure(
          `sync_catchup_${label}_s`,
          allApplied / 1000,
          `s (${p.pulled} changes applied: ${((p.pulled / allApplied) * 1000).toFixed(0)}/s; target < 120 s at 1M)`,
          1,
        );
        for (const [name, list] of [
          ['history', applying[0]],
          ['search', applying[1]],
        ] as const)
          figure(`catchup_applying_${name}_p95_ms`, percentile(list, 95), `ms (${list.length} while applying; target < 100)`);
      }
    },
    onIndexed: (n) => (indexed = n),
  });
  const total = ms(t1);
  done = true;
  await agent;
  const calls = core.db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  if (calls !== CATCHUP) throw new Error(`caught up with ${calls} calls, not ${CATCHUP}`);
  figure(`sync_catchup_indexed_${label}_s`, total / 1000, `s (and all ${indexed} deferred search documents indexed)`, 1);
  figure('catchup_history_p95_ms', percentile(history, 95), `ms (${history.length} caller histories during catch-up; target < 100)`);
  figure('catchup_search_p95_ms', percentile(searches, 95), `ms (${searches.length} searches during catch-up; target < 100)`);
  figure('catchup_indexing_history_p95_ms', percentile(indexing[0], 95), `ms (${indexing[0].length} while indexing)`);
  figure('catchup_indexing_search_p95_ms', percentile(indexing[1], 95), `ms (${indexing[1].length} while indexing)`);
  core.close();
}

async function main(): Promise<void> {
  const skip = pgSkipReason();
  if (skip) {
    console.log(`sync bench skipped: ${skip}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-sync-'));
  const cluster = await startCluster();
  try {
    if (CATCHUP > 0) await catchUp(cluster, dir);
    if (ONLY_CATCHUP) return;
    const team = await startTeam(cluster);

    // 1. a workstation joins with a backlog
    const a = startCore({ dbFile: join(dir, 'a.db'), transport: 'browser', version: 'bench' });
    fillDemoData(a.db, { calls: BACKLOG, seed: 7, now: new Date() });
    const connA = await team.workstation('bench_a');
    enableTeamMode(a.db, connA.workstation, 'bench');
    const client = await connect(connA.url);
    const t0 = process.hrtime.bigint();
    const pushed = await push(client, a.db, () => new Date());
    const seconds = ms(t0) / 1000;
    await client.end();
    figure('sync_push_events_per_s', pushed / seconds, `changes/s (${pushed} changes from ${BACKLOG} demo calls)`, 0);
    // a second workstation joining that team pulls and applies all of it
    const joiner = startCore({ dbFile: join(dir, 'join.db'), transport: 'browser', version: 'bench' });
    const t1 = process.hrtime.bigint();
    const joined = await syncOnce(joiner.db, await team.workstation('bench_join'));
    const pullSeconds = ms(t1) / 1000;
    figure('sync_pull_events_per_s', joined.pulled / pullSeconds, `changes/s (${joined.pulled} applied by a new workstation)`, 0);
    joiner.close();

    // 2. the save with team mode on (and its syncer running) vs off vs a bare insert
    await signIn(a, 'Bench A');
    const sync = new TeamSync(a.db, connA, { pollMs: 1_000 });
    sync.start();
    const off = startCore({ dbFile: join(dir, 'off.db'), transport: 'browser', version: 'bench' });
    await signIn(off, 'Bench Off');
    const raw = new Database(join(dir, 'raw.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec(`CREATE TABLE calls (id TEXT PRIMARY KEY, direction TEXT, status TEXT, caller_name TEXT, phone TEXT, phone_norm TEXT,
      region TEXT, address TEXT, subject TEXT, details TEXT, rang_at TEXT, created_at TEXT, updated_at TEXT) STRICT`);
    const insert = raw.prepare('INSERT INTO calls VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const on: number[] = [];
    const offTimes: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      on.push((await save(a)).ms);
      offTimes.push((await save(off)).ms);
      const now = new Date().toISOString();
      const t = process.hrtime.bigint();
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
      // let the syncer run between saves, as it does between an agent's keystrokes
      if (i % 20 === 0) await new Promise((r) => setImmediate(r));
    }
    figure('save_p99_ms', percentile(on, 99), 'ms (team mode on, syncing)');
    figure('save_team_off_p99_ms', percentile(offTimes, 99), 'ms (same save, team mode off)');
    figure('save_raw_p99_ms', percentile(bare, 99), 'ms (bare INSERT)');
    figure('save_team_ratio', percentile(on, 99) / percentile(offTimes, 99), 'x (p99 on / off)', 2);
    await sync.stop();
    a.close();
    off.close();
    raw.close();

    // 3. lag: DESKS desks, each saving a call every ~DESKS/5 s (5 saves/s in all); desk 0 watches
    const lagTeam = await startTeam(cluster);
    const desks: { core: Core; sync: TeamSync }[] = [];
    for (let i = 0; i < DESKS; i++) {
      const core = startCore({ dbFile: ':memory:', transport: 'browser', version: 'bench' });
      await signIn(core, `Desk ${i}`);
      const conn = await lagTeam.workstation(`lag_${i}`);
      const connFile = join(dir, `lag_${i}.json`);
      writeFileSync(connFile, JSON.stringify(conn));
      const s = new TeamSync(core.db, conn, { pollMs: 2_000 });
      s.start();
      desks.push({ core, sync: s });
    }
    const watcher = desks[0]!.core;
    const seen = watcher.db.prepare('SELECT 1 FROM calls WHERE id = ?');
    const lags: number[] = [];
    const waiting = new Map<string, number>();
    const end = Date.now() + LAG_SECONDS * 1000;
    const period = 1000 / 5;
    let n = 0;
    while (Date.now() < end) {
      const desk = desks[1 + (n++ % (DESKS - 1))]!;
      const saved = await save(desk.core, `lag ${n}`);
      waiting.set(saved.id, performance.now());
      for (const [id, at] of waiting) {
        if (seen.get(id)) {
          lags.push(performance.now() - at);
          waiting.delete(id);
        }
      }
      await new Promise((r) => setTimeout(r, period));
    }
    const drainUntil = Date.now() + 15_000;
    while (waiting.size && Date.now() < drainUntil) {
      for (const [id, at] of waiting) {
        if (seen.get(id)) {
          lags.push(performance.now() - at);
          waiting.delete(id);
        }
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    figure('sync_lag_p50_ms', percentile(lags, 50), 'ms');
    figure('sync_lag_p95_ms', percentile(lags, 95), `ms (${DESKS} desks, ${lags.length} saves, ${waiting.size} not seen within 15 s)`);
    for (const d of desks) {
      await d.sync.stop();
      d.core.close();
    }
  } finally {
    await cluster.destroy();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
