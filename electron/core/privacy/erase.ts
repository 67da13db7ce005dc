import type { Db } from '../db/open';
import { tableExists } from '../db/tables';
import type { Clock } from '../infra/clock';
import { normalisePhone } from '../../../shared/domain/phone';
import { phoneRegion } from '../settings/phone-region';
import { cardsOfNumber } from '../customers/store';
import { AppError } from '../../../shared/errors';
import type { Agent } from '../../../shared/schemas/agent';
import type { CustomerLookup, ErasureRecord } from '../../../shared/contract/privacy';

import { ErasureScope, personalDataLocations } from './locations';
import { scrubReason } from './mentions';
import { applyLocations } from './scrub';
import { deferrable, planScrubs, runPendingNow, type ScrubRunner } from './scrub-jobs';
import { erasuresOfPhone, getErasure, recordErasure } from './records';

// ─── lookup and erase ──────────────────────────────────────────────────────────────────────
interface CustomerRow {
  id: string;
  phone: string;
  name: string;
  region: string;
  address: string;
  created_at: string;
  updated_at: string;
}

export function findCustomer(db: Db, typed: string): CustomerLookup {
  const phoneNorm = normalisePhone(typed, phoneRegion(db));
  const row = db.prepare('SELECT * FROM customers WHERE phone_norm = ?').get(phoneNorm) as CustomerRow | undefined;
  const calls = db
    .prepare(
      `SELECT count(*) AS n, max(created_at) AS last FROM calls
       WHERE erased_at IS NULL AND (phone_norm = ? OR customer_id = ?)`,
    )
    .get(phoneNorm, row?.id ?? null) as { n: number; last: string | null };
  const count = (table: string, extra = '') =>
    tableExists(db, table)
      ? (db
          .prepare(`SELECT count(*) FROM ${table} WHERE erased_at IS NULL AND (phone_norm = ? OR customer_id = ?${extra})`)
          .pluck()
          .get(phoneNorm, row?.id ?? null) as number)
      : 0;
  const names = db
    .prepare(
      `SELECT caller_name FROM calls WHERE erased_at IS NULL AND (phone_norm = ? OR customer_id = ?) AND caller_name <> ''
       GROUP BY caller_name ORDER BY max(created_at) DESC LIMIT 5`,
    )
    .pluck()
    .all(phoneNorm, row?.id ?? null) as string[];
  return {
    names,
    complaints: count('complaints'),
    callbacks: count('callbacks'),
    customer: row
      ? { id: row.id, phone: row.phone, name: row.name, region: row.region, address: row.address, createdAt: row.created_at, updatedAt: row.updated_at }
      : null,
    calls: calls.n,
    lastCallAt: calls.last,
  };
}

export interface EraseOptions {
  /** the database file, for its backups, damaged copies and WAL; ':memory:' has none */
  dbFile: string;
  nativeBinding?: string;
  /**
   * the service's background runner (ServiceContext.scrubs): the file work is recorded with the
   * erasure and done by it off the service's thread. Without one the work is done before this
   * returns, on the caller's thread (a caller outside the service).
   */
  scrubs?: ScrubRunner;
  /**
   * scan other records for mentions inside the erasure's transaction instead of in the background
   * (team mode: the records it changes are collected there for the push)
   */
  mentionsNow?: boolean;
  /** the number's salted proof, computed off the thread beforehand (records.ts phoneProofAsync) */
  proof?: { phoneNorm: string; proof: string };
}

/**
 * Erases one customer's personal data: the person's rows and search documents (one transaction,
 * on this thread: atomic, and fast because every row is found through an index) and, recorded in
 * that same transaction, the work still owed, which runs afterwards in the background: other
 * records' mentions of the number and the search index rewrite (both scan or rewrite the whole
 * file), then the backups, damaged copies and the WAL. The answer's `files` says what is still
 * pending. Erasing a number twice returns the earlier record.
 */
export function eraseCustomer(db: Db, clock: Clock, input: { phone: string; reason: string }, agent: Agent | null, options: EraseOptions): ErasureRecord {
  const phoneNorm = normalisePhone(input.phone, phoneRegion(db));
  const now = clock.now().toISOString();
  // the number's card, cards a lead kept apart from it, half-typed cards of it (customers/store.ts)
  const customerIds = cardsOfNumber(db, phoneNorm);
  const scope: ErasureScope = { kind: 'customer', phoneNorm, customerIds };
  db.pragma('secure_delete = ON');
  let defer = deferrable(options.dbFile, { mentions: !options.mentionsNow });
  const id = db.transaction(() => {
    let counts = applyLocations(db, scope, now, { defer });
    const earlier = Object.values(counts).every((n) => n === 0) ? erasuresOfPhone(db, input.phone)[0] : undefined;
    if (Object.values(counts).every((n) => n === 0) && !earlier && defer.includes('mentions')) {
      // nothing of the person's own: the number may still be written in other records, and
      // whether it is decides between an erasure and not_found, so they are scanned now
      defer = deferrable(options.dbFile, { mentions: false });
      counts = { ...counts, ...applyLocations(db, scope, now, { locations: personalDataLocations.filter((l) => l.background === 'mentions') }) };
    }
    if (Object.values(counts).every((n) => n === 0)) {
      // erasing twice is safe: the earlier erasure is the answer
      if (earlier) return earlier.id;
      throw new AppError('not_found', 'No customer card, call or note holds this phone number', {
        fields: [{ path: 'phone', code: 'not_found', message: 'no personal data with this number' }],
      });
    }
    const proof = options.proof?.phoneNorm === phoneNorm ? { proof: options.proof.proof } : {};
    const erasureId = recordErasure(db, { at: now, kind: 'request', agent, reason: scrubReason(input.reason), phoneNorm, counts, ...proof });
    // before any file is touched: a crash from here on leaves jobs that the next start finishes
    planScrubs(db, erasureId, options.dbFile, scope, defer);
    return erasureId;
  })();
  if (options.scrubs) options.scrubs.kick();
  else runPendingNow(db, options.dbFile, now, options.nativeBinding);
  return getErasure(db, id, options.scrubs?.cleaningNow() ?? null);
}
