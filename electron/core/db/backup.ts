// A backup is only a backup once it has been opened and checked; the check runs on the copy,
// never on the live file while agents work.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Db } from './open';
import { localDayOf } from '../../../shared/domain/period';

export interface BackupResult {
  file: string;
  created: boolean;
}

export function backupDir(dbFile: string): string {
  return join(dirname(dbFile), 'backups');
}

function backupName(dbFile: string, day: string): string {
  return `${basename(dbFile).replace(/\.[^.]+$/, '')}-${day}.db`;
}

export function listBackups(dbFile: string): string[] {
  const dir = backupDir(dbFile);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const prefix = basename(dbFile).replace(/\.[^.]+$/, '') + '-';
  return names
    .filter((n) => n.startsWith(prefix) && /-\d{4}-\d{2}-\d{2}\.db$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

/** At most one backup per local day; keeps the newest `keep`. */
export async function backupIfDue(
  db: Db,
  dbFile: string,
  { keep = 7, now = new Date(), nativeBinding }: { keep?: number; now?: Date; nativeBinding?: string } = {},
): Promise<BackupResult> {
  const dir = backupDir(dbFile);
  const target = join(dir, backupName(dbFile, localDayOf(now)));
  if (listBackups(dbFile).includes(target)) return { file: target, created: false };
  mkdirSync(dir, { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  await db.backup(partial);
  verify(partial, nativeBinding);
  renameSync(partial, target);
  rotate(dbFile, keep);
  return { file: target, created: true };
}

function verify(file: string, nativeBinding?: string): void {
  const copy = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    // The copy inherits WAL mode from the live file; a backup is one self-contained file, so it
    // goes back to a rollback journal (this also leaves no -wal/-shm beside it).
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup ${file} failed its integrity check: ${String(result)}`);
  } finally {
    copy.close();
  }
}

function rotate(dbFile: string, keep: number): void {
  const all = listBackups(dbFile);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(old, { force: true });
}

export function lastBackup(dbFile: string): { file: string; at: string } | null {
  const newest = listBackups(dbFile).at(-1);
  return newest ? { file: newest, at: statSync(newest).mtime.toISOString() } : null;
}
