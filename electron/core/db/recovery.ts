// A damaged database at start: openDatabase refuses it with db_corrupt; the shell
// explains and offers to restore the newest backup that passes integrity_check. The damaged file
// and its -wal/-shm are moved aside under a dated name, never overwritten and never deleted, so IT
// (or a recovery tool) can still get at whatever it holds.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { listBackups } from './backup';
import { AppError } from '../../../shared/errors';
import type { Core } from '../entry/start-core';

export interface RecoveryResult {
  /** the backup file now in use */
  restoredFrom: string;
  /** where the damaged database went (its -wal and -shm beside it, same name + suffix) */
  damagedKeptAt: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** console.db -> console.damaged-20261127-093000.db (local time: it is read by people) */
export function damagedName(dbFile: string, now: Date): string {
  const ext = extname(dbFile) || '.db';
  const stem = basename(dbFile, extname(dbFile));
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  let candidate = join(dirname(dbFile), `${stem}.damaged-${stamp}${ext}`);
  for (let n = 2; existsSync(candidate) || existsSync(`${candidate}-wal`); n++) {
    candidate = join(dirname(dbFile), `${stem}.damaged-${stamp}-${n}${ext}`);
  }
  return candidate;
}

/**
 * SQLite opens a zero-byte file as a new, empty database: the agents would find every call gone
 * and start writing into it. When backups exist, a zero-byte database is damage (a copy or sync
 * cut off), not a fresh install.
 */
export function refuseEmptyWithBackups(dbFile: string): void {
  if (dbFile === ':memory:' || !existsSync(dbFile) || statSync(dbFile).size > 0) return;
  if (existsSync(`${dbFile}-wal`) && statSync(`${dbFile}-wal`).size > 0) return; // the WAL holds it
  if (listBackups(dbFile).length === 0) return;
  throw new AppError('db_corrupt', `The database at ${dbFile} is empty (0 bytes) although backups of it exist: it was cut off.`);
}

/** True when the file opens and passes a full integrity_check (read-only, nothing written). */
export function verifiedBackup(file: string, nativeBinding?: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    return db.pragma('integrity_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/** The newest backup that passes its integrity check, or null. */
export function latestVerifiedBackup(dbFile: string, nativeBinding?: string): string | null {
  for (const file of [...listBackups(dbFile)].reverse()) if (verifiedBackup(file, nativeBinding)) return file;
  return null;
}

/**
 * Moves the damaged database aside and puts a copy of the newest verified backup in its place.
 * The backup itself stays where it is. Throws not_found when no backup passes its check (then
 * nothing was moved).
 */
export function recoverFromLatestBackup(dbFile: string, { now = new Date(), nativeBinding }: { now?: Date; nativeBinding?: string } = {}): RecoveryResult {
  const source = latestVerifiedBackup(dbFile, nativeBinding);
  if (!source) {
    throw new AppError(
      'not_found',
      `No backup that passes its integrity check was found in ${join(dirname(dbFile), 'backups')}; the damaged file was left as it is.`,
    );
  }
  let damagedKeptAt: string | null = null;
  if (existsSync(dbFile) || existsSync(`${dbFile}-wal`)) {
    damagedKeptAt = damagedName(dbFile, now);
    // the -wal first: a -wal next to a database it does not belong to would be replayed into it
    for (const suffix of ['-wal', '-shm', '']) {
      if (existsSync(dbFile + suffix)) renameSync(dbFile + suffix, damagedKeptAt + suffix);
    }
  }
  // copy then rename, so an interruption never leaves a half-copied database under the real name
  const partial = `${dbFile}.restoring`;
  rmSync(partial, { force: true });
  copyFileSync(source, partial);
  renameSync(partial, dbFile);
  return { restoredFrom: source, damagedKeptAt };
}

// ─── browser mode (`npm run browser -- --db X --restore-latest-backup`) ─────────────────────
const shellQuote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The command that restores: printed when the database is damaged, so IT can copy it. */
export function restoreCommand(dbFile: string): string {
  return `npm run browser -- --db ${shellQuote(dbFile)} --restore-latest-backup`;
}

/**
 * A damaged database is explained, with the exact command that restores the newest verified
 * backup; with --restore-latest-backup that is done (the damaged file moved aside, never deleted).
 * On a healthy database the flag does nothing.
 */
export function openOrRecover(dbFile: string, open: () => Core, restore: boolean, log = console.log): Core {
  try {
    const core = open();
    if (restore) log('The database is not damaged; nothing was restored.');
    return core;
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'db_corrupt')) throw err;
    if (restore) {
      const result = recoverFromLatestBackup(dbFile);
      log(`Restored ${dbFile} from the backup ${result.restoredFrom}.`);
      if (result.damagedKeptAt) log(`The damaged file was kept at ${result.damagedKeptAt} (with its -wal/-shm, if any).`);
      log('Calls saved after that backup was made are not in the restored database.');
      return open();
    }
    const backup = latestVerifiedBackup(dbFile);
    const lines = [err.message, ''];
    if (backup) {
      lines.push(
        `The newest backup that passes its integrity check is ${backup}.`,
        'To move the damaged file aside (it is kept, never deleted) and restore that backup, run:',
        '',
        `  ${restoreCommand(dbFile)}`,
        '',
      );
    } else {
      lines.push('No backup that passes its integrity check was found beside it. The file was not changed; ask IT.');
    }
    throw new AppError('db_corrupt', lines.join('\n'));
  }
}
