// C5: a long text (index-sql.ts LONG_DOC) is listed in search_deferred by the action that wrote it,
// which answers without indexing it. A moment after the service's calls the indexer thread
// (index-worker.ts) indexes whatever is listed, in small chunks so an agent's save waits for at most
// one of them. A search indexes the few still listed itself before it reads (store.ts), so a text
// is never missing from a search meanwhile.
import type { Db } from '../db/open';
import { indexDeferredInWorker, indexingHeld } from './index-worker';
import { cached } from '../db/statements';
import { indexDeferred } from './store';

export interface SearchIndexer {
  /** something may have been listed: look in a moment (cheap; call it after every service call) */
  kick(): void;
  /** resolves once nothing is scheduled or running (tests, shutdown) */
  idle(): Promise<void>;
  stop(): void;
}

export interface SearchIndexerOptions {
  dbFile: string;
  nativeBinding?: string;
  /** wait after a kick, so a burst of notes is indexed together (default 1,000 ms) */
  delayMs?: number;
  onError?: (err: unknown) => void;
}

/** how long one chunk may keep an agent's save waiting */
const CHUNK_MS = 50;
/** more listed than this is a catch-up's worth (or one left by a closed app): indexed in bulk */
const FEW = 1000;

export function createSearchIndexer(db: Db, options: SearchIndexerOptions): SearchIndexer {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = options.dbFile === ':memory:';
  const waiting = () =>
    db.open
      ? (cached(db, `SELECT count(*) FROM (SELECT 1 FROM search_deferred LIMIT ${FEW + 1})`)
          .pluck()
          .get() as number)
      : 0;

  const run = () => {
    timer = null;
    // a catch-up applying: it indexes its documents itself once its calls are in
    if (stopped || running || indexingHeld(options.dbFile)) return;
    const listed = waiting();
    if (listed === 0) return;
    running = indexDeferredInWorker(options.dbFile, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      // a few long notes: small chunks, an agent's save waits little; a catch-up's worth: in bulk
      ...(listed <= FEW ? { chunkMs: CHUNK_MS, firstChunk: 10, minChunk: 1, maxDocs: FEW } : {}),
    })
      .catch((err: unknown) => {
        options.onError?.(err);
        // no thread for it here: a chunk on the service's thread, so the list still shrinks
        if (!stopped && db.open) indexDeferred(db, 20);
      })
      .finally(() => {
        running = null;
      });
  };

  return {
    kick() {
      if (stopped || timer) return;
      timer = setTimeout(run, options.delayMs ?? 1000);
      timer.unref();
    },
    async idle() {
      while (timer || running) {
        if (running) await running;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
