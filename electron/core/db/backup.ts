// A backup is only a backup once it has been opened and checked; the check runs on the copy,
// never on the live file while agents work.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
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
  await verify(partial, nativeBinding);
  renameSync(partial, target);
  rotate(dbFile, keep);
  return { file: target, created: true };
}

async function verify(file: string, nativeBinding?: string): Promise<void> {
  let result: string;
  try {
    result = await checkInWorker(file, nativeBinding);
  } catch {
    result = checkCopy(Database, file, nativeBinding); // no worker here: check on this thread, as before
  }
  if (result !== 'ok') throw new Error(`backup ${file} failed its integrity check: ${result}`);
}

/** Runs on the service's thread (fallback) and, as source text, in the worker. */
export function checkCopy(Sqlite: typeof Database, file: string, nativeBinding?: string): string {
  const copy = new Sqlite(file, nativeBinding ? { nativeBinding } : {});
  try {
    // The copy inherits WAL mode from the live file; a backup is one self-contained file, so it
    // goes back to a rollback journal (this also leaves no -wal/-shm beside it).
    copy.pragma('journal_mode = DELETE');
    return String(copy.pragma('integrity_check', { simple: true }));
  } finally {
    copy.close();
  }
}

// integrity_check reads every page of the copy: about 2 s for a 350 MB database. The daily backup
// runs while agents work, so the check has its own thread and connection and the service keeps
// answering meanwhile.
/** Runs `check` (a self-contained function, sent as source text) on its own thread and connection. */
function inWorker(check: (sqlite: typeof Database, file: string, nativeBinding?: string) => string, file: string, nativeBinding?: string): Promise<string> {
  const source = `
const { parentPort, workerData } = require('node:worker_threads');
const check = ${check.toString()};
parentPort.postMessage(check(require(workerData.module), workerData.file, workerData.nativeBinding));
`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { file, nativeBinding, module: require.resolve('better-sqlite3') } });
    worker.once('message', (result: string) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the integrity check stopped early (exit ${code})`)));
  });
}

export function checkInWorker(file: string, nativeBinding?: string): Promise<string> {
  return inWorker(checkCopy, file, nativeBinding);
}

/** quick_check of the live file through a read-only connection of its own (WAL lets it read while agents write). */
export function checkLive(Sqlite: typeof Database, file: string, nativeBinding?: string): string {
  const live = new Sqlite(file, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return String(live.pragma('quick_check', { simple: true }));
  } finally {
    live.close();
  }
}

export function quickCheckInWorker(file: string, nativeBinding?: string): Promise<string> {
  return inWorker(checkLive, file, nativeBinding);
}

function rotate(dbFile: string, keep: number): void {
  const all = listBackups(dbFile);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(old, { force: true });
}

export function lastBackup(dbFile: string): { file: string; at: string } | null {
  const newest = listBackups(dbFile).at(-1);
  return newest ? { file: newest, at: statSync(newest).mtime.toISOString() } : null;
}
