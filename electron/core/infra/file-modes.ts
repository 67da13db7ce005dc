// The database, its WAL, backups, damaged copies, logs and exports hold callers' personal data: on
// POSIX systems they are readable by this user only (files 0600, folders 0700), not by every
// local account. The process umask makes everything created from now on private (SQLite, the
// backup API, exceljs and the logger create files without asking us); files from an older version
// are tightened at start. Windows keeps its per-user profile ACLs (the user-data folder is already
// private there); chmod does nothing useful on it, so nothing is done.
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

export const PRIVATE_UMASK = 0o077;

export function privateFiles(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32';
}

/** From now on, files and folders this process creates are private to the user. */
export function restrictNewFiles(platform: NodeJS.Platform = process.platform): void {
  if (privateFiles(platform)) process.umask(PRIVATE_UMASK);
}

function tighten(path: string): void {
  try {
    const st = statSync(path);
    // A shared folder (sticky bit, like /tmp) or one another account owns is not ours to close:
    // closing /tmp to one user breaks every other program. Our own files inside it still are.
    if (st.isDirectory() && ((st.mode & 0o1000) !== 0 || (process.getuid !== undefined && st.uid !== process.getuid()))) return;
    const mode = st.mode & 0o777;
    const want = st.isDirectory() ? mode & 0o700 : mode & 0o600;
    if (mode !== want) chmodSync(path, want);
  } catch {
    // gone meanwhile, or not ours to change: the umask still covers new files
  }
}

/** Tightens what an earlier version left readable: the database folder's own files, backups/, and `extraDirs` (logs). */
export function protectExisting(dbFile: string, extraDirs: string[] = [], platform: NodeJS.Platform = process.platform): void {
  if (!privateFiles(platform) || dbFile === ':memory:') return;
  const folder = dirname(dbFile);
  const stem = basename(dbFile, extname(dbFile));
  tighten(folder);
  if (existsSync(folder)) {
    for (const name of readdirSync(folder)) if (name.startsWith(stem)) tighten(join(folder, name));
  }
  for (const dir of [join(folder, 'backups'), ...extraDirs]) {
    if (!existsSync(dir)) continue;
    tighten(dir);
    for (const name of readdirSync(dir)) tighten(join(dir, name));
  }
}
