// An erasure a lead made at another workstation, applied here (team mode). The same registry of
// locations as a local erasure (rows, events, mentions, search index) and the same recorded file
// work (backups, damaged copies, the WAL), but no new erasure record: the lead's record arrives
// with it and the file work is recorded against it. The rows change inside the transaction that
// applies the pulled batch; the file work runs once that has committed.
import type { Db } from '../db/open';
import { ErasureScope } from './locations';
import { applyLocations } from './scrub';
import { planScrubs, runPendingNow } from './scrub-jobs';

const fileOf = (db: Db) => (db.memory || !db.name ? ':memory:' : db.name);

/** Inside the caller's transaction, after erasure `erasureId` was stored: every row of this number, its mentions, and the file work owed. */
export function eraseNumberHere(db: Db, erasureId: string, phoneNorm: string, now: string): Record<string, number> {
  const customerIds = db.prepare('SELECT id FROM customers WHERE phone_norm = ?').pluck().all(phoneNorm) as string[];
  const scope: ErasureScope = { kind: 'customer', phoneNorm, customerIds };
  db.pragma('secure_delete = ON');
  const counts = applyLocations(db, scope, now);
  planScrubs(db, erasureId, fileOf(db), scope);
  return counts;
}

/** After the transaction: the recorded file work (a crash before it leaves it pending for the next start). */
export function runRemoteScrubs(db: Db, now: string, nativeBinding?: string): void {
  runPendingNow(db, fileOf(db), now, nativeBinding);
}
