// Where an erased caller could still be read from disk: the database, its WAL and shared memory,
// the backups, damaged copies kept aside by a restore, and the log folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { listBackups } from '../../electron/core/db/backup';

export function filesOnDisk(dbFile: string, logDir?: string): string[] {
  const folder = dirname(dbFile);
  const stem = basename(dbFile, extname(dbFile));
  const damaged = readdirSync(folder)
    .filter((f) => f.startsWith(`${stem}.damaged-`))
    .map((f) => join(folder, f));
  const logs = logDir && existsSync(logDir) ? readdirSync(logDir).map((f) => join(logDir, f)) : [];
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, ...listBackups(dbFile), ...damaged, ...logs].filter((f) => existsSync(f) && statSync(f).isFile());
}

/** which of `needles` occur in the raw bytes of any of the files */
export function tracesIn(files: string[], needles: string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const bytes = readFileSync(file);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) hits.push(`${needle} in ${basename(file)}`);
  }
  return hits;
}

/** six ways people write 139 8765 4321 */
export const sixSpellings = ['13987654321', '139 8765 4321', '139-8765-4321', '+86 139 8765 4321', '139/8765/4321', '１３９８７６５４３２１'];
