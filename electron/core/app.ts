// What both transports start: the database, the service on top of it and the one dispatcher.
import { openDatabase, type Db } from './db/open';
import { backupIfDue } from './db/backup';
import { createService, newSession, type Session } from './service';
import { createDispatcher, type Dispatch } from './dispatch';
import { offsetClock, systemClock, type Clock } from './clock';
import type { AppInfo } from '../../shared/contract/app';
import type { ManagedConfigResult } from '../../shared/schemas/managed-config';
import { parseManagedConfig } from './managed-config';
import { errorFields, nullLogger, type Logger } from './logger';

export interface CoreOptions {
  dbFile: string;
  transport: AppInfo['transport'];
  version: string;
  nativeBinding?: string;
  clock?: Clock;
  /** overrides the managed config's backupCount (tests) */
  backupKeep?: number;
  onInternalError?: (method: string, err: unknown) => void;
  /** IT's machine-wide config as loaded by loadManagedConfig (none: defaults) */
  managedConfig?: ManagedConfigResult;
  /** start-up, backup, failures and (at debug level) every call; no personal data */
  logger?: Logger;
}

export interface Core {
  db: Db;
  /** who is signed in; exposed for the shell and for tests */
  session: Session;
  dispatch: Dispatch;
  /** the daily backup; resolves when done (never blocks start-up) */
  backup: Promise<unknown>;
  close(): void;
}

export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): Clock {
  const offset = Number(env.CALL_CONSOLE_NOW_OFFSET_MS ?? 0);
  return Number.isFinite(offset) && offset !== 0 ? offsetClock(offset) : systemClock;
}

export function startCore(options: CoreOptions): Core {
  const started = performance.now();
  const logger = options.logger ?? nullLogger;
  const managed = options.managedConfig ?? parseManagedConfig(undefined, '');
  const backupKeep = options.backupKeep ?? managed.config.backupCount;
  const onInternalError = (method: string, err: unknown) => {
    logger.error('internal', { method, ...errorFields(err) });
    options.onInternalError?.(method, err);
  };
  let db: Db;
  try {
    db = openDatabase(options.dbFile, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (err) {
    logger.error('core.openFailed', { method: 'startup', ...errorFields(err) });
    throw err;
  }
  const clock = options.clock ?? clockFromEnv();
  const info: AppInfo = { version: options.version, dbPath: options.dbFile, transport: options.transport };
  const session = newSession();
  const runtime = { dbFile: options.dbFile, managed, backupKeep, logger };
  const handlers = createService({ db, clock, info, session, runtime });
  const dispatch = loggedDispatch(createDispatcher(handlers, { onInternalError }), logger);
  logger.info('core.start', {
    transport: options.transport,
    version: options.version,
    ms: performance.now() - started,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    configFound: managed.found,
    configProblems: managed.problems.length,
  });
  const backupStarted = performance.now();
  const backup =
    options.dbFile === ':memory:'
      ? Promise.resolve()
      : backupIfDue(db, options.dbFile, {
          keep: backupKeep,
          now: clock.now(),
          ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        }).then(
          (result) => logger.info('backup.done', { created: result.created, ms: performance.now() - backupStarted, keep: backupKeep }),
          (err: unknown) => onInternalError('backup', err),
        );
  return {
    db,
    session,
    dispatch,
    backup,
    close: () => {
      if (db.open) db.close();
      logger.info('core.stop', {});
    },
  };
}

/** Calls in the log: method, outcome code and duration only, never input or output. */
function loggedDispatch(dispatch: Dispatch, logger: Logger): Dispatch {
  const worrying = new Set(['db_unavailable', 'db_corrupt', 'io']);
  return async (method, raw) => {
    const started = performance.now();
    const result = await dispatch(method, raw);
    const ms = performance.now() - started;
    if (result.ok) logger.log(ms > 500 ? 'info' : 'debug', ms > 500 ? 'call.slow' : 'call', { method, ms });
    else logger.log(worrying.has(result.error.code) ? 'warn' : 'debug', 'call.failed', { method, code: result.error.code, rule: result.error.rule, ms });
    return result;
  };
}
