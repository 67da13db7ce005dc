import Database from 'better-sqlite3';
import type { Db } from '../db/open';
import { columnsOf, tableExists } from '../db/tables';
import { listBackups } from '../db/backup';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { migrate } from '../db/migrate';

import { ErasureScope, personalDataLocations } from './locations';
import { mentionsPhone, scrubPhone, scrubPhoneJson } from './mentions';

const registered = new WeakSet<Db>();
function registerFunctions(db: Db): void {
  if (registered.has(db)) return;
  db.function('mentions_phone', { deterministic: true }, (text: unknown, phoneNorm: unknown) =>
    mentionsPhone(String(text ?? ''), String(phoneNorm ?? '')) ? 1 : 0,
  );
  db.function('scrub_phone', { deterministic: true }, (text: unknown, phoneNorm: unknown) => scrubPhone(String(text ?? ''), String(phoneNorm ?? '')));
  db.function('scrub_phone_json', { deterministic: true }, (json: unknown, phoneNorm: unknown) => scrubPhoneJson(String(json ?? ''), String(phoneNorm ?? '')));
  registered.add(db);
}

/**
 * Applies every registered location to `scope` and returns the rows changed per location. Runs in
 * the caller's transaction. On an older file (a backup from before a table existed) a location
 * whose table or columns are missing is skipped.
 */
export function applyLocations(db: Db, scope: ErasureScope, now: string, locations = personalDataLocations): Record<string, number> {
  registerFunctions(db);
  const counts: Record<string, number> = {};
  // every parameter always bound: a location's SET may use one its WHERE for this scope does not
  const params =
    scope.kind === 'customer'
      ? { phoneNorm: scope.phoneNorm, customerIds: JSON.stringify(scope.customerIds), cutoff: '', now }
      : { phoneNorm: '', customerIds: '[]', cutoff: scope.cutoff, now };
  for (const location of locations) {
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
 * After rows were changed: nothing of the old content may stay in the file. secure_delete zeroes
 * freed space as it goes; VACUUM rewrites the file from live rows only (old fragments from before
 * secure_delete, freelist pages); the WAL, which still holds old page images, is checkpointed and
 * truncated to zero bytes before and after.
 */
export function scrubFile(db: Db): void {
  db.pragma('secure_delete = ON');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * The same erasure in each backup beside the database: a backup keeps old data until it is
 * rotated out (7 days), which is too long for a customer who asked to be forgotten. Each backup is
 * changed in place (after migrating it to this version's schema), vacuumed and checked again; one
 * that cannot be opened is left alone and returned in `failed`.
 */
export function scrubBackups(dbFile: string, scope: ErasureScope, now: string, nativeBinding?: string): { scrubbed: number; failed: string[] } {
  return scrubCopies(listBackups(dbFile), scope, now, nativeBinding);
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

/** The erasure applied to each copy in `files`; one that cannot be opened or checked is returned in `failed`. */
export function scrubCopies(files: string[], scope: ErasureScope, now: string, nativeBinding?: string): { scrubbed: number; failed: string[] } {
  let scrubbed = 0;
  const failed: string[] = [];
  for (const file of files) {
    let copy: Db | undefined;
    try {
      copy = new Database(file, nativeBinding ? { nativeBinding } : {});
      copy.pragma('secure_delete = ON');
      // a backup made by the previous version lacks the newer columns the registry uses: bring it
      // to this version's schema first (this app restores it the same way)
      migrate(copy);
      const target = copy;
      target.transaction(() => applyLocations(target, scope, now))();
      scrubFile(target);
      if (target.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('integrity check failed');
      scrubbed += 1;
    } catch {
      failed.push(file);
    } finally {
      copy?.close();
    }
  }
  return { scrubbed, failed };
}
