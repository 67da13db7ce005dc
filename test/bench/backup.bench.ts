// The daily backup while agents work. Its integrity check reads every page of the copy; it runs in
// a worker thread, so the service keeps answering meanwhile:
//   backup_check_thread_s  how long the same check blocks the thread it runs on (the baseline: what
//                          the service would be blocked for if the check ran on its thread)
//   backup_total_s         the whole backup (online copy + check in the worker) during the pings
//   backup_ping_max_ms     the longest the service took to answer app.info, pinged every 5 ms
//                          throughout that backup (compare with backup_check_thread_s)
import { copyFileSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startCore } from '../../electron/core/entry/start-core';
import { openDatabase } from '../../electron/core/db/open';
import { checkCopy } from '../../electron/core/db/backup';
import { fillDemoData } from '../../electron/core/db/demo-data';
import { figure, ms } from './stats';

const CALLS = Number(process.env.BENCH_BACKUP_CALLS ?? 50_000);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-backup-'));
  const file = join(dir, 'console.db');
  const db = openDatabase(file);
  fillDemoData(db, { calls: CALLS, from: new Date(2026, 9, 1), to: new Date(2026, 10, 1), seed: 3 });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  figure('backup_db_mb', statSync(file).size / 1048576, 'MB', 1);

  const copy = join(dir, 'copy.db');
  copyFileSync(file, copy);
  let t = process.hrtime.bigint();
  if (checkCopy(Database, copy) !== 'ok') throw new Error('the copy failed its check');
  figure('backup_check_thread_s', ms(t) / 1000, 's');

  t = process.hrtime.bigint();
  const core = startCore({ dbFile: file, transport: 'browser', version: 'bench' }); // a backup is due: none today
  let done = false;
  void core.backup.then(() => (done = true));
  let worst = 0;
  while (!done) {
    const asked = process.hrtime.bigint();
    await core.dispatch('app.info', {});
    await new Promise((r) => setTimeout(r, 5));
    worst = Math.max(worst, ms(asked) - 5);
  }
  figure('backup_total_s', ms(t) / 1000, 's');
  figure('backup_ping_max_ms', worst, 'ms', 1);
  core.close();
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
