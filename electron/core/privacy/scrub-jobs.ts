// The file work an erasure owes, kept as rows (erasure_scrubs, migration 0130) so a crash cannot
// lose it: the jobs are written in the erasure's own transaction, before any file is touched; each
// is marked done when its file is clean; whatever is still pending at the next start is finished
// then. The work itself runs on a worker thread (scrub-worker.ts) the way the start-up
// quick_check and the backup's integrity_check do (db/backup.ts), so the service keeps answering
// agents while a 178 MB backup is rewritten.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../db/open';
import { newId } from '../infra/ids';
import type { Logger } from '../infra/logger';
import type { ErasureFiles } from '../../../shared/contract/privacy';

import type { ErasureScope } from './locations';
import { copiesOf, scrubCopy, truncateWal, type Background } from './scrub';
import { runLiveJobNow, runLiveJobSliced, type LiveJob, type SliceOptions } from './live-jobs';

export type FileJob =
  { kind: 'copy'; file: string; scope: ErasureScope; now: string } | { kind: 'wal'; file: string } | { kind: 'live'; file: string; job: LiveJob };
export type FileJobReply =
  | { id: number; ok: true; finished: boolean }
  | { id: number; ok: false; error: string }
  /** a slice of a live job committed (not an answer: the job goes on) */
  | { id: number; slice: LiveJob['kind'] };

/** A connection of this thread's own to the live file, set up as the service's is for what the jobs write. */
function openLive(Sqlite: typeof Database, file: string, nativeBinding?: string): Database.Database {
  const live = new Sqlite(file, nativeBinding ? { nativeBinding } : {});
  // waits here, on this thread, for a service transaction to end; never makes the service wait long
  live.pragma('busy_timeout = 10000');
  live.pragma('synchronous = FULL');
  live.pragma('foreign_keys = ON');
  // what the slices delete (mentions, merged index pages) is zeroed, not left in free space
  live.pragma('secure_delete = ON');
  return live;
}

/**
 * One job, on whichever thread runs it. A copy is scrubbed whole (true) or throws; the live file's
 * WAL is truncated through a connection of this thread's own: false when a reader on an older
 * snapshot kept the checkpoint from finishing (tried again later); a live job runs in slices
 * (live-jobs.ts) through such a connection, false when `stopped()` cut it short.
 */
export async function runFileJob(
  Sqlite: typeof Database,
  job: FileJob,
  {
    nativeBinding,
    slice,
    stopped = () => false,
    onSlice,
  }: { nativeBinding?: string; slice?: SliceOptions; stopped?: () => boolean; onSlice?: (kind: LiveJob['kind']) => void } = {},
): Promise<boolean> {
  if (job.kind === 'copy') {
    scrubCopy(Sqlite, job.file, job.scope, job.now, nativeBinding);
    return true;
  }
  const live = openLive(Sqlite, job.file, nativeBinding);
  try {
    if (job.kind === 'wal') return truncateWal(live);
    // the slices' WAL frames are copied back here, on this thread, so that no save's commit
    // inherits a long automatic checkpoint
    const afterSlice = () => {
      live.pragma('wal_checkpoint(PASSIVE)');
      onSlice?.(job.job.kind);
    };
    return await runLiveJobSliced(live, job.job, { stopped, afterSlice, ...(slice ? { slice } : {}) });
  } finally {
    live.close();
  }
}

/**
 * The background work an erasure of the live file `dbFile` leaves to jobs: the index rewrite
 * always, the mention scan when asked (team mode keeps it in the erasure's transaction, where the
 * records it changes are collected for the push). None for ':memory:', which has no jobs.
 */
export function deferrable(dbFile: string, { mentions }: { mentions: boolean }): Background[] {
  if (dbFile === ':memory:') return [];
  return mentions ? ['mentions', 'index'] : ['index'];
}

// ─── planning (in the erasure's transaction) ───────────────────────────────────────────────
/**
 * Records the work still owed for erasure `erasureId`: the background work the erasure's
 * transaction left out (`deferred`: other records' mentions, with the scope to find them by; the
 * search index), each backup and damaged copy (with the scope to scrub them of), then the live
 * file's WAL. Must run inside the erasure's transaction, so the erasure and the promise to finish
 * it commit together or not at all.
 */
export function planScrubs(db: Db, erasureId: string, dbFile: string, scope: ErasureScope, deferred: readonly Background[] = []): void {
  if (dbFile === ':memory:') return;
  const insert = db.prepare('INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq, scope) VALUES (?, ?, ?, ?, ?, ?)');
  const scopeJson = JSON.stringify(scope);
  let seq = 0;
  if (deferred.includes('mentions') && scope.kind === 'customer') insert.run(newId(), erasureId, 'mentions', '', seq++, scopeJson);
  if (deferred.includes('index')) insert.run(newId(), erasureId, 'index', '', seq++, null);
  for (const copy of copiesOf(dbFile)) insert.run(newId(), erasureId, copy.kind, copy.file, seq++, scopeJson);
  insert.run(newId(), erasureId, 'database', '', seq, null);
}

/** Jobs on the live file's rows rather than on a file of their own. */
const liveKinds = new Set(['mentions', 'index']);

interface JobRow {
  id: string;
  erasure_id: string;
  kind: 'backup' | 'damaged' | 'database' | 'mentions' | 'index';
  file: string;
  scope: string | null;
  at: string;
}

function nextPending(db: Db): JobRow | undefined {
  return db
    .prepare(
      `SELECT s.id, s.erasure_id, s.kind, s.file, s.scope, e.at FROM erasure_scrubs s JOIN erasures e ON e.id = s.erasure_id
       WHERE s.state = 'pending' ORDER BY e.at, s.erasure_id, s.seq LIMIT 1`,
    )
    .get() as JobRow | undefined;
}

function jobOf(row: JobRow, dbFile: string): FileJob {
  if (row.kind === 'database') return { kind: 'wal', file: dbFile };
  if (row.kind === 'index') return { kind: 'live', file: dbFile, job: { kind: 'index' } };
  if (!row.scope) throw new Error('a job without its scope');
  if (row.kind === 'mentions')
    return { kind: 'live', file: dbFile, job: { kind: 'mentions', erasureId: row.erasure_id, scope: JSON.parse(row.scope) as ErasureScope, now: row.at } };
  return { kind: 'copy', file: row.file, scope: JSON.parse(row.scope) as ErasureScope, now: row.at };
}

/** The outcome of one job, recorded on the service's thread (one short transaction). */
function finishJob(db: Db, row: JobRow, outcome: 'done' | 'failed', now: string): void {
  db.transaction(() => {
    db.prepare('UPDATE erasure_scrubs SET state = ?, done_at = ? WHERE id = ?').run(outcome, now, row.id);
    const key =
      row.kind === 'backup'
        ? outcome === 'done'
          ? null
          : 'backupsFailed'
        : row.kind === 'damaged'
          ? outcome === 'done'
            ? 'damagedCopies'
            : 'damagedCopiesFailed'
          : null;
    if (row.kind === 'backup' && outcome === 'done') db.prepare('UPDATE erasures SET backups = backups + 1 WHERE id = ?').run(row.erasure_id);
    if (key) {
      db.prepare(`UPDATE erasures SET counts = json_set(counts, '$.${key}', coalesce(json_extract(counts, '$.${key}'), 0) + 1) WHERE id = ?`).run(
        row.erasure_id,
      );
    }
    // every copy of this erasure is clean (or given up) and the mentions are scrubbed: the number
    // is not needed any more. The live file's WAL job comes after, so the WAL frames that still
    // hold the scope are truncated too.
    const copiesLeft = db
      .prepare("SELECT count(*) FROM erasure_scrubs WHERE erasure_id = ? AND state = 'pending' AND kind IN ('backup', 'damaged', 'mentions')")
      .pluck()
      .get(row.erasure_id) as number;
    if (copiesLeft === 0) db.prepare('UPDATE erasure_scrubs SET scope = NULL WHERE erasure_id = ? AND scope IS NOT NULL').run(row.erasure_id);
  })();
}

/** What the lead sees of erasure `id`'s file work (privacy.overview, the erasure's answer). */
export function filesOf(db: Db, ids: string[], cleaningNow: string | null): Map<string, ErasureFiles> {
  const result = new Map<string, ErasureFiles>();
  for (const id of ids) result.set(id, { pending: 0, index: false, cleaning: false, failed: [] });
  if (ids.length === 0) return result;
  const rows = db
    .prepare(
      `SELECT erasure_id, kind, state, file FROM erasure_scrubs
       WHERE state <> 'done' AND erasure_id IN (SELECT value FROM json_each(?)) ORDER BY erasure_id, seq`,
    )
    .all(JSON.stringify(ids)) as { erasure_id: string; kind: JobRow['kind']; state: 'pending' | 'failed'; file: string }[];
  for (const row of rows) {
    const files = result.get(row.erasure_id)!;
    if (row.state === 'pending' && liveKinds.has(row.kind)) files.index = true;
    else if (row.state === 'pending') files.pending += 1;
    else files.failed.push(row.file);
  }
  if (cleaningNow) {
    const files = result.get(cleaningNow);
    if (files && (files.pending > 0 || files.index)) files.cleaning = true;
  }
  return result;
}

// ─── the runner ────────────────────────────────────────────────────────────────────────────
export interface ScrubRunner {
  /** work through the pending jobs (a no-op while already working) */
  kick(): void;
  /** resolves once nothing is pending or running (a job the WAL keeps busy may stay pending) */
  idle(): Promise<void>;
  /** the erasure whose files are being cleaned right now */
  cleaningNow(): string | null;
  stop(): void;
}

export interface ScrubRunnerOptions {
  dbFile: string;
  nativeBinding?: string;
  /** the bundled scrub-worker.js; default: beside the running bundle. Missing: the work runs on this thread. */
  workerFile?: string;
  logger?: Logger;
  now: () => string;
  /** awaited before each job touches a file (tests: to kill the process deterministically in between) */
  beforeFileWork?: () => Promise<void>;
  /** the live jobs' slices (tests: tiny slices, to kill the process in the middle of a rewrite) */
  slice?: SliceOptions;
  /** after each committed slice of a live job (tests) */
  onSlice?: (kind: LiveJob['kind']) => void;
  onError?: (err: unknown) => void;
}

/** How often a WAL truncation kept busy by a reader is retried before it waits for the next erasure or start. */
const WAL_RETRIES = 5;
const WAL_RETRY_MS = 1000;

export const defaultWorkerFile = (): string => join(__dirname, 'scrub-worker.js');

/** The worker itself failed (could not load, crashed), as opposed to one job failing in it. */
class WorkerGone extends Error {}

/** A worker that runs jobs one at a time; null where none can start (no bundled file: tests from source). */
function startWorker(
  file: string,
  nativeBinding?: string,
  slice?: SliceOptions,
  onSlice?: (kind: LiveJob['kind']) => void,
): { run(job: FileJob): Promise<boolean>; stop(): void } | null {
  if (!existsSync(file)) return null;
  // Loaded with require() from an eval'd stub, as the integrity check loads better-sqlite3: this
  // also works when the file lies inside the packaged app.asar.
  const worker = new Worker("require(require('node:worker_threads').workerData.entry)", { eval: true, workerData: { entry: file, nativeBinding, slice } });
  worker.unref();
  let next = 0;
  const waiting = new Map<number, { resolve(finished: boolean): void; reject(err: Error): void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (reply: FileJobReply) => {
    if ('slice' in reply) return onSlice?.(reply.slice);
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) w?.resolve(reply.finished);
    else w?.reject(new Error(reply.error));
  });
  worker.on('error', (err) => failAll(new WorkerGone(err.message)));
  worker.on('exit', (code) => failAll(new WorkerGone(`the scrub worker stopped (exit ${code})`)));
  return {
    run: (job) =>
      new Promise<boolean>((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, job });
      }),
    stop: () => void worker.terminate(),
  };
}

/** The runner of each connection the service has open: work owed by code without a context (a pulled erasure) goes there too. */
const runners = new WeakMap<Db, ScrubRunner>();

export function runnerOf(db: Db): ScrubRunner | undefined {
  return runners.get(db);
}

export function createScrubRunner(db: Db, options: ScrubRunnerOptions): ScrubRunner {
  const runner = makeRunner(db, options);
  runners.set(db, runner);
  return {
    ...runner,
    stop: () => {
      if (runners.get(db) === runner) runners.delete(db);
      runner.stop();
    },
  };
}

function makeRunner(db: Db, options: ScrubRunnerOptions): ScrubRunner {
  let draining: Promise<void> | null = null;
  let stopped = false;
  let current: string | null = null;
  let activeWorker: ReturnType<typeof startWorker> = null;
  const logger = options.logger;

  const runOnThisThread = async (job: FileJob): Promise<boolean> => {
    // the live file through the service's own connection: no second connection needed here; the
    // live jobs still run in slices, between the service's requests
    if (job.kind === 'wal') return truncateWal(db);
    if (job.kind === 'live') {
      const kind = job.job.kind;
      return runLiveJobSliced(db, job.job, {
        stopped: () => stopped || !db.open,
        afterSlice: () => options.onSlice?.(kind),
        ...(options.slice ? { slice: options.slice } : {}),
      });
    }
    return runFileJob(Database, job, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  };

  const drain = async (): Promise<void> => {
    let worker: ReturnType<typeof startWorker> = null;
    let workerTried = false;
    let walRetries = 0;
    try {
      for (;;) {
        if (stopped || !db.open) return;
        const row = nextPending(db);
        if (!row) return;
        current = row.erasure_id;
        if (options.beforeFileWork) await options.beforeFileWork();
        if (stopped || !db.open) return;
        if (!workerTried) {
          workerTried = true;
          try {
            worker = startWorker(options.workerFile ?? defaultWorkerFile(), options.nativeBinding, options.slice, options.onSlice);
            activeWorker = worker;
          } catch {
            worker = null;
          }
          // counts only: which files and whose data is not for the log
          if (!worker) logger?.warn('scrub.onServiceThread', {});
        }
        const started = performance.now();
        let outcome: 'done' | 'failed' | 'busy';
        try {
          const job = jobOf(row, options.dbFile);
          let finished: boolean;
          try {
            finished = worker ? await worker.run(job) : await runOnThisThread(job);
          } catch (err) {
            if (!(err instanceof WorkerGone) || stopped || !db.open) throw err;
            // the worker could not run at all (a packaging problem, not this file's): do the job
            // here rather than call the copy uncleanable
            worker = null;
            activeWorker = null;
            logger?.warn('scrub.onServiceThread', {});
            finished = await runOnThisThread(job);
          }
          outcome = finished ? 'done' : 'busy';
        } catch (err) {
          if (!db.open || stopped) return;
          // the live file's checkpoint or slices failing (a lock held too long) is not a copy's
          // fault: retry it like a busy one
          outcome = row.kind === 'database' || liveKinds.has(row.kind) ? 'busy' : 'failed';
          if (outcome === 'failed') logger?.warn('scrub.failed', { reason: row.kind });
          else options.onError?.(err);
        }
        if (!db.open || stopped) return;
        if (outcome === 'busy') {
          if (++walRetries > WAL_RETRIES) return; // left pending: the next erasure or start tries again
          await new Promise((resolve) => setTimeout(resolve, WAL_RETRY_MS).unref?.());
          continue;
        }
        finishJob(db, row, outcome, options.now());
        logger?.info('scrub.done', { reason: row.kind, ok: outcome === 'done', ms: performance.now() - started });
      }
    } finally {
      current = null;
      worker?.stop();
      activeWorker = null;
    }
  };

  const kick = () => {
    if (stopped || draining) return;
    draining = drain()
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        draining = null;
      });
  };

  return {
    kick,
    idle: async () => {
      while (draining) await draining;
    },
    cleaningNow: () => current,
    stop: () => {
      // a copy left half-scrubbed rolls back when next opened (its own journal); its job is still
      // pending and is done again at the next start
      stopped = true;
      activeWorker?.stop();
    },
  };
}

/**
 * Without a runner (a caller outside the service, e.g. a command-line tool): the jobs are done at
 * once on this thread, as before the runner existed, and still recorded as done one by one.
 */
export function runPendingNow(db: Db, dbFile: string, now: string, nativeBinding?: string): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const row = nextPending(db);
    if (!row) return;
    let outcome: 'done' | 'failed';
    try {
      const job = jobOf(row, dbFile);
      if (job.kind === 'wal') outcome = truncateWal(db) ? 'done' : 'failed';
      else if (job.kind === 'live') {
        runLiveJobNow(db, job.job);
        outcome = 'done';
      } else {
        scrubCopy(Database, job.file, job.scope, job.now, nativeBinding);
        outcome = 'done';
      }
    } catch {
      outcome = 'failed';
    }
    // the live file's work stays pending for the next start
    if ((row.kind === 'database' || liveKinds.has(row.kind)) && outcome === 'failed') return;
    finishJob(db, row, outcome, now);
  }
}
