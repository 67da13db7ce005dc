import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../../electron/core/db/open';
import { backupDir, backupIfDue, lastBackup, listBackups } from '../../../../electron/core/db/backup';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cc-backup-')), 'console.db');

test('one verified backup a day, holding the rows, beside the database', async () => {
  const file = tempFile();
  const db = openDatabase(file);
  db.prepare("INSERT INTO calls (id, direction, status, caller_name, rang_at, created_at, updated_at) VALUES ('a', 'inbound', 'open', '李娜', 'x', 'y', 'z')").run();

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
