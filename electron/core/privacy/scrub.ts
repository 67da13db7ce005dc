import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { columnsOf, tableExists } from '../db/tables';
import { listBackups } from '../db/backup';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { migrate } from '../db/migrate';

import { ErasureScope, personalDataLocations, type PersonalDataLocation } from './locations';
import { mentionsPhone, scrubPhone, scrubPhoneJson } from './mentions';
import { mentionGlob } from './mention-glob';

const registered = new WeakSet<Db>();
/** The SQL functions the mention scrub uses, on this connection. */
export function registerFunctions(db: Db): void {
  if (registered.has(db)) return;
  db.function('mentions_phone', { deterministic: true }, (text: unknown, phoneNorm: unknown) =>
    mentionsPhone(String(text ?? ''), String(phoneNorm ?? '')) ? 1 : 0,
  );
  db.function('scrub_phone', { deterministic: true }, (text: unknown, phoneNorm: unknown) => scrubPhone(String(text ?? ''), String(phoneNorm ?? '')));
  db.function('scrub_phone_json', { deterministic: true }, (json: unknown, phoneNorm: unknown) => scrubPhoneJson(String(json ?? ''), String(phoneNorm ?? '')));
  registered.add(db);
}

/** The named parameters every location's SQL may use (all always bound: a SET may use one its WHERE does not). */
export function scopeParams(scope: ErasureScope, now: string): Record<string, unknown> {
  return scope.kind === 'customer'
    ? { phoneNorm: scope.phoneNorm, phoneGlob: mentionGlob(scope.phoneNorm), customerIds: JSON.stringify(scope.customerIds), cutoff: '', now }
    : { phoneNorm: '', phoneGlob: '', customerIds: '[]', cutoff: scope.cutoff, now };
}

export type Background = NonNullable<PersonalDataLocation['background']>;

/**
 * Applies every registered location to `scope` and returns the rows changed per location. Runs in
 * the caller's transaction. On an older file (a backup from before a table existed) a location
 * whose table or columns are missing is skipped. `defer`: the background work left out (the
 * erasure records it as jobs, live-jobs.ts).
 */
export function applyLocations(
  db: Db,
  scope: ErasureScope,
  now: string,
  { locations = personalDataLocations, defer = [] }: { locations?: PersonalDataLocation[]; defer?: readonly Background[] } = {},
): Record<string, number> {
  registerFunctions(db);
  const counts: Record<string, number> = {};
  const params = scopeParams(scope, now);
  for (const location of locations) {
    if (location.background && defer.includes(location.background)) continue;
    if (!tableExists(db, location.table)) continue;
    const where = scope.kind === 'customer' ? location.customerRows : location.expiredRows;
    let changes = 0;
    if (location.run) {
      changes = location.run(db, where, params);
    } else if (location.change === 'delete') {
      changes = db.prepare(`DELETE FROM "${location.table}" WHERE ${where}`).run(params).changes;
    } else {
      const columns = columnsOf(db, location.table);
      const entries = Object.entries(location.change).filter(([column]) => columns.has(column));
      if (entries.length > 0) {
        const sets = entries.map(([column, expression]) => `"${column}" = ${expression}`).join(', ');
        changes = db.prepare(`UPDATE "${location.table}" SET ${sets} WHERE ${where}`).run(params).changes;
      }
    }
    location.after?.(db, scope);
    counts[location.name] = (counts[location.name] ?? 0) + changes;
  }
  return counts;
}

/**
 * A copy (backup, damaged database) after its rows were changed: nothing of the old content may
 * stay in it. secure_delete zeroes freed space as it goes; VACUUM rewrites the file from live rows
 * only (old fragments, freelist pages); the WAL is checkpointed and truncated before and after.
 * Only for files nobody else has open: VACUUM holds the write lock for the whole rewrite.
 */
export function scrubFile(db: Db): void {
  db.pragma('secure_delete = ON');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * The live file after an erasure's rows were changed. No VACUUM here: on the live file it holds
 * the write lock for the whole rewrite (about 4 s for 178 MB), and every save waits behind it
 * synchronously, on the service's thread, whichever connection runs it; VACUUM INTO + swap cannot
 * replace a file the service has open. It is not needed either: every connection to the file has
 * run with secure_delete = ON since the first version that could erase (openDatabase), so the old
 * cell contents and freed pages are zeroed by the very transaction that changes them, and the FTS
 * index is merged in that transaction (locations.ts). What still holds old page images is the WAL:
 * a TRUNCATE checkpoint copies the newest image of each page into the file and cuts the WAL to zero
 * bytes. It waits (busy handler) for readers on older snapshots and blocks writers only while it
 * copies, which after the erasure's own commit (SQLite checkpoints a large WAL at commit) is little.
 * Returns false when a reader kept it from finishing: the job stays pending and is tried again.
 */
export function truncateWal(db: Db): boolean {
  db.pragma('secure_delete = ON');
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  return !result || result.busy === 0;
}

/** Damaged databases a restore kept aside beside the live one (`<name>.damaged-…<ext>`). */
export function damagedCopies(dbFile: string): string[] {
  const folder = dirname(dbFile);
  const stem = basename(dbFile, extname(dbFile));
  const ext = extname(dbFile) || '.db';
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.startsWith(`${stem}.damaged-`) && n.endsWith(ext))
    .map((n) => join(folder, n));
}

/** The backups and damaged copies an erasure of the live file `dbFile` must reach too. */
export function copiesOf(dbFile: string): { kind: 'backup' | 'damaged'; file: string }[] {
  if (dbFile === ':memory:') return [];
  return [
    ...listBackups(dbFile).map((file) => ({ kind: 'backup' as const, file })),
    ...damagedCopies(dbFile).map((file) => ({ kind: 'damaged' as const, file })),
  ];
}

/**
 * The same erasure in one copy beside the database: a backup keeps old data until it is rotated
 * out (7 days), which is too long for a customer who asked to be forgotten. The copy is changed in
 * place (after migrating it to this version's schema), vacuumed and checked again. Throws when it
 * cannot be opened or fails its check. Runs in the scrub worker (scrub-worker.ts) or, where no
 * worker can start, on the service's thread; `Sqlite` is better-sqlite3 as the thread loaded it.
 */
export function scrubCopy(Sqlite: typeof Database, file: string, scope: ErasureScope, now: string, nativeBinding?: string): void {
  if (!existsSync(file)) return; // rotated out or deleted meanwhile: nothing left to scrub
  const copy = new Sqlite(file, nativeBinding ? { nativeBinding } : {});
  try {
    copy.pragma('secure_delete = ON');
    // a backup made by the previous version lacks the newer columns the registry uses: bring it
    // to this version's schema first (this app restores it the same way)
    migrate(copy);
    copy.transaction(() => applyLocations(copy, scope, now))();
    scrubFile(copy);
    if (copy.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('integrity check failed');
  } finally {
    copy.close();
  }
}
