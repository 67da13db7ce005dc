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
import { copiesOf, scrubCopy, truncateWal } from './scrub';

export type FileJob = { kind: 'copy'; file: string; scope: ErasureScope; now: string } | { kind: 'wal'; file: string };
export type FileJobReply = { id: number; ok: true; finished: boolean } | { id: number; ok: false; error: string };

/**
 * One job, on whichever thread runs it. A copy is scrubbed whole (true) or throws; the live file's
 * WAL is truncated through a connection of this thread's own: false when a reader on an older
 * snapshot kept the checkpoint from finishing (tried again later).
 */
export function runFileJob(Sqlite: typeof Database, job: FileJob, nativeBinding?: string): boolean {
  if (job.kind === 'copy') {
    scrubCopy(Sqlite, job.file, job.scope, job.now, nativeBinding);
    return true;
  }
  const live = new Sqlite(job.file, nativeBinding ? { nativeBinding } : {});
  try {
    // waits here, on this thread, for a service transaction to end; never makes the service wait long
    live.pragma('busy_timeout = 10000');
    return truncateWal(live);
  } finally {
    live.close();
  }
}

// ─── planning (in the erasure's transaction) ───────────────────────────────────────────────
/**
 * Records the file work of erasure `erasureId`: each backup and damaged copy (with the scope to
 * scrub them of), then the live file's WAL. Must run inside the erasure's transaction, so the
 * erasure and the promise to clean its copies commit together or not at all.
 */
export function planScrubs(db: Db, erasureId: string, dbFile: string, scope: ErasureScope): void {
  if (dbFile === ':memory:') return;
  const insert = db.prepare('INSERT INTO erasure_scrubs (id, erasure_id, kind, file, seq, scope) VALUES (?, ?, ?, ?, ?, ?)');
  const copies = copiesOf(dbFile);
  const scopeJson = JSON.stringify(scope);
  copies.forEach((copy, i) => insert.run(newId(), erasureId, copy.kind, copy.file, i, scopeJson));
  insert.run(newId(), erasureId, 'database', '', copies.length, null);
}

interface JobRow {
  id: string;
  erasure_id: string;
  kind: 'backup' | 'damaged' | 'database';
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
  if (!row.scope) throw new Error('a copy job without its scope');
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
    // every copy of this erasure is clean (or given up): the number is not needed any more. The
    // live file's job comes after, so the WAL frames that still hold the scope are truncated too.
    const copiesLeft = db
      .prepare("SELECT count(*) FROM erasure_scrubs WHERE erasure_id = ? AND state = 'pending' AND kind <> 'database'")
      .pluck()
      .get(row.erasure_id) as number;
    if (copiesLeft === 0) db.prepare('UPDATE erasure_scrubs SET scope = NULL WHERE erasure_id = ? AND scope IS NOT NULL').run(row.erasure_id);
  })();
}

/** What the lead sees of erasure `id`'s file work (privacy.overview, the erasure's answer). */
export function filesOf(db: Db, ids: string[], cleaningNow: string | null): Map<string, ErasureFiles> {
  const result = new Map<string, ErasureFiles>();
  for (const id of ids) result.set(id, { pending: 0, cleaning: false, failed: [] });
  if (ids.length === 0) return result;
  const rows = db
    .prepare(
      `SELECT erasure_id, state, file FROM erasure_scrubs
       WHERE state <> 'done' AND erasure_id IN (SELECT value FROM json_each(?)) ORDER BY erasure_id, seq`,
    )
    .all(JSON.stringify(ids)) as { erasure_id: string; state: 'pending' | 'failed'; file: string }[];
  for (const row of rows) {
    const files = result.get(row.erasure_id)!;
    if (row.state === 'pending') files.pending += 1;
    else files.failed.push(row.file);
  }
  if (cleaningNow) {
    const files = result.get(cleaningNow);
    if (files && files.pending > 0) files.cleaning = true;
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
  onError?: (err: unknown) => void;
}

/** How often a WAL truncation kept busy by a reader is retried before it waits for the next erasure or start. */
const WAL_RETRIES = 5;
const WAL_RETRY_MS = 1000;

export const defaultWorkerFile = (): string => join(__dirname, 'scrub-worker.js');

/** The worker itself failed (could not load, crashed), as opposed to one job failing in it. */
class WorkerGone extends Error {}

/** A worker that runs jobs one at a time; null where none can start (no bundled file: tests from source). */
function startWorker(file: string, nativeBinding?: string): { run(job: FileJob): Promise<boolean>; stop(): void } | null {
  if (!existsSync(file)) return null;
  // Loaded with require() from an eval'd stub, as the integrity check loads better-sqlite3: this
  // also works when the file lies inside the packaged app.asar.
  const worker = new Worker("require(require('node:worker_threads').workerData.entry)", { eval: true, workerData: { entry: file, nativeBinding } });
  worker.unref();
  let next = 0;
  const waiting = new Map<number, { resolve(finished: boolean): void; reject(err: Error): void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  worker.on('message', (reply: FileJobReply) => {
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

export function createScrubRunner(db: Db, options: ScrubRunnerOptions): ScrubRunner {
  let draining: Promise<void> | null = null;
  let stopped = false;
  let current: string | null = null;
  let activeWorker: ReturnType<typeof startWorker> = null;
  const logger = options.logger;

  const runOnThisThread = (job: FileJob): boolean =>
    // the live file's WAL through the service's own connection: no second connection needed here
    job.kind === 'wal' ? truncateWal(db) : runFileJob(Database, job, options.nativeBinding);

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
            worker = startWorker(options.workerFile ?? defaultWorkerFile(), options.nativeBinding);
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
            finished = worker ? await worker.run(job) : runOnThisThread(job);
          } catch (err) {
            if (!(err instanceof WorkerGone) || stopped || !db.open) throw err;
            // the worker could not run at all (a packaging problem, not this file's): do the job
            // here rather than call the copy uncleanable
            worker = null;
            activeWorker = null;
            logger?.warn('scrub.onServiceThread', {});
            finished = runOnThisThread(job);
          }
          outcome = finished ? 'done' : 'busy';
        } catch (err) {
          if (!db.open || stopped) return;
          // the live file's checkpoint failing is not the copy's fault: retry it like a busy one
          outcome = row.kind === 'database' ? 'busy' : 'failed';
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
      outcome = job.kind === 'wal' ? (truncateWal(db) ? 'done' : 'failed') : runFileJob(Database, job, nativeBinding) ? 'done' : 'failed';
    } catch {
      outcome = 'failed';
    }
    if (row.kind === 'database' && outcome === 'failed') return; // stays pending for the next start
    finishJob(db, row, outcome, now);
  }
}
