// The erasure's file work on a thread of its own (bundled to scrub-worker.js beside the entry
// points by build/scripts/bundle.mjs): scrubbing a backup or damaged copy (migrate, erase,
// VACUUM, integrity_check: seconds on a large file) and truncating the live file's WAL. The
// service's thread only records the outcome, so agents' saves are answered meanwhile.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { runFileJob, type FileJob, type FileJobReply } from './scrub-jobs';

const nativeBinding = (workerData as { nativeBinding?: string } | null)?.nativeBinding;

parentPort?.on('message', (message: { id: number; job: FileJob }) => {
  let reply: FileJobReply;
  try {
    reply = { id: message.id, ok: true, finished: runFileJob(Database, message.job, nativeBinding) };
  } catch (err) {
    reply = { id: message.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
