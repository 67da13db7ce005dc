// The erasure's background work on a thread of its own (bundled to scrub-worker.js beside the
// entry points by build/scripts/bundle.mjs): scrubbing a backup or damaged copy (migrate, erase,
// VACUUM, integrity_check: seconds on a large file), the live file's mention scan and search index
// rewrite (in short slices through this thread's own connection) and truncating its WAL. The
// service's thread only records the outcome, so agents' saves are answered meanwhile.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { runFileJob, type FileJob, type FileJobReply } from './scrub-jobs';
import type { SliceOptions } from './live-jobs';

const data = (workerData ?? {}) as { nativeBinding?: string; slice?: SliceOptions };

parentPort?.on('message', (message: { id: number; job: FileJob }) => {
  // one job at a time: the runner sends the next only after this reply
  void runFileJob(Database, message.job, {
    ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
    ...(data.slice ? { slice: data.slice } : {}),
    onSlice: (kind) => parentPort?.postMessage({ id: message.id, slice: kind } satisfies FileJobReply),
  })
    .then(
      (finished): FileJobReply => ({ id: message.id, ok: true, finished }),
      (err: unknown): FileJobReply => ({ id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    )
    .then((reply) => parentPort?.postMessage(reply));
});
