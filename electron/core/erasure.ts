// Customer erasure on request (issue 6, item 3): a customer's personal data is removed or
// anonymised everywhere it is kept, the database file itself is scrubbed (secure_delete is on,
// the WAL is checkpointed and truncated, the file is vacuumed), the backups beside it are scrubbed
// the same way, and the erasure itself is recorded in `erasures` without the number in clear.
//
// Invariant: every table that holds a customer's personal data has an entry in
// `personalDataLocations`. A feature that adds such a table (complaints, complaint events, the
// full-text index, callbacks, …) adds ONE entry there; the erasure and retention tests then cover it.
import Database from 'better-sqlite3';
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Db } from './db/open';
import type { Clock } from './clock';
import { newId } from './ids';
import { listBackups } from './db/backup';
import { migrate } from './db/migrate';
import { flushPendingCalls } from './search';
import { normalisePhone } from '../../shared/domain/phone';
import { AppError } from '../../shared/errors';
import type { Agent } from '../../shared/schemas/agent';
import type { CustomerLookup, ErasureRecord, privacyContract } from '../../shared/contract/privacy';
import type { DomainHandlers, ServiceContext } from './service';
import { requireLead } from './agents';

import { ERASED } from '../../shared/domain/erasure';

export { ERASED };
const erasedLiteral = `'${ERASED}'`;
/** free text becomes the marker, an empty field stays empty */
const blankText = (column: string) => `CASE WHEN ${column} <> '' THEN ${erasedLiteral} ELSE '' END`;

/** Which rows an erasure touches: one customer's, or everything older than a cut-off (retention). */
export type ErasureScope =
  | { kind: 'customer'; phoneNorm: string; customerIds: string[] }
  | { kind: 'expired'; cutoff: string };

export interface PersonalDataLocation {
  /** the key in the erasure record's counts */
  name: string;
  table: string;
  /** WHERE fragment selecting one customer's rows; parameters @phoneNorm and @customerIds (a JSON array) */
  customerRows: string;
  /** WHERE fragment selecting rows past retention; parameter @cutoff (UTC ISO) */
  expiredRows: string;
  /** column -> SQL expression (parameter @now available); or 'delete' to remove the rows */
  change: Record<string, string> | 'delete';
  /** a step run after the rows are changed, e.g. merging a full-text index so old terms are gone */
  after?: (db: Db, scope: ErasureScope) => void;
  /** instead of `change`: changes the rows selected by `where` itself and returns how many */
  run?: (db: Db, where: string, params: Record<string, unknown>) => number;
}

// ─── THE REGISTRY ──────────────────────────────────────────────────────────────────────────
// Order matters: rows that reference a customer card come before the card itself.
//
// A new table that holds a caller's personal data gets an entry here (the registry test in
// test/unit/resilience/erasure-registry.test.ts fails until it does). Append-only history
// (complaint_events, C5) is rewritten only here: erasure is the one sanctioned rewrite of it.

// Complaint events (C5, append-only): their JSON keeps what the complaint said at each step. The
// same fields as in the complaint row are replaced the same way, so folding the events still
// gives the (erased) complaint row.
const personalEventKeys = new Set([
  'customerName', 'phone', 'matter', 'wants', 'text', 'reason', 'why',
  'faultTime', 'faultPlace', 'faultSymptom', 'faultPlan', 'faultCause', 'faultImpact', 'faultHandling', 'faultActions',
]);
const personalEditedFields = new Set([...personalEventKeys, 'result']);

export function eraseEventData(kind: string, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  const blank = (v: unknown) => (typeof v === 'string' && v !== '' ? ERASED : v);
  for (const key of Object.keys(out)) if (personalEventKeys.has(key)) out[key] = blank(out[key]);
  if ('phoneNorm' in out) out.phoneNorm = '';
  if ('customerId' in out) out.customerId = null;
  if (kind === 'result' || (kind === 'edit' && personalEditedFields.has(String(out.field)))) {
    out.from = out.field === 'phoneNorm' ? '' : blank(out.from);
    out.to = out.field === 'phoneNorm' ? '' : blank(out.to);
  }
  return out;
}

// Call events (P8, P10, amendments; append-only): reasons, transfer gists and amended values.
const personalCallFields = new Set(['callerName', 'phone', 'address', 'subject', 'details', 'wants', 'nextStep']);

export function eraseCallEventData(_kind: string, data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  const blank = (v: unknown) => (typeof v === 'string' && v !== '' ? ERASED : v);
  for (const key of ['reason', 'gist', 'text', 'note']) if (key in out) out[key] = blank(out[key]);
  if (out.changes && typeof out.changes === 'object') {
    const changes: Record<string, unknown> = {};
    for (const [field, change] of Object.entries(out.changes as Record<string, { from?: unknown; to?: unknown }>)) {
      changes[field] = personalCallFields.has(field) && change && typeof change === 'object' ? { ...change, from: blank(change.from), to: blank(change.to) } : change;
    }
    out.changes = changes;
  }
  return out;
}

/**
 * Rewrites the JSON `data` of an append-only event table for the rows `where` selects. Its
 * append-only guards (triggers that RAISE) stand aside for this one rewrite, inside the erasure's
 * transaction, and are put back exactly as they were.
 */
function rewriteEvents(table: string, erase: (kind: string, data: Record<string, unknown>) => Record<string, unknown>) {
  return (db: Db, where: string, params: Record<string, unknown>): number => {
    const rows = db.prepare(`SELECT id, kind, data FROM "${table}" WHERE ${where}`).all(params) as { id: string; kind: string; data: string }[];
    if (rows.length === 0) return 0;
    const guards = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '%RAISE%'")
      .all(table) as { name: string; sql: string }[];
    for (const g of guards) db.exec(`DROP TRIGGER "${g.name}"`);
    const update = db.prepare(`UPDATE "${table}" SET data = ? WHERE id = ?`);
    for (const r of rows) update.run(JSON.stringify(erase(r.kind, JSON.parse(r.data) as Record<string, unknown>)), r.id);
    for (const g of guards) db.exec(g.sql);
    return rows.length;
  };
}

export const personalDataLocations: PersonalDataLocation[] = [
  {
    // before the complaints: they are found through the complaint's number, which is erased next
    name: 'complaintEvents',
    table: 'complaint_events',
    customerRows: "complaint_id IN (SELECT id FROM complaints WHERE erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)) OR call_id IN (SELECT id FROM calls WHERE phone_norm = @phoneNorm)))",
    expiredRows: "complaint_id IN (SELECT id FROM complaints WHERE (erased_at IS NULL AND status = 'closed' AND coalesce(closed_at, created_at) < @cutoff))",
    change: {},
    run: rewriteEvents('complaint_events', eraseEventData),
  },
  {
    name: 'complaints',
    table: 'complaints',
    customerRows: "erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)) OR call_id IN (SELECT id FROM calls WHERE phone_norm = @phoneNorm))",
    expiredRows: "(erased_at IS NULL AND status = 'closed' AND coalesce(closed_at, created_at) < @cutoff)",
    change: {
      customer_name: blankText('customer_name'),
      phone: blankText('phone'),
      phone_norm: "''",
      matter: blankText('matter'),
      wants: blankText('wants'),
      result: blankText('result'),
      fault_time: blankText('fault_time'),
      fault_place: blankText('fault_place'),
      fault_symptom: blankText('fault_symptom'),
      fault_plan: blankText('fault_plan'),
      fault_cause: blankText('fault_cause'),
      fault_impact: blankText('fault_impact'),
      fault_handling: blankText('fault_handling'),
      fault_actions: blankText('fault_actions'),
      customer_id: 'NULL',
      erased_at: '@now',
      // kept: number, category, severity, status, owner, times: the register's counts stay exact
    },
  },
  {
    name: 'callbacks',
    table: 'callbacks',
    customerRows: 'erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)))',
    expiredRows: "erased_at IS NULL AND status <> 'pending' AND due_at < @cutoff",
    change: {
      customer_name: blankText('customer_name'),
      phone: blankText('phone'),
      phone_norm: "''",
      reason: blankText('reason'),
      result: blankText('result'),
      customer_id: 'NULL',
      erased_at: '@now',
    },
  },
  {
    // the phone system's record of the call (missed-call list, P1 answer times): only the number
    // is personal; times and status stay for the report. Before the calls: found through them too.
    name: 'phoneCalls',
    table: 'phone_calls',
    customerRows:
      'erased_at IS NULL AND (from_norm = @phoneNorm OR console_call_id IN (SELECT id FROM calls WHERE phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds))))',
    expiredRows: 'erased_at IS NULL AND rang_at < @cutoff',
    change: { from_number: blankText('from_number'), from_norm: "''", erased_at: '@now' },
  },
  {
    // before the calls: they are found through the call's number, which is erased next
    name: 'callEvents',
    table: 'call_events',
    customerRows:
      'call_id IN (SELECT id FROM calls WHERE erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds))))',
    expiredRows: 'call_id IN (SELECT id FROM calls WHERE erased_at IS NULL AND created_at < @cutoff)',
    change: {},
    run: rewriteEvents('call_events', eraseCallEventData),
  },
  {
    name: 'calls',
    table: 'calls',
    customerRows: 'erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)))',
    expiredRows: 'erased_at IS NULL AND created_at < @cutoff',
    change: {
      caller_name: blankText('caller_name'),
      phone: blankText('phone'),
      phone_norm: "''",
      address: blankText('address'),
      subject: blankText('subject'),
      details: blankText('details'),
      wants: blankText('wants'),
      next_step: blankText('next_step'),
      customer_id: 'NULL',
      erased_at: '@now',
      // kept: region (coarse, for the monthly statistics), category, times, agent, status, so the
      // month's counts stay exact (R4) while nothing identifies the caller any more.
    },
  },
  {
    // The number typed into another caller's notes ("call back on 138…"): only the mention goes.
    name: 'callMentions',
    table: 'calls',
    customerRows: 'erased_at IS NULL AND mentions_phone(subject || char(10) || details || char(10) || wants || char(10) || next_step, @phoneNorm)',
    expiredRows: '0',
    change: {
      subject: 'scrub_phone(subject, @phoneNorm)',
      details: 'scrub_phone(details, @phoneNorm)',
      wants: 'scrub_phone(wants, @phoneNorm)',
      next_step: 'scrub_phone(next_step, @phoneNorm)',
    },
  },
  {
    name: 'customers',
    table: 'customers',
    // Also the cards autosave leaves behind while a number is being typed ("138 0013" becomes a
    // card of its own before the last digits arrive): no call points at them any more, and their
    // number is the start of the erased one (possibly after +86 / 0086).
    customerRows: `phone_norm = @phoneNorm OR id IN (SELECT value FROM json_each(@customerIds))
      OR (length(phone_norm) >= 3
          AND (substr(@phoneNorm, 1, length(phone_norm)) = phone_norm
               OR substr('86' || @phoneNorm, 1, length(phone_norm)) = phone_norm
               OR substr('0086' || @phoneNorm, 1, length(phone_norm)) = phone_norm)
          AND id NOT IN (SELECT customer_id FROM calls WHERE customer_id IS NOT NULL)
          AND id NOT IN (SELECT customer_id FROM complaints WHERE customer_id IS NOT NULL)
          AND id NOT IN (SELECT customer_id FROM callbacks WHERE customer_id IS NOT NULL))`,
    // a card nobody has called about for the retention period; its calls were erased above
    expiredRows: `updated_at < @cutoff AND id NOT IN (SELECT customer_id FROM calls WHERE customer_id IS NOT NULL)
      AND id NOT IN (SELECT customer_id FROM complaints WHERE customer_id IS NOT NULL)
      AND id NOT IN (SELECT customer_id FROM callbacks WHERE customer_id IS NOT NULL)`,
    change: 'delete',
  },
  {
    // The search index follows calls and complaints through triggers, but FTS5 keeps the terms of
    // deleted entries in its segments until they are merged: merge them all.
    name: 'searchIndex',
    table: 'search_fts',
    customerRows: '0',
    expiredRows: '0',
    change: {},
    after: (db) => {
      // calls are re-indexed lazily (migration 0033): bring the erased ones up to date first
      if (tableExists(db, 'search_pending')) flushPendingCalls(db);
      db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    },
  },
];

// ─── phone mentions in free text ───────────────────────────────────────────────────────────
// A number as people type it: digits (ASCII or full-width) with spaces, dashes, dots, brackets, "+".
const phoneLike = /[+＋(（]?[0-9０-９][0-9０-９\s\-.()（）]{1,30}[0-9０-９]/g;

function isThatPhone(candidate: string, phoneNorm: string): boolean {
  const norm = normalisePhone(candidate);
  return norm === phoneNorm || (norm.length > phoneNorm.length && norm.endsWith(phoneNorm) && phoneNorm.length >= 7);
}

export function scrubPhone(text: string, phoneNorm: string): string {
  return text.replace(phoneLike, (match) => (isThatPhone(match, phoneNorm) ? ERASED : match));
}

export function mentionsPhone(text: string, phoneNorm: string): boolean {
  if (phoneNorm.length < 3) return false;
  for (const match of text.matchAll(phoneLike)) if (isThatPhone(match[0], phoneNorm)) return true;
  return false;
}

/** Long digit runs in a reason are probably the number itself; the record must not keep it. */
export function scrubReason(reason: string): string {
  return reason.replace(/[+＋]?[0-9０-９][0-9０-９\s\-.()（）]{5,}[0-9０-９]/g, '[number removed]');
}

const registered = new WeakSet<Db>();
function registerFunctions(db: Db): void {
  if (registered.has(db)) return;
  db.function('mentions_phone', { deterministic: true }, (text: unknown, phoneNorm: unknown) =>
    mentionsPhone(String(text ?? ''), String(phoneNorm ?? '')) ? 1 : 0,
  );
  db.function('scrub_phone', { deterministic: true }, (text: unknown, phoneNorm: unknown) => scrubPhone(String(text ?? ''), String(phoneNorm ?? '')));
  registered.add(db);
}

function tableExists(db: Db, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) !== undefined;
}

function columnsOf(db: Db, table: string): Set<string> {
  return new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
}

/**
 * Applies every registered location to `scope` and returns the rows changed per location. Runs in
 * the caller's transaction. On an older file (a backup from before a table existed) a location
 * whose table or columns are missing is skipped.
 */
export function applyLocations(db: Db, scope: ErasureScope, now: string, locations = personalDataLocations): Record<string, number> {
  registerFunctions(db);
  const counts: Record<string, number> = {};
  // every parameter always bound: a location's SET may use one its WHERE for this scope does not
  const params =
    scope.kind === 'customer'
      ? { phoneNorm: scope.phoneNorm, customerIds: JSON.stringify(scope.customerIds), cutoff: '', now }
      : { phoneNorm: '', customerIds: '[]', cutoff: scope.cutoff, now };
  for (const location of locations) {
    if (!tableExists(db, location.table)) continue;
    const where = scope.kind === 'customer' ? location.customerRows : location.expiredRows;
    let changes = 0;
    if (location.run) {
      changes = location.run(db, where, params);
    } else if (location.change === 'delete') {
      changes = db.prepare(`DELETE FROM "${location.table}" WHERE ${where}`).run(params).changes;
    } else {
      const columns = columnsOf(db, location.table);
      const entries = Object.entries(location.change).filter(([column]) => columns.has(column));
      if (entries.length > 0) {
        const sets = entries.map(([column, expression]) => `"${column}" = ${expression}`).join(', ');
        changes = db.prepare(`UPDATE "${location.table}" SET ${sets} WHERE ${where}`).run(params).changes;
      }
    }
    location.after?.(db, scope);
    counts[location.name] = (counts[location.name] ?? 0) + changes;
  }
  return counts;
}

/**
 * After rows were changed: nothing of the old content may stay in the file. secure_delete zeroes
 * freed space as it goes; VACUUM rewrites the file from live rows only (old fragments from before
 * secure_delete, freelist pages); the WAL, which still holds old page images, is checkpointed and
 * truncated to zero bytes before and after.
 */
export function scrubFile(db: Db): void {
  db.pragma('secure_delete = ON');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * The same erasure in each backup beside the database: a backup keeps old data until it is
 * rotated out (7 days), which is too long for a customer who asked to be forgotten. Each backup is
 * changed in place (after migrating it to this version's schema), vacuumed and checked again; one
 * that cannot be opened is left alone and returned in `failed`.
 */
export function scrubBackups(dbFile: string, scope: ErasureScope, now: string, nativeBinding?: string): { scrubbed: number; failed: string[] } {
  let scrubbed = 0;
  const failed: string[] = [];
  for (const file of listBackups(dbFile)) {
    let copy: Db | undefined;
    try {
      copy = new Database(file, nativeBinding ? { nativeBinding } : {});
      copy.pragma('secure_delete = ON');
      // a backup made by the previous version lacks the newer columns the registry uses: bring it
      // to this version's schema first (this app restores it the same way)
      migrate(copy);
      const target = copy;
      target.transaction(() => applyLocations(target, scope, now))();
      scrubFile(target);
      if (target.pragma('integrity_check', { simple: true }) !== 'ok') throw new Error('integrity check failed');
      scrubbed += 1;
    } catch {
      failed.push(file);
    } finally {
      copy?.close();
    }
  }
  return { scrubbed, failed };
}

// ─── the erasure record ────────────────────────────────────────────────────────────────────
// A lead may later have to show that a number was erased. The record keeps a per-record salted
// scrypt hash of the normalised number: checking a given number is one hash per record; guessing
// every 11-digit number against it would take centuries of CPU.
const PROOF_PARAMS = { N: 16384, r: 8, p: 1 } as const;

function phoneProof(phoneNorm: string, salt = randomBytes(16)): string {
  const key = scryptSync(phoneNorm, salt, 32, PROOF_PARAMS);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

function proofMatches(phoneNorm: string, proof: string): boolean {
  const [scheme, salt, key] = proof.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  return timingSafeEqual(scryptSync(phoneNorm, Buffer.from(salt, 'base64'), expected.length, PROOF_PARAMS), expected);
}

interface ErasureRow {
  id: string;
  at: string;
  kind: ErasureRecord['kind'];
  agent_name: string;
  reason: string;
  phone_proof: string | null;
  counts: string;
  backups: number;
}

const toRecord = (r: ErasureRow): ErasureRecord => ({
  id: r.id,
  at: r.at,
  kind: r.kind,
  agentName: r.agent_name,
  reason: r.reason,
  counts: JSON.parse(r.counts) as Record<string, number>,
  backups: r.backups,
});

export function recordErasure(
  db: Db,
  entry: { at: string; kind: ErasureRecord['kind']; agent: Agent | null; reason: string; phoneNorm?: string; counts: Record<string, number> },
): string {
  const id = newId();
  db.prepare(
    `INSERT INTO erasures (id, at, kind, agent_id, agent_name, reason, phone_proof, counts)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    entry.at,
    entry.kind,
    entry.agent?.id ?? null,
    entry.agent?.name ?? '',
    entry.reason,
    entry.phoneNorm ? phoneProof(entry.phoneNorm) : null,
    JSON.stringify(entry.counts),
  );
  return id;
}

/** Records how many backups were cleaned; one that could not be is counted as `backupsFailed`, for the lead to see. */
export function noteBackups(db: Db, id: string, result: { scrubbed: number; failed: string[] }): void {
  db.prepare('UPDATE erasures SET backups = ? WHERE id = ?').run(result.scrubbed, id);
  if (result.failed.length > 0) {
    db.prepare("UPDATE erasures SET counts = json_set(counts, '$.backupsFailed', ?) WHERE id = ?").run(result.failed.length, id);
  }
}

export function getErasure(db: Db, id: string): ErasureRecord {
  const row = db.prepare('SELECT * FROM erasures WHERE id = ?').get(id) as ErasureRow | undefined;
  if (!row) throw new AppError('not_found', `No erasure ${id}`);
  return toRecord(row);
}

export function listErasures(db: Db, limit = 200): ErasureRecord[] {
  return (db.prepare('SELECT * FROM erasures ORDER BY at DESC, id DESC LIMIT ?').all(limit) as ErasureRow[]).map(toRecord);
}

export function erasuresOfPhone(db: Db, typed: string): ErasureRecord[] {
  const phoneNorm = normalisePhone(typed);
  const rows = db.prepare("SELECT * FROM erasures WHERE kind = 'request' AND phone_proof IS NOT NULL ORDER BY at DESC").all() as ErasureRow[];
  return rows.filter((r) => proofMatches(phoneNorm, r.phone_proof!)).map(toRecord);
}

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
  const phoneNorm = normalisePhone(typed);
  const row = db.prepare('SELECT * FROM customers WHERE phone_norm = ?').get(phoneNorm) as CustomerRow | undefined;
  const calls = db
    .prepare(
      `SELECT count(*) AS n, max(created_at) AS last FROM calls
       WHERE erased_at IS NULL AND (phone_norm = ? OR customer_id = ?)`,
    )
    .get(phoneNorm, row?.id ?? null) as { n: number; last: string | null };
  const count = (table: string, extra = '') =>
    tableExists(db, table)
      ? (db.prepare(`SELECT count(*) FROM ${table} WHERE erased_at IS NULL AND (phone_norm = ? OR customer_id = ?${extra})`).pluck().get(phoneNorm, row?.id ?? null) as number)
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
  /** the database file, for scrubbing its backups; ':memory:' has none */
  dbFile: string;
  nativeBinding?: string;
}

export function eraseCustomer(
  db: Db,
  clock: Clock,
  input: { phone: string; reason: string },
  agent: Agent | null,
  options: EraseOptions,
): ErasureRecord {
  const phoneNorm = normalisePhone(input.phone);
  const now = clock.now().toISOString();
  const customerIds = db.prepare('SELECT id FROM customers WHERE phone_norm = ?').pluck().all(phoneNorm) as string[];
  const scope: ErasureScope = { kind: 'customer', phoneNorm, customerIds };
  db.pragma('secure_delete = ON');
  const id = db.transaction(() => {
    const counts = applyLocations(db, scope, now);
    if (Object.values(counts).every((n) => n === 0)) {
      throw new AppError('not_found', 'No customer card, call or note holds this phone number', {
        fields: [{ path: 'phone', code: 'not_found', message: 'no personal data with this number' }],
      });
    }
    return recordErasure(db, { at: now, kind: 'request', agent, reason: scrubReason(input.reason), phoneNorm, counts });
  })();
  if (options.dbFile !== ':memory:') {
    noteBackups(db, id, scrubBackups(options.dbFile, scope, now, options.nativeBinding));
  }
  scrubFile(db);
  return getErasure(db, id);
}

// ─── handlers ──────────────────────────────────────────────────────────────────────────────
// All four are team-lead actions: they show or destroy a customer's personal data.
export function privacyHandlers(ctx: ServiceContext): DomainHandlers<typeof privacyContract> {
  const { db, clock } = ctx;
  return {
    'privacy.findCustomer': (input) => {
      requireLead(ctx);
      return findCustomer(db, input.phone);
    },
    'privacy.eraseCustomer': (input) => {
      requireLead(ctx);
      const record = eraseCustomer(db, clock, input, ctx.session.agent, {
        dbFile: ctx.info.dbPath,
        ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}),
      });
      // counts only, never the number or the reason
      ctx.runtime?.logger.info('privacy.erased', { rows: Object.values(record.counts).reduce((a, b) => a + b, 0), backups: record.backups });
      return record;
    },
    'privacy.checkErased': (input) => {
      requireLead(ctx);
      return erasuresOfPhone(db, input.phone);
    },
    'privacy.overview': () => {
      requireLead(ctx);
      return { retentionMonths: ctx.retentionMonths && ctx.retentionMonths > 0 ? ctx.retentionMonths : null, erasures: listErasures(db) };
    },
  };
}
