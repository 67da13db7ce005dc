import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { closeSync, fstatSync, mkdtempSync, openSync, readdirSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../../../electron/core/db/open';
import { backupDir, backupIfDue, checkInWorker, lastBackup, listBackups } from '../../../../../electron/core/db/backup';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cc-backup-')), 'console.db');

test('one verified backup a day, holding the rows, beside the database', async () => {
  const file = tempFile();
  const db = openDatabase(file);
  db.prepare(
    "INSERT INTO calls (id, direction, status, caller_name, rang_at, created_at, updated_at) VALUES ('a', 'inbound', 'open', '李娜', 'x', 'y', 'z')",
  ).run();

  const first = await backupIfDue(db, file, { now: new Date(2026, 10, 27, 9) });
  const again = await backupIfDue(db, file, { now: new Date(2026, 10, 27, 17) });
  expect(first.created).toBe(true);
  expect(again).toEqual({ file: first.file, created: false });
  expect(first.file.startsWith(backupDir(file))).toBe(true);

  const copy = new Database(first.file, { readonly: true });
  expect(copy.prepare('SELECT caller_name FROM calls').pluck().all()).toEqual(['李娜']);
  copy.close();
  expect(lastBackup(file)?.file).toBe(first.file);
  db.close();
});

test('keeps only the newest seven and leaves no partial files', async () => {
  const file = tempFile();
  const db = openDatabase(file);
  for (let day = 1; day <= 10; day++) await backupIfDue(db, file, { now: new Date(2026, 10, day, 12) });
  const kept = listBackups(file).map((f) => f.slice(-13, -3));
  expect(kept).toEqual(['2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07', '2026-11-08', '2026-11-09', '2026-11-10']);
  // nothing but the seven backups: no partial copies, no -wal/-shm left by the check
  expect(readdirSync(backupDir(file)).length).toBe(7);
  db.close();
});

describe('the integrity check of the copy runs in a worker thread, so the service keeps answering', () => {
  const damaged = () => {
    const file = tempFile();
    const db = new Database(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); CREATE INDEX t_v ON t (v);');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`value ${i} `.repeat(10));
    db.close();
    // scribble over the middle of the file: pages of the table and its index no longer agree
    const fd = openSync(file, 'r+');
    const size = fstatSync(fd).size;
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096 + 100);
    closeSync(fd);
    return file;
  };

  test('a sound copy is "ok"; a damaged one is not', async () => {
    const file = tempFile();
    openDatabase(file).close();
    expect(await checkInWorker(file)).toBe('ok');
    expect(await checkInWorker(damaged())).toMatch(/^(?!ok$)./);
  }, 30_000); // two worker threads started from source: seconds on a loaded machine

  test('the same check works from the bundled code the app ships', async () => {
    // inside the project, so the bundle finds node_modules as dist/ does
    const out = join(__dirname, '../../../../../.cache/test/backup.cjs');
    await build({
      entryPoints: [join(__dirname, '../../../../../electron/core/db/backup.ts')],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      logLevel: 'error',
    });
    const bundled = createRequire(join(__dirname, '../../../../../package.json'))(out) as typeof import('../../../../../electron/core/db/backup');
    const file = tempFile();
    openDatabase(file).close();
    expect(await bundled.checkInWorker(file)).toBe('ok');
  });
});
