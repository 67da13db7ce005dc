// What both transports start: the database, the service on top of it and the one dispatcher.
import { openDatabase, type Db } from '../db/open';
import { backupIfDue, quickCheckInWorker } from '../db/backup';
import { statSync } from 'node:fs';
import { createService } from '../service';
import { newSession, type Session } from '../context';
import { createDispatcher, type Dispatch } from '../dispatch';
import { offsetClock, systemClock, type Clock } from '../infra/clock';
import type { AppInfo } from '../../../shared/contract/app';
import type { ErasureRecord } from '../../../shared/contract/privacy';
import { scheduleRetention } from '../privacy/retention';
import { createScrubRunner, type ScrubRunner } from '../privacy/scrub-jobs';
import { createSearchIndexer, type SearchIndexer } from '../search/indexer';
import type { SliceOptions } from '../privacy/live-jobs';
import { refuseEmptyWithBackups } from '../db/recovery';
import type { ManagedConfigResult } from '../../../shared/schemas/managed-config';
import { parseManagedConfig } from '../infra/managed-config';
import { errorFields, nullLogger, type Logger } from '../infra/logger';
import { protectExisting, restrictNewFiles } from '../infra/file-modes';
import type { PdfPrinter } from '../exports/pdf';
import type { ServiceContext } from '../context';
import { phoneOf } from '../phone/handlers';
import type { PhoneRuntime } from '../phone/runtime';
import { startPhoneListener, type PhoneListener } from '../phone/listener';
import { removeChannel, writeChannel } from '../phone/channel';
import { phoneToken } from '../phone/settings';
import { startTeamSync } from '../sync/start';

export interface CoreOptions {
  dbFile: string;
  transport: AppInfo['transport'];
  version: string;
  nativeBinding?: string;
  clock?: Clock;
  /** overrides the managed config's backupCount (tests) */
  backupKeep?: number;
  /** personal data older than this many months is anonymised at start-up and daily; 0/absent = off (managed config) */
  retentionMonths?: number;
  /** lock wait before a write fails with db_locked (default 5000) */
  busyTimeoutMs?: number;
  onInternalError?: (method: string, err: unknown) => void;
  /** IT's machine-wide config as loaded by loadManagedConfig (none: defaults) */
  managedConfig?: ManagedConfigResult;
  /** team mode's connection file; overrides the managed config's team.connectionFile (tests) */
  teamConnectionFile?: string;
  /** pause between team sync polls (tests use a short one) */
  teamPollMs?: number;
  /** start-up, backup, failures and (at debug level) every call; no personal data */
  logger?: Logger;
  /** the log folder, tightened with the data files (POSIX) */
  logDir?: string;
  /** the Electron shell prints the report to PDF; browser mode has no printer */
  printPdf?: PdfPrinter;
  /** open the phone listener (HTTP endpoint, hook channel) on loopback and advertise it beside the database */
  phoneListener?: boolean;
  /** the bundled erasure scrub worker; default scrub-worker.js beside the running bundle (tests from source build one) */
  scrubWorkerFile?: string;
  /** awaited before each erasure file job (tests: a process killed between the erasure and its file work) */
  beforeScrub?: () => Promise<void>;
  /** the erasure's live jobs' slices, and a call after each (tests: a process killed in the middle of the index rewrite) */
  scrubSlice?: SliceOptions & { onSlice?: (kind: 'mentions' | 'index') => void };
}

export interface Core {
  db: Db;
  /** who is signed in; exposed for the shell and for tests */
  session: Session;
  dispatch: Dispatch;
  /** the daily backup; resolves when done (never blocks start-up) */
  backup: Promise<unknown>;
  /**
   * quick_check of a large file, run after start-up off the service's thread: 'ok', or what SQLite
   * found (logged as db.damaged). Small files are checked at open, before anything is served.
   */
  integrity: Promise<string>;
  /** the start-up retention pass (after the backup); null when off or nothing was due */
  retention: Promise<ErasureRecord | null>;
  /** erasures' file work (backups, damaged copies, WAL), off the service's thread; pending jobs resume at start */
  scrubs: ScrubRunner;
  /** indexes long texts (and a catch-up's) on its own thread a moment after the service's calls */
  searchIndexer: SearchIndexer;
  /** the phone integration; `listener` resolves once the phone listener listens (null when not asked for or it failed) */
  phone: { runtime: PhoneRuntime; listener: Promise<PhoneListener | null> };
  close(): void;
}

/** Above this size the open-time quick_check would be felt at start-up (about 0.15 s per 64 MiB). */
export const QUICK_CHECK_AT_OPEN_MAX_BYTES = 64 * 1024 * 1024;

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
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
  // IT's managed config sets the retention; an explicit option (tests) wins
  const retentionMonths = options.retentionMonths ?? managed.config.retentionMonths ?? 0;
  const onInternalError = (method: string, err: unknown) => {
    logger.error('internal', { method, ...errorFields(err) });
    options.onInternalError?.(method, err);
  };
  let db: Db;
  // callers' personal data on disk: this user's only (POSIX), before the first file is created
  if (options.dbFile !== ':memory:') {
    restrictNewFiles();
    protectExisting(options.dbFile, options.logDir ? [options.logDir] : []);
  }
  const deferCheck = options.dbFile !== ':memory:' && fileSize(options.dbFile) > QUICK_CHECK_AT_OPEN_MAX_BYTES;
  try {
    refuseEmptyWithBackups(options.dbFile);
    db = openDatabase(options.dbFile, {
      quickCheck: !deferCheck,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
    });
  } catch (err) {
    logger.error('core.openFailed', { method: 'startup', ...errorFields(err) });
    throw err;
  }
  const clock = options.clock ?? clockFromEnv();
  const info: AppInfo = { version: options.version, dbPath: options.dbFile, transport: options.transport };
  const session = newSession();
  const runtime = { dbFile: options.dbFile, managed, backupKeep, logger };
  const teamSync = startTeamSync(db, options.teamConnectionFile ?? managed.config.team?.connectionFile, {
    ...(options.teamPollMs !== undefined ? { pollMs: options.teamPollMs } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    onLog: (event, fields) => logger.warn(event, fields),
  });
  const scrubs = createScrubRunner(db, {
    dbFile: options.dbFile,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.scrubWorkerFile ? { workerFile: options.scrubWorkerFile } : {}),
    ...(options.beforeScrub ? { beforeFileWork: options.beforeScrub } : {}),
    ...(options.scrubSlice ? { slice: { ms: options.scrubSlice.ms, pauseMs: options.scrubSlice.pauseMs }, onSlice: options.scrubSlice.onSlice } : {}),
    logger,
    now: () => clock.now().toISOString(),
    onError: (err) => onInternalError('scrub', err),
  });
  const ctx: ServiceContext = {
    ...(teamSync ? { teamSync } : {}),
    scrubs,
    db,
    clock,
    info,
    session,
    runtime,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(retentionMonths > 0 ? { retentionMonths } : {}),
    ...(options.printPdf ? { printPdf: options.printPdf } : {}),
  };
  const handlers = createService(ctx);
  const phone = phoneOf(ctx);
  const listener = options.phoneListener ? openPhoneListener(ctx, phone, options.dbFile, logger) : Promise.resolve(null);
  const searchIndexer = createSearchIndexer(db, {
    dbFile: options.dbFile,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    onError: (err) => onInternalError('searchIndex', err),
  });
  const logged = loggedDispatch(createDispatcher(handlers, { onInternalError }), logger);
  // C5: whatever a call listed for indexing (a long note) is indexed on the indexer thread after it
  const dispatch: Dispatch = async (method, raw) => {
    const result = await logged(method, raw);
    searchIndexer.kick();
    return result;
  };
  logger.info('core.start', {
    transport: options.transport,
    version: options.version,
    ms: performance.now() - started,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    configFound: managed.found,
    configProblems: managed.problems.length,
  });
  const integrity = deferCheck
    ? quickCheckInWorker(options.dbFile, options.nativeBinding).then(
        (result) => {
          if (result === 'ok') logger.info('db.checked', { ms: performance.now() - started });
          else logger.error('db.damaged', { problems: result.split('\n').length });
          return result;
        },
        (err: unknown) => {
          onInternalError('integrity', err);
          return `not checked: ${(err as Error).message}`;
        },
      )
    : Promise.resolve('ok');
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
  const retention = scheduleRetention(
    db,
    clock,
    {
      months: retentionMonths,
      dbFile: options.dbFile,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      scrubs,
    },
    backup,
    (err) => onInternalError('retention', err),
  );
  void retention.first.then((record) => {
    // counts only: which customers were affected is exactly what must not be in a log
    if (record) logger.info('retention.done', { rows: Object.values(record.counts).reduce((a, b) => a + b, 0), filesPending: record.files.pending });
  });
  // an erasure whose file work was cut short (the app was killed or closed): finish it now
  scrubs.kick();
  // long texts listed before the last close
  searchIndexer.kick();
  return {
    db,
    session,
    dispatch,
    backup,
    integrity,
    retention: retention.first,
    scrubs,
    searchIndexer,
    phone: { runtime: phone, listener },
    close: () => {
      retention.stop();
      scrubs.stop();
      searchIndexer.stop();
      phone.stop();
      void listener.then((l) => {
        if (!l) return;
        void l.close();
        if (options.dbFile !== ':memory:') removeChannel(options.dbFile);
      });
      void teamSync?.stop();
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

/** Phone events from PBX connectors and hook commands: loopback only, the workstation's token. */
async function openPhoneListener(ctx: ServiceContext, phone: PhoneRuntime, dbFile: string, logger: Logger): Promise<PhoneListener | null> {
  const token = phoneToken(ctx.db);
  try {
    const listener = await startPhoneListener(phone, { token, port: phone.settings().httpPort });
    ctx.phoneEndpoint = { port: listener.port, token };
    if (dbFile !== ':memory:') writeChannel(dbFile, { pid: process.pid, port: listener.port, token });
    logger.info('phone.listening', { port: listener.port });
    return listener;
  } catch (err) {
    // a taken port must not stop the console: the status says the endpoint is off
    logger.warn('phone.listenFailed', errorFields(err));
    return null;
  }
}
