// The documents a desk wrote while catching up with its team, and long texts (search_deferred,
// index-sql.ts LONG_DOC), are indexed on a thread and connection of their own: an index chunk takes hundreds of milliseconds on a busy
// machine, and on the service's thread every caller history and search would wait behind it. With
// WAL the service's reads never wait for this writer; an agent's save waits at most for one chunk
// (chunks are sized from the last one's time). The same SQL as indexDeferred (store.ts).
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { bulkIndexOf } from './index-sql';

/**
 * How long one chunk may hold the file's write lock: reads do not wait for it, an agent's save does.
 * Larger chunks index faster (each leaves one full-text segment and rewrites the pair index's pages
 * once); smaller ones than 500 documents halved the speed here.
 */
export const WORKER_CHUNK_MS = 250;

export interface WorkerIndexOptions {
  nativeBinding?: string;
  onIndexed?: (indexed: number) => void;
  /** how long one chunk may hold the write lock (default WORKER_CHUNK_MS) */
  chunkMs?: number;
  /** documents in the first chunk, and the fewest in any (defaults 200 and 500: a catch-up's bulk) */
  firstChunk?: number;
  minChunk?: number;
  /** stop after about this many documents (default: until none is listed) */
  maxDocs?: number;
}

interface Job {
  file: string;
  nativeBinding?: string;
  /** bulkIndexOf over the deferred documents from $FROM on */
  indexSql: string;
  chunkMs: number;
  firstChunk: number;
  minChunk: number;
  maxDocs: number;
}

/** Runs in the worker, sent as source text: self-contained. Posts { indexed } after each chunk. */
function indexAll(Sqlite: typeof Database, job: Job, post: (m: { indexed: number }) => void): void {
  const db = new Sqlite(job.file, job.nativeBinding ? { nativeBinding: job.nativeBinding } : {});
  try {
    db.pragma('busy_timeout = 5000');
    // as the service's connection: freed space zeroed (an erased caller's text does not linger)
    db.pragma('secure_delete = ON');
    // only index pages: a power cut may lose the latest chunk and its removal from the list together
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -65536');
    const newest = db.prepare('SELECT doc FROM search_deferred ORDER BY doc DESC LIMIT ?').pluck();
    const done = db.prepare('DELETE FROM search_deferred WHERE doc >= ?');
    let indexed = 0;
    for (let chunk = job.firstChunk; ;) {
      const started = performance.now();
      const n = db
        .transaction(() => {
          const docs = newest.all(chunk) as number[];
          if (docs.length === 0) return 0;
          const from = Math.trunc(docs.at(-1)!);
          db.exec(job.indexSql.replaceAll('$FROM', String(from)));
          done.run(from);
          return docs.length;
        })
        .immediate();
      if (n === 0) return;
      post({ indexed: (indexed += n) });
      if (indexed >= job.maxDocs) return;
      chunk = Math.max(job.minChunk, Math.min(5000, Math.round((n * job.chunkMs) / Math.max(1, performance.now() - started))));
    }
  } finally {
    db.close();
  }
}

const held = new Map<string, number>();

/**
 * While a catch-up applies (sync/engine.ts), the passes the search indexer's kicks start wait: they
 * would index the pulled documents in small chunks beside the catch-up's writes. The catch-up runs
 * its own pass when its calls are in. Returns the release.
 */
export function holdIndexing(file: string): () => void {
  held.set(file, (held.get(file) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = held.get(file)! - 1;
    if (n > 0) held.set(file, n);
    else held.delete(file);
  };
}

export const indexingHeld = (file: string): boolean => held.has(file);

interface Run {
  again: boolean;
  options: WorkerIndexOptions;
  listeners: Set<(indexed: number) => void>;
  done: Promise<void>;
}

/** One indexer per file at a time: two would index the same documents twice. */
const runs = new Map<string, Run>();

/**
 * Indexes every deferred document of \`file\` on a worker thread. A call while one runs for the same
 * file joins it (and makes it look again once done, for documents listed meanwhile). Rejects when
 * the worker cannot run (the caller then indexes on its own thread; what was done stays done).
 */
export function indexDeferredInWorker(file: string, options: WorkerIndexOptions = {}): Promise<void> {
  const running = runs.get(file);
  if (running) {
    running.again = true;
    // the one that asks for bigger chunks (a catch-up) decides the next pass's chunking
    running.options = {
      ...running.options,
      chunkMs: Math.max(running.options.chunkMs ?? WORKER_CHUNK_MS, options.chunkMs ?? WORKER_CHUNK_MS),
      firstChunk: Math.max(running.options.firstChunk ?? 200, options.firstChunk ?? 200),
      minChunk: Math.max(running.options.minChunk ?? 500, options.minChunk ?? 500),
      // a bounded pass only when both asked for one
      ...(running.options.maxDocs !== undefined && options.maxDocs !== undefined
        ? { maxDocs: Math.max(running.options.maxDocs, options.maxDocs) }
        : { maxDocs: undefined }),
    };
    if (options.onIndexed) running.listeners.add(options.onIndexed);
    return running.done;
  }
  const run: Run = { again: false, options, listeners: new Set(options.onIndexed ? [options.onIndexed] : []), done: Promise.resolve() };
  runs.set(file, run);
  run.done = (async () => {
    try {
      let indexed = 0;
      do {
        run.again = false;
        const before = indexed;
        await indexOnce(file, run.options, (n) => {
          indexed = before + n;
          for (const listener of run.listeners) listener(indexed);
        });
      } while (run.again);
    } finally {
      runs.delete(file);
    }
  })();
  return run.done;
}

function indexOnce(file: string, options: WorkerIndexOptions, onIndexed: (indexed: number) => void): Promise<void> {
  const job: Job = {
    file,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    indexSql: bulkIndexOf('(SELECT d.rowid AS rowid, d.body AS body FROM search_deferred q JOIN search_docs d ON d.rowid = q.doc WHERE q.doc >= $FROM)'),
    chunkMs: options.chunkMs ?? WORKER_CHUNK_MS,
    firstChunk: options.firstChunk ?? 200,
    minChunk: options.minChunk ?? 500,
    maxDocs: options.maxDocs ?? Number.MAX_SAFE_INTEGER,
  };
  const source = `
const { parentPort, workerData } = require('node:worker_threads');
const indexAll = ${indexAll.toString()};
indexAll(require(workerData.module), workerData.job, (m) => parentPort.postMessage(m));
parentPort.postMessage({ done: true });
`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { job, module: require.resolve('better-sqlite3') } });
    worker.on('message', (m: { indexed?: number; done?: boolean }) => {
      if (m.done) resolve();
      else if (m.indexed !== undefined) onIndexed(m.indexed);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the search indexer stopped early (exit ${code})`)));
  });
}
