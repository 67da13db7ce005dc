// What both transports start: the database, the service on top of it and the one dispatcher.
import { openDatabase, type Db } from './db/open';
import { backupIfDue } from './db/backup';
import { createService, newSession, type Session } from './service';
import { createDispatcher, type Dispatch } from './dispatch';
import { offsetClock, systemClock, type Clock } from './clock';
import type { AppInfo } from '../../shared/contract/app';
import type { ErasureRecord } from '../../shared/contract/privacy';
import { scheduleRetention } from './retention';
import { refuseEmptyWithBackups } from './recovery';

export interface CoreOptions {
  dbFile: string;
  transport: AppInfo['transport'];
  version: string;
  nativeBinding?: string;
  clock?: Clock;
  backupKeep?: number;
  /** personal data older than this many months is anonymised at start-up and daily; 0/absent = off (managed config) */
  retentionMonths?: number;
  /** lock wait before a write fails with db_locked (default 5000) */
  busyTimeoutMs?: number;
  onInternalError?: (method: string, err: unknown) => void;
}

export interface Core {
  db: Db;
  /** who is signed in; exposed for the shell and for tests */
  session: Session;
  dispatch: Dispatch;
  /** the daily backup; resolves when done (never blocks start-up) */
  backup: Promise<unknown>;
  /** the start-up retention pass (after the backup); null when off or nothing was due */
  retention: Promise<ErasureRecord | null>;
  close(): void;
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const offset = Number(env.CALL_CONSOLE_NOW_OFFSET_MS ?? 0);
  return Number.isFinite(offset) && offset !== 0 ? offsetClock(offset) : systemClock;
}

export function startCore(options: CoreOptions): Core {
  refuseEmptyWithBackups(options.dbFile);
  const db = openDatabase(options.dbFile, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const clock = options.clock ?? clockFromEnv();
  const info: AppInfo = { version: options.version, dbPath: options.dbFile, transport: options.transport };
  const session = newSession();
  const handlers = createService({
    db,
    clock,
    info,
    session,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.retentionMonths ? { retentionMonths: options.retentionMonths } : {}),
  });
  const dispatch = createDispatcher(handlers, options.onInternalError ? { onInternalError: options.onInternalError } : {});
  const backup =
    options.dbFile === ':memory:'
      ? Promise.resolve()
      : backupIfDue(db, options.dbFile, {
          keep: options.backupKeep ?? 7,
          now: clock.now(),
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        }).catch((err: unknown) => options.onInternalError?.('backup', err));
  const retention = scheduleRetention(
    db,
    clock,
    {
      months: options.retentionMonths ?? 0,
      dbFile: options.dbFile,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    },
    backup,
    (err) => options.onInternalError?.('retention', err),
  );
  return {
    db,
    session,
    dispatch,
    backup,
    retention: retention.first,
    close: () => {
      retention.stop();
      if (db.open) db.close();
    },
  };
}
