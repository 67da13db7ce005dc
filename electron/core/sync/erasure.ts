// Erasure everywhere (team mode). A lead's erasure is sent as an erasure change that names the
// records it covered by id (never the number); the server's own erasure (team.erase_phone, run when
// the lead's desk pushes it) redacts the server's copies and adds what it found there; every other
// desk finds its copies by those ids, learns the number from them and runs the same local erasure
// (rows, events, mentions, search index, backups), also when it comes back after being offline.
// Records a desk took for the person while offline, which no one else has seen, are found by
// checking their numbers against the erasure's salted proof (privacy/records.ts).
import type Database from 'better-sqlite3';
import type { Db } from '../db/open';
import type { Clock } from '../infra/clock';
import type { Agent } from '../../../shared/schemas/agent';
import type { ErasureRecord } from '../../../shared/contract/privacy';
import { eraseCustomer, type EraseOptions } from '../privacy/erase';
import { eraseNumberHere, runRemoteScrubs } from '../privacy/remote';
import { runnerOf } from '../privacy/scrub-jobs';
import { proofMatches } from '../privacy/records';
import { ERASED, eraseCallEventData, eraseEventData } from '../privacy/locations';
import { records } from '../db/records';
import { normalisePhone } from '../../../shared/domain/phone';

export interface ErasedRef {
  kind: string;
  ref: string;
  /** the person's own record (false: a record that only mentioned the number) */
  own: boolean;
}

/** Tables whose changes an erasure may touch, and how a changed row names the person. */
const watched: { table: string; own: string }[] = [
  { table: 'calls', own: 'OLD.phone_norm = @p' },
  { table: 'customers', own: 'OLD.phone_norm = @p' },
  { table: 'callbacks', own: 'OLD.phone_norm = @p' },
  { table: 'complaints', own: 'OLD.phone_norm = @p' },
  { table: 'call_events', own: "OLD.call_id IN (SELECT ref FROM temp.cc_erase_touched WHERE kind = 'calls' AND own)" },
  { table: 'complaint_events', own: "OLD.complaint_id IN (SELECT ref FROM temp.cc_erase_touched WHERE kind = 'complaints' AND own)" },
];

const teamOn = (db: Db) => (db.prepare('SELECT mode FROM sync_state').pluck().get() as number) === 1;

/**
 * The lead's erasure (privacy.eraseCustomer) in team mode: the local erasure as always, and what the
 * push needs to run the server's erasure later (the desk may be offline now): the records it changed
 * and, until that push, the number. Rewritten events are queued again so that the server, whose
 * copies the erasure redacts, keeps their erased version (the complaint register's counts stay, R4).
 */
export function eraseCustomerInTeam(db: Db, clock: Clock, input: { phone: string; reason: string }, agent: Agent | null, options: EraseOptions): ErasureRecord {
  if (!teamOn(db)) return eraseCustomer(db, clock, input, agent, options);
  const phoneNorm = normalisePhone(input.phone);
  db.exec('CREATE TEMP TABLE IF NOT EXISTS cc_erase_touched (kind TEXT NOT NULL, ref TEXT NOT NULL, own INTEGER NOT NULL, PRIMARY KEY (kind, ref))');
  db.exec('DELETE FROM temp.cc_erase_touched');
  // customers first: calls name the card by id
  // the person's own records, known before the erasure blanks the numbers they are found by (the
  // registry rewrites events before their call or complaint)
  db.prepare(
    `INSERT OR IGNORE INTO temp.cc_erase_touched (kind, ref, own)
     SELECT 'customers', id, 1 FROM customers WHERE phone_norm = @p
     UNION ALL SELECT 'calls', id, 1 FROM calls WHERE phone_norm = @p OR customer_id IN (SELECT id FROM customers WHERE phone_norm = @p)
     UNION ALL SELECT 'callbacks', id, 1 FROM callbacks WHERE phone_norm = @p OR customer_id IN (SELECT id FROM customers WHERE phone_norm = @p)
     UNION ALL SELECT 'complaints', id, 1 FROM complaints WHERE phone_norm = @p OR customer_id IN (SELECT id FROM customers WHERE phone_norm = @p)
       OR call_id IN (SELECT id FROM calls WHERE phone_norm = @p)`,
  ).run({ p: phoneNorm });
  const quoted = `'${phoneNorm.replace(/'/g, "''")}'`;
  const names: string[] = [];
  for (const { table, own } of watched) {
    for (const event of ['UPDATE', 'DELETE']) {
      const name = `cc_erase_${table}_${event.toLowerCase()}`;
      names.push(name);
      db.exec(`CREATE TEMP TRIGGER ${name} AFTER ${event} ON main.${table} BEGIN
        INSERT INTO temp.cc_erase_touched (kind, ref, own) VALUES ('${table}', OLD.id, (${own.replaceAll('@p', quoted)}) IS 1)
          ON CONFLICT (kind, ref) DO UPDATE SET own = max(own, excluded.own);
      END`);
    }
  }
  let record: ErasureRecord;
  try {
    // the mention scan stays in the transaction: the triggers above collect what it changes
    record = eraseCustomer(db, clock, input, agent, { ...options, mentionsNow: true });
  } finally {
    for (const name of names) db.exec(`DROP TRIGGER IF EXISTS temp.${name}`);
  }
  const touched = (db.prepare('SELECT kind, ref, own FROM temp.cc_erase_touched ORDER BY kind, ref').all() as { kind: string; ref: string; own: number }[]).map(
    (t): ErasedRef => ({ kind: t.kind, ref: t.ref, own: t.own === 1 }),
  );
  db.exec('DELETE FROM temp.cc_erase_touched');
  db.transaction(() => {
    db.prepare('INSERT OR IGNORE INTO sync_erasure_out (erasure_id, phone_norm, refs) VALUES (?, ?, ?)').run(record.id, phoneNorm, JSON.stringify(touched));
    rememberErased(db, touched);
    // events are append-only and so not re-sent by the outbox triggers: their erased version must travel
    const requeue = db.prepare('INSERT INTO sync_outbox (kind, ref) VALUES (?, ?) ON CONFLICT (kind, ref) DO UPDATE SET ver = ver + 1, change_id = NULL');
    for (const t of touched) if (t.kind === 'call_events' || t.kind === 'complaint_events') requeue.run(t.kind, t.ref);
  })();
  return record;
}

function rememberErased(db: Db, refs: ErasedRef[]): void {
  const add = db.prepare('INSERT OR IGNORE INTO sync_erased_refs (kind, ref) VALUES (?, ?)');
  for (const r of refs) if (r.own) add.run(r.kind, r.ref);
}

/** The erasure change's extra part: the records it covered (from this desk; the server adds its own). */
export function outgoingErasure(db: Db, erasureId: string): { refs: ErasedRef[]; phoneNorm: string | null } {
  const row = db.prepare('SELECT phone_norm, refs FROM sync_erasure_out WHERE erasure_id = ?').get(erasureId) as
    { phone_norm: string; refs: string } | undefined;
  return row ? { refs: JSON.parse(row.refs) as ErasedRef[], phoneNorm: row.phone_norm } : { refs: [], phoneNorm: null };
}

/** Once the server ran its erasure (or the change went out without it): the number leaves this desk too. */
export function forgetOutgoingErasure(db: Db, erasureId: string): void {
  db.pragma('secure_delete = ON');
  if (db.prepare('DELETE FROM sync_erasure_out WHERE erasure_id = ?').run(erasureId).changes === 0) return;
  // the WAL still holds the page as it was: copy the zeroed page back and empty it
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Desks whose applied erasures left file work to do once the apply has committed. */
const owed = new WeakMap<Db, string>();

const phoneOf: Record<string, string> = {
  calls: 'SELECT phone_norm FROM calls WHERE id = ?',
  customers: 'SELECT phone_norm FROM customers WHERE id = ?',
  callbacks: 'SELECT phone_norm FROM callbacks WHERE id = ?',
  complaints: 'SELECT phone_norm FROM complaints WHERE id = ?',
  call_events: 'SELECT c.phone_norm FROM calls c JOIN call_events e ON e.call_id = c.id WHERE e.id = ?',
  complaint_events: 'SELECT c.phone_norm FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id WHERE e.id = ?',
};

/**
 * Numbers of records this desk has not sent yet: the only ones no other desk could have named.
 * Each is checked against the salted proof (tens of milliseconds each), so at most 200.
 */
function pendingNumbers(db: Db): string[] {
  return db
    .prepare(
      `SELECT DISTINCT n FROM (
         SELECT c.phone_norm AS n FROM sync_outbox o JOIN calls c ON o.kind = 'calls' AND c.id = o.ref
         UNION SELECT c.phone_norm FROM sync_outbox o JOIN customers c ON o.kind = 'customers' AND c.id = o.ref
         UNION SELECT c.phone_norm FROM sync_outbox o JOIN callbacks c ON o.kind = 'callbacks' AND c.id = o.ref
         UNION SELECT c.phone_norm FROM sync_outbox o JOIN complaint_events e ON o.kind = 'complaint_events' AND e.id = o.ref
                 JOIN complaints c ON c.id = e.complaint_id)
       WHERE length(n) >= 3 LIMIT 200`,
    )
    .pluck()
    .all() as string[];
}

/**
 * Applies a pulled erasure change inside the batch's transaction. The erasure record itself is
 * stored by the caller; this finds the person's numbers through the records named by id (and the
 * proof, for records not sent yet) and erases them here. Returns how many numbers were erased.
 */
export function applyErasure(db: Db, body: Record<string, unknown>, now: string): number {
  const refs = Array.isArray(body.refs) ? (body.refs as ErasedRef[]) : [];
  const row = (body.row ?? {}) as { phone_proof?: string | null; kind?: string };
  const numbers = new Set<string>();
  for (const r of refs) {
    if (!r.own || !phoneOf[r.kind]) continue;
    const n = db.prepare(phoneOf[r.kind]!).pluck().get(r.ref) as string | undefined;
    if (n && n.length >= 3) numbers.add(n);
  }
  if (row.phone_proof) {
    for (const n of pendingNumbers(db)) if (!numbers.has(n) && proofMatches(n, row.phone_proof)) numbers.add(n);
  }
  rememberErased(db, refs);
  const erasureId = String((body.row as { id?: unknown } | undefined)?.id ?? '');
  for (const n of numbers) {
    // what this desk holds of the person, by id: a later version pulled from an offline desk is redacted on arrival
    for (const table of ['calls', 'callbacks', 'complaints'])
      for (const id of db.prepare(`SELECT id FROM ${table} WHERE phone_norm = ?`).pluck().all(n) as string[])
        db.prepare('INSERT OR IGNORE INTO sync_erased_refs (kind, ref) VALUES (?, ?)').run(table, id);
    eraseNumberHere(db, erasureId, n, now);
  }
  if (numbers.size > 0) owed.set(db, now);
  return numbers.size;
}

/**
 * After the apply committed: the search index, the backups and damaged copies beside the file, and
 * its WAL (recorded, crash-safe). In the app the service's runner does them on its worker thread,
 * so the sync (on the service's thread) goes on at once; a command-line sync does them before it
 * returns.
 */
export function finishErasures(db: Db, nativeBinding?: string): void {
  const at = owed.get(db);
  if (at === undefined) return;
  owed.delete(db);
  const scrubs = runnerOf(db);
  runRemoteScrubs(db, at, { ...(nativeBinding ? { nativeBinding } : {}), ...(scrubs ? { scrubs } : {}) });
}

const statements = new WeakMap<Db, Database.Statement<unknown[]>>();

/** Whether a pulled record belongs to a person erased in the team (a late version from a desk that was offline). */
function isErased(db: Db, kind: string, row: Record<string, unknown>): boolean {
  let s = statements.get(db);
  if (!s) statements.set(db, (s = db.prepare<unknown[]>('SELECT 1 FROM sync_erased_refs WHERE kind = ? AND ref = ?')));
  switch (kind) {
    case 'calls':
    case 'callbacks':
    case 'customers':
      return s.get(kind, row.id) !== undefined;
    case 'call_events':
      return s.get('calls', row.call_id) !== undefined;
    case 'complaint_events':
      return s.get('complaints', row.complaint_id) !== undefined;
    default:
      return false;
  }
}

/**
 * A pulled record of an erased person is applied without the person's data (a desk that was
 * offline when the erasure was made, running an older version, may still send one). Customer cards
 * are dropped (null); calls and callbacks get the erased columns; events are rewritten the same way
 * the erasure rewrites them.
 */
export function redactIfErased(db: Db, kind: string, row: Record<string, unknown>, now: string): Record<string, unknown> | null {
  if (!isErased(db, kind, row)) return row;
  if (kind === 'customers') return null;
  if (kind === 'call_events' || kind === 'complaint_events') {
    const data = JSON.parse(String(row.data ?? '{}')) as Record<string, unknown>;
    const erased = kind === 'call_events' ? eraseCallEventData(String(row.kind), data) : eraseEventData(String(row.kind), data);
    return { ...row, data: JSON.stringify(erased) };
  }
  const out: Record<string, unknown> = { ...row };
  for (const [column, decl] of Object.entries(records[kind] ?? {})) {
    if (!decl.uses.includes('personal') || !(column in out)) continue;
    if (decl.erase === 'blank') out[column] = out[column] ? ERASED : '';
    else if (decl.erase === 'empty') out[column] = '';
    else if (decl.erase === 'null') out[column] = null;
  }
  const local = db.prepare(`SELECT erased_at FROM ${kind} WHERE id = ?`).pluck().get(row.id) as string | null | undefined;
  out.erased_at = local ?? (row.erased_at as string | null) ?? now;
  return out;
}
