// Catching up with the team on a thread and connection of its own: a desk joining a team applies
// a million pulled calls, and on the service's thread every caller history and search would wait
// behind each slice (and the JavaScript of the next page would wait behind SQLite). Here the
// service's thread fetches and prepares the slices (local.ts planWorkerSlice) while this thread
// writes the previous one; with WAL the service's reads never wait for it, an agent's save waits at
// most for one slice (slices are sized from the last one's time). Each slice and its cursor move are
// one transaction, as in applyBatch. Sent as source text (as search/index-worker.ts): self-contained.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { RunStatement, WorkerSlice } from './local';

export interface ApplyJob extends WorkerSlice {
  id: number;
  cursor: { xid: string; pos: number; epoch: string };
  at: string;
  deferIndex: boolean;
}

/** applied: the slice and its cursor are committed; otherwise nothing of it was written */
export type ApplyReply = { id: number; applied: true; ms: number } | { id: number; applied: false; conflict: boolean; message: string };

/** a statement as it travels: the JSON as UTF-8 bytes, handed over without a copy */
interface WireStatement {
  sql: string;
  bytes: Uint8Array;
}
type WireJob = Omit<ApplyJob, 'statements' | 'checks'> & { statements: WireStatement[]; checks: WireStatement[] };

interface Setup {
  file: string;
  nativeBinding?: string;
}

/** Runs in the worker: one connection, one job at a time, each in one IMMEDIATE transaction. */
function serve(
  Sqlite: typeof Database,
  setup: Setup,
  port: { on(e: 'message', f: (m: WireJob | { stop: true }) => void): void; post(m: unknown): void },
): void {
  const db = new Sqlite(setup.file, setup.nativeBinding ? { nativeBinding: setup.nativeBinding } : {});
  db.pragma('busy_timeout = 5000');
  // as the service's connection: references checked (at commit, as applyBatch defers them), freed
  // space zeroed (an erased caller's text does not linger)
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  // only what the server can give again: a power cut may lose the latest slice and its cursor together
  db.pragma('synchronous = NORMAL');
  // catching up writes all over the tables' indexes
  db.pragma('cache_size = -65536');
  const prepared = new Map<string, Database.Statement<unknown[]>>();
  const prep = (sql: string) => {
    let s = prepared.get(sql);
    if (!s) prepared.set(sql, (s = db.prepare<unknown[]>(sql)));
    return s;
  };
  const decoder = new TextDecoder();
  const found = (checks: WireStatement[]) => checks.some((c) => prep(c.sql).get(decoder.decode(c.bytes)) !== undefined);
  port.on('message', (m) => {
    if ('stop' in m) {
      // the log back into the file here, not in the next save on the service's thread (passive:
      // never waits for a reader)
      try {
        db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // busy: the next commit's automatic checkpoint does it
      }
      db.close();
      port.post({ stopped: true });
      return;
    }
    const started = performance.now();
    try {
      const applied = db
        .transaction(() => {
          db.pragma('defer_foreign_keys = ON');
          if (found(m.checks)) return false;
          // pulled rows are written with recording off (mode 2): they do not echo back to the server
          prep('UPDATE sync_state SET mode = 2').run();
          if (m.deferIndex) prep('UPDATE search_state SET deferring = 1').run();
          for (const s of m.statements) prep(s.sql).run(decoder.decode(s.bytes));
          prep('UPDATE sync_state SET cursor_xid = ?, cursor_pos = ?, epoch = ?').run(m.cursor.xid, m.cursor.pos, m.cursor.epoch);
          prep('UPDATE sync_state SET mode = 1, last_pull_at = ?, last_error = NULL').run(m.at);
          if (m.deferIndex) prep('UPDATE search_state SET deferring = 0').run();
          return true;
        })
        .immediate();
      port.post(applied ? { id: m.id, applied, ms: performance.now() - started } : { id: m.id, applied, conflict: true, message: 'a call is already here' });
    } catch (err) {
      port.post({ id: m.id, applied: false, conflict: false, message: err instanceof Error ? err.message : String(err) });
    }
  });
}

export interface ApplyWorker {
  /** applies one slice; resolves with what happened (a rejection: the worker itself is gone) */
  apply(job: Omit<ApplyJob, 'id'>): Promise<ApplyReply>;
  close(): Promise<void>;
}

/** Starts the applying thread on \`file\`; throws where no worker can run (the caller applies on its own thread). */
export function startApplyWorker(file: string, { nativeBinding }: { nativeBinding?: string } = {}): ApplyWorker {
  const setup: Setup = { file, ...(nativeBinding ? { nativeBinding } : {}) };
  const source = `
const { parentPort, workerData } = require('node:worker_threads');
const serve = ${serve.toString()};
serve(require(workerData.module), workerData.setup, { on: (e, f) => parentPort.on(e, f), post: (m) => parentPort.postMessage(m) });
`;
  const worker = new Worker(source, { eval: true, workerData: { setup, module: require.resolve('better-sqlite3') } });
  let next = 0;
  const encoder = new TextEncoder();
  const wire = (list: RunStatement[]): WireStatement[] => list.map((s) => ({ sql: s.sql, bytes: encoder.encode(s.json) }));
  const waiting = new Map<number, { resolve(r: ApplyReply): void; reject(err: Error): void }>();
  let stopped: (() => void) | null = null;
  let gone: Error | null = null;
  const failAll = (err: Error) => {
    gone ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    stopped?.();
  };
  worker.on('message', (m: ApplyReply | { stopped: true }) => {
    if ('stopped' in m) return stopped?.();
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    w?.resolve(m);
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`the applying thread stopped (exit ${code})`)));
  return {
    apply: (job) =>
      new Promise<ApplyReply>((resolve, reject) => {
        if (gone) return reject(gone);
        const id = next++;
        waiting.set(id, { resolve, reject });
        const message: WireJob = { ...job, id, statements: wire(job.statements), checks: wire(job.checks) };
        // the bytes are moved, not copied: cloning megabytes of text cost the service's thread more than encoding them
        worker.postMessage(
          message,
          [...message.statements, ...message.checks].map((s) => s.bytes.buffer as ArrayBuffer),
        );
      }),
    close: async () => {
      if (!gone) {
        await new Promise<void>((resolve) => {
          stopped = resolve;
          worker.postMessage({ stop: true });
        });
      }
      await worker.terminate();
    },
  };
}
