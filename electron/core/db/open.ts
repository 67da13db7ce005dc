import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { migrate, refuseNewer } from './migrate';
import { storageError } from './storage-errors';
import { migrations } from './migrations';
import { APPLICATION_ID } from './migrations/0080-application-id';

export interface OpenOptions {
  /** path to a better_sqlite3.node built for the current runtime (Electron uses its own build) */
  nativeBinding?: string;
  readonly?: boolean;
  /** how long a write waits for another connection's lock before failing with db_locked */
  busyTimeoutMs?: number;
  /**
   * quick_check reads every page (about 0.8 s per 350 MB): at open it would make start-up grow with
   * the file. false leaves it to the caller, who runs it off the service's thread (quickCheckInWorker).
   */
  quickCheck?: boolean;
}

export type Db = Database.Database;

/**
 * Opens (creating if needed) the console's database: refuses newer files untouched, checks
 * integrity, then WAL + foreign keys + synchronous=FULL and migrations.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const isNew = file === ':memory:' || !existsSync(file);
  let db: Db;
  try {
    db = new Database(file, {
      readonly: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (err) {
    throw storageError(err, file) ?? new AppError('db_unavailable', `Cannot open the database at ${file}: ${(err as Error).message}`);
  }
  try {
    // Reading the header writes nothing; do it before any pragma that could change the file.
    readable(db);
    refuseNewer(db);
    if (!isNew) refuseForeign(db, file);
    if (!isNew && options.quickCheck !== false) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new AppError('db_corrupt', `The database at ${file} is damaged (${String(check)}).`);
    }
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL'); // a hand-typed note is worth the fsync
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
      // Freed space is zeroed, so an erased customer's data does not linger in free pages.
      db.pragma('secure_delete = ON');
      immediateTransactions(db);
      migrate(db);
    }
    return db;
  } catch (err) {
    db.close();
    throw storageError(err, file) ?? err;
  }
}

/**
 * Every transaction of the service's connection begins IMMEDIATE. Other threads write to the file
 * too (the search indexer, the erasure's scrub, sync): a transaction begun DEFERRED that reads and
 * then writes fails at once with SQLITE_BUSY when one of them holds or has just released the write
 * lock, and an agent's save would be refused as "database locked". IMMEDIATE waits its turn
 * (busy_timeout). `.deferred` stays available for a transaction that only reads.
 */
function immediateTransactions(db: Db): void {
  const make = db.transaction.bind(db);
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => make(fn).immediate) as Db['transaction'];
}

function readable(db: Db): void {
  try {
    db.pragma('user_version', { simple: true });
  } catch (err) {
    const message = (err as Error).message;
    if (/not a database|malformed|corrupt/i.test(message)) {
      throw new AppError('db_corrupt', `The file is not a readable Call Console database: ${message}`);
    }
    throw storageError(err) ?? new AppError('db_unavailable', `The database cannot be read: ${message}`);
  }
}

/**
 * A file that is not ours is refused before anything is written: ours carries our application_id
 * (migration 0080); a console file from before it has a schema version of ours and our calls table;
 * an empty file is a new database. Anything else is another program's data.
 */
function refuseForeign(db: Db, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (appId === APPLICATION_ID) return;
  const version = db.pragma('user_version', { simple: true }) as number;
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (appId === 0 && version === 0 && tables.length === 0) return;
  const ours =
    appId === 0 &&
    migrations.some((m) => m.version === version) &&
    tables.includes('calls') &&
    (db.prepare('PRAGMA table_info(calls)').all() as { name: string }[]).some((c) => c.name === 'phone_norm');
  if (ours) return;
  throw new AppError(
    'db_foreign',
    `The file at ${file} is not a Call Console database (another program's SQLite file). It was not changed. Choose the console's own database file, or move this file away.`,
  );
}
