// An erasure a lead made at another workstation, applied here (team mode). The same registry of
// locations as a local erasure (rows, events, mentions, search index), but no new erasure record:
// the lead's record arrives with it. Split in two because the rows change inside the transaction
// that applies the pulled batch, while the file scrub (VACUUM) and the backups can only follow
// once it has committed.
import type { Db } from '../db/open';
import { ErasureScope } from './locations';
import { applyLocations, damagedCopies, scrubBackups, scrubCopies, scrubFile } from './scrub';

/** Inside the caller's transaction: every row of this number, and its mentions in free text. */
export function eraseNumberHere(db: Db, phoneNorm: string, now: string): { scope: ErasureScope; counts: Record<string, number> } {
  const customerIds = db.prepare('SELECT id FROM customers WHERE phone_norm = ?').pluck().all(phoneNorm) as string[];
  const scope: ErasureScope = { kind: 'customer', phoneNorm, customerIds };
  db.pragma('secure_delete = ON');
  return { scope, counts: applyLocations(db, scope, now) };
}

/** After the transaction: the backups and damaged copies beside the file, then the file itself. */
export function scrubAfterRemoteErasure(db: Db, scopes: ErasureScope[], now: string, nativeBinding?: string): { backups: number; failed: string[] } {
  let backups = 0;
  const failed: string[] = [];
  const file = db.name;
  if (file && file !== ':memory:' && !db.memory) {
    for (const scope of scopes) {
      const b = scrubBackups(file, scope, now, nativeBinding);
      const d = scrubCopies(damagedCopies(file), scope, now, nativeBinding);
      backups = Math.max(backups, b.scrubbed);
      failed.push(...b.failed, ...d.failed);
    }
  }
  scrubFile(db);
  return { backups, failed };
}
