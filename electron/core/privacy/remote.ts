// An erasure a lead made at another workstation, applied here (team mode). The same registry of
// locations as a local erasure (rows, events, mentions, search index) and the same recorded file
// work (backups, damaged copies, the WAL), but no new erasure record: the lead's record arrives
// with it and the file work is recorded against it. The rows change inside the transaction that
// applies the pulled batch; the file work runs once that has committed.
import type { Db } from '../db/open';
import { ErasureScope } from './locations';
import { applyLocations } from './scrub';
import { deferrable, planScrubs, runPendingNow, type ScrubRunner } from './scrub-jobs';

const fileOf = (db: Db) => (db.memory || !db.name ? ':memory:' : db.name);

/** Inside the caller's transaction, after erasure `erasureId` was stored: every row of this number, its mentions, and the file work owed. */
export function eraseNumberHere(db: Db, erasureId: string, phoneNorm: string, now: string): Record<string, number> {
  const customerIds = db.prepare('SELECT id FROM customers WHERE phone_norm = ?').pluck().all(phoneNorm) as string[];
  const scope: ErasureScope = { kind: 'customer', phoneNorm, customerIds };
  db.pragma('secure_delete = ON');
  // the mentions in this transaction, as before (they are other desks' records, changed here only);
  // the search index rewrite and the files are jobs, done off this thread once it has committed
  const defer = deferrable(fileOf(db), { mentions: false });
  const counts = applyLocations(db, scope, now, { defer });
  planScrubs(db, erasureId, fileOf(db), scope, defer);
  return counts;
}

/**
 * After the transaction: the recorded work (a crash before it leaves it pending for the next
 * start). With the service's runner it is done there, off this thread, like a local erasure's;
 * without one (a command-line sync) before this returns.
 */
export function runRemoteScrubs(db: Db, now: string, { nativeBinding, scrubs }: { nativeBinding?: string; scrubs?: ScrubRunner } = {}): void {
  if (scrubs) scrubs.kick();
  else runPendingNow(db, fileOf(db), now, nativeBinding);
}
