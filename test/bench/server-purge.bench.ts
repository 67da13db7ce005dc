// The server's purge after an erasure, against a throwaway PostgreSQL cluster (skipped with a
// reason when the binaries are missing). A team of BENCH_PURGE_CALLS calls (default 100,000, made
// on the server by SQL), one caller erased by the server's erasure function, then `team purge`:
//   server_purge_lock_ms       how long VACUUM (FULL) held team.changes (ACCESS EXCLUSIVE)
//   server_purge_push_wait_ms  a desk's push sent while the purge runs: how long it waited
//   server_vacuum_plain_ms     baseline in the same run: a plain VACUUM of the same table (no lock
//                              against desks, and it leaves the bytes in the files)
//   server_scan_ms             baseline: one sequential scan of the table (count(*))
import pg from 'pg';
import { pgSkipReason, startCluster } from '../helpers/pg-cluster';
import { startTeam } from '../helpers/team';
import { generateTeamCalls } from '../helpers/team-generate';
import { purgeServer } from '../../electron/core/sync/server-purge';
import { newId } from '../../electron/core/infra/ids';
import { figure, loadFigure, ms } from './stats';

const CALLS = Number(process.env.BENCH_PURGE_CALLS ?? 100_000);

async function main(): Promise<void> {
  const skip = pgSkipReason();
  if (skip) {
    console.log(`server-purge bench skipped: ${skip}`);
    return;
  }
  const cluster = await startCluster();
  try {
    const team = await startTeam(cluster);
    const admin = await team.admin();
    const desk = await team.workstation('bench_purge_desk');
    const t0 = process.hrtime.bigint();
    const generated = await generateTeamCalls(admin, CALLS);
    figure('server_purge_generate_s', ms(t0) / 1000, `s (${CALLS} calls made on the server by SQL)`, 1);
    // settle the table as a team server would have it (hint bits, statistics) before measuring
    await admin.query('VACUUM ANALYZE team.changes');
    const size = Number((await admin.query<{ b: string }>(`SELECT pg_total_relation_size('team.changes')::text AS b`)).rows[0]!.b);
    let t = process.hrtime.bigint();
    await admin.query('SELECT count(*) FROM team.changes');
    figure('server_scan_ms', ms(t), `ms (count(*) over ${CALLS} calls, ${(size / 1048576).toFixed(0)} MB with indexes)`);

    const erased = await admin.query<{ n: string }>(`SELECT team.erase_phone($1, $2::uuid, '{"refs": []}'::jsonb)::text AS n`, [generated.phoneOf(1), newId()]);
    figure('server_erase_rows', Number(erased.rows[0]!.n), 'rows redacted by the server erasure', 0);
    t = process.hrtime.bigint();
    await admin.query('VACUUM team.changes');
    figure('server_vacuum_plain_ms', ms(t), 'ms (plain VACUUM, baseline: no lock against desks, bytes stay)');

    // a desk pushes while the purge holds the table
    const client = new pg.Client({ connectionString: desk.url });
    await client.connect();
    const purge = purgeServer(team.adminUrl);
    // once the purge holds the table (it checks rights and old snapshots first)
    for (;;) {
      const held = await admin.query(`SELECT 1 FROM pg_locks WHERE relation = 'team.changes'::regclass AND mode = 'AccessExclusiveLock' AND granted`);
      if (held.rowCount) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    t = process.hrtime.bigint();
    await client.query(`INSERT INTO team.changes (id, kind, body) VALUES ($1, 'calls', '{"ref":"bench"}')`, [newId()]);
    const pushWait = ms(t);
    const result = await purge;
    await client.end();
    figure(
      'server_purge_lock_ms',
      result.lockMs,
      `ms (VACUUM (FULL) of ${CALLS} calls; ${(size / 1048576).toFixed(0)} MB → ${((result.tables[0]?.bytesAfter ?? 0) / 1048576).toFixed(0)} MB)`,
    );
    figure('server_purge_push_wait_ms', pushWait, 'ms (a desk push sent once the purge held the table)');
    loadFigure('server_purge_load');
    await admin.end();
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
