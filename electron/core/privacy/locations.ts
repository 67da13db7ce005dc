// Customer erasure on request: a customer's personal data is removed or
// anonymised everywhere it is kept, the database file itself is scrubbed (secure_delete is on,
// the WAL is checkpointed and truncated, the file is vacuumed), the backups beside it are scrubbed
// the same way, and the erasure itself is recorded in `erasures` without the number in clear.
//
// Invariant: every table that holds a customer's personal data has an entry in
// `personalDataLocations`. A feature that adds such a table (complaints, complaint events, the
// full-text index, callbacks, …) adds ONE entry there; the erasure and retention tests then cover it.
import type { Db } from '../db/open';
import { columnsOf, tableExists } from '../db/tables';
import { freeTextColumns, records } from '../db/records';
import { flushPendingCalls } from '../search/store';

import { ERASED } from '../../../shared/domain/erasure';

export { ERASED };
const erasedLiteral = `'${ERASED}'`;
/** free text becomes the marker, an empty field stays empty */
const blankText = (column: string) => `CASE WHEN ${column} <> '' THEN ${erasedLiteral} ELSE '' END`;

/** Which rows an erasure touches: one customer's, or everything older than a cut-off (retention). */
export type ErasureScope = { kind: 'customer'; phoneNorm: string; customerIds: string[] } | { kind: 'expired'; cutoff: string };

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
  /**
   * Work that reads the whole table (a scan for mentions) or rewrites the whole search index. On
   * the live file an erasure does not do it in its own transaction, which would hold the service's
   * thread for seconds on a large file: it records a job (scrub-jobs.ts) done in short slices off
   * that thread, range by range of rowids (`run` with `rowid > @from AND rowid <= @to`). On a copy,
   * and where no job can be recorded (':memory:'), it is done in the same pass.
   */
  background?: 'mentions' | 'index';
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
  'customerName',
  'phone',
  'matter',
  'wants',
  'text',
  'reason',
  'why',
  'faultTime',
  'faultPlace',
  'faultSymptom',
  'faultPlan',
  'faultCause',
  'faultImpact',
  'faultHandling',
  'faultActions',
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
      changes[field] =
        personalCallFields.has(field) && change && typeof change === 'object' ? { ...change, from: blank(change.from), to: blank(change.to) } : change;
    }
    out.changes = changes;
  }
  return out;
}

const guardsOf = (db: Db, table: string) =>
  db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '%RAISE%'").all(table) as {
    name: string;
    sql: string;
  }[];

function hasGuards(db: Db, table: string): boolean {
  return guardsOf(db, table).length > 0;
}

/**
 * Runs `fn` with the append-only guards of `table` (triggers that RAISE) set aside, inside the
 * erasure's transaction, and puts them back exactly as they were: erasure is the one sanctioned
 * rewrite of append-only history (C5).
 */
function withoutGuards<T>(db: Db, table: string, fn: () => T): T {
  const guards = guardsOf(db, table);
  for (const g of guards) db.exec(`DROP TRIGGER "${g.name}"`);
  try {
    return fn();
  } finally {
    for (const g of guards) db.exec(g.sql);
  }
}

/** Rewrites the JSON `data` of an append-only event table for the rows `where` selects. */
function rewriteEvents(table: string, erase: (kind: string, data: Record<string, unknown>) => Record<string, unknown>) {
  return (db: Db, where: string, params: Record<string, unknown>): number => {
    const rows = db.prepare(`SELECT id, kind, data FROM "${table}" WHERE ${where}`).all(params) as { id: string; kind: string; data: string }[];
    if (rows.length === 0) return 0;
    return withoutGuards(db, table, () => {
      const update = db.prepare(`UPDATE "${table}" SET data = ? WHERE id = ?`);
      for (const r of rows) update.run(JSON.stringify(erase(r.kind, JSON.parse(r.data) as Record<string, unknown>)), r.id);
      return rows.length;
    });
  };
}

/** The caller's own columns of `table` as the records declare them: text → the marker, keys → '' / NULL. */
export function personalChange(table: string): Record<string, string> {
  const change: Record<string, string> = {};
  for (const [column, decl] of Object.entries(records[table] ?? {})) {
    if (!decl.uses.includes('personal')) continue;
    if (decl.erase === 'blank') change[column] = blankText(column);
    else if (decl.erase === 'empty') change[column] = "''";
    else if (decl.erase === 'null') change[column] = 'NULL';
  }
  return change;
}

/**
 * The number written into any free text of any record (another caller's notes, a complaint's
 * timeline, a callback's reason, an earlier erasure's reason): only the mention goes. One location
 * per table, built from the records' `text` columns, so a new free-text column is covered.
 */
function mentionLocation(table: string, columns: { column: string; json: boolean }[]): PersonalDataLocation {
  return {
    name: table === 'calls' ? 'callMentions' : 'mentions',
    table,
    // every row may mention the number; `run` narrows it down (retention has no number)
    customerRows: '1',
    expiredRows: '0',
    change: {},
    background: 'mentions',
    run: (db, rows, params) => {
      if (params.phoneNorm === '') return 0;
      const present = columnsOf(db, table);
      const cols = columns.filter((c) => present.has(c.column));
      if (cols.length === 0) return 0;
      // GLOB first (scrub.ts mentionGlob: the number's digits in order): the JavaScript matcher
      // then sees only the few texts that could mention it, not every note of a large file
      const where = `(${rows}) AND (${cols.map((c) => `("${c.column}" GLOB @phoneGlob AND mentions_phone("${c.column}", @phoneNorm))`).join(' OR ')})`;
      const sets = cols.map((c) => `"${c.column}" = ${c.json ? 'scrub_phone_json' : 'scrub_phone'}("${c.column}", @phoneNorm)`).join(', ');
      const update = () => db.prepare(`UPDATE "${table}" SET ${sets} WHERE ${where}`).run(params).changes;
      if (!hasGuards(db, table)) return update();
      // setting the guards aside changes the schema (every connection reads it again): only when
      // this range holds a mention at all, which the scan's many ranges mostly do not
      if (db.prepare(`SELECT 1 FROM "${table}" WHERE ${where} LIMIT 1`).get(params) === undefined) return 0;
      return withoutGuards(db, table, update);
    },
  };
}

function mentionLocations(): PersonalDataLocation[] {
  const byTable = new Map<string, { column: string; json: boolean }[]>();
  // search_docs is a copy of calls and complaints, scrubbed with the index (searchIndex below)
  for (const { table, column, json } of freeTextColumns()) {
    if (table === 'search_docs') continue;
    byTable.set(table, [...(byTable.get(table) ?? []), { column, json }]);
  }
  return [...byTable].map(([table, columns]) => mentionLocation(table, columns));
}

export const personalDataLocations: PersonalDataLocation[] = [
  {
    // before the complaints: they are found through the complaint's number, which is erased next
    name: 'complaintEvents',
    table: 'complaint_events',
    customerRows:
      'complaint_id IN (SELECT id FROM complaints WHERE erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)) OR call_id IN (SELECT id FROM calls WHERE phone_norm = @phoneNorm)))',
    expiredRows: "complaint_id IN (SELECT id FROM complaints WHERE (erased_at IS NULL AND status = 'closed' AND coalesce(closed_at, created_at) < @cutoff))",
    change: {},
    run: rewriteEvents('complaint_events', eraseEventData),
  },
  {
    name: 'complaints',
    table: 'complaints',
    // (… OR customer_id …): a row erased before but still linked to the card must let go of it, or
    // deleting the card fails on its foreign key and the whole erasure rolls back
    customerRows:
      '(erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)) OR call_id IN (SELECT id FROM calls WHERE phone_norm = @phoneNorm))) OR customer_id IN (SELECT value FROM json_each(@customerIds))',
    expiredRows: "(erased_at IS NULL AND status = 'closed' AND coalesce(closed_at, created_at) < @cutoff)",
    change: {
      ...personalChange('complaints'),
      // an erasure repeated (or reaching a row erased before) keeps the first instant
      erased_at: 'coalesce(erased_at, @now)',
      // kept: number, category, severity, status, owner, times: the register's counts stay exact
    },
  },
  {
    name: 'callbacks',
    table: 'callbacks',
    customerRows:
      '(erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)))) OR customer_id IN (SELECT value FROM json_each(@customerIds))',
    expiredRows: "erased_at IS NULL AND status <> 'pending' AND due_at < @cutoff",
    change: {
      ...personalChange('callbacks'),
      // an erasure repeated (or reaching a row erased before) keeps the first instant
      erased_at: 'coalesce(erased_at, @now)',
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
    customerRows:
      '(erased_at IS NULL AND (phone_norm = @phoneNorm OR customer_id IN (SELECT value FROM json_each(@customerIds)))) OR customer_id IN (SELECT value FROM json_each(@customerIds))',
    expiredRows: 'erased_at IS NULL AND created_at < @cutoff',
    change: {
      ...personalChange('calls'),
      // an erasure repeated (or reaching a row erased before) keeps the first instant
      erased_at: 'coalesce(erased_at, @now)',
      // kept: region (coarse, for the monthly statistics), category, times, agent, status, so the
      // month's counts stay exact (R4) while nothing identifies the caller any more.
    },
  },
  ...mentionLocations(),
  {
    // a merge keeps both cards as they were (for its undo): it goes with either card, and with
    // the number itself (an erased customer's merge cannot be undone: the data is gone)
    name: 'cardMerges',
    table: 'card_merges',
    customerRows:
      'phone_norm = @phoneNorm OR survivor_id IN (SELECT value FROM json_each(@customerIds)) OR merged_id IN (SELECT value FROM json_each(@customerIds))',
    expiredRows: 'at < @cutoff',
    change: 'delete',
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
    // The search index follows calls and complaints through triggers. Calls are re-indexed lazily
    // (migration 0033): the erased ones are brought up to date here, so the erased text is no
    // longer found (its entries are deleted from the index; their terms stay in the index's
    // segments until these are merged, the 'index' step below).
    name: 'searchIndex',
    table: 'search_fts',
    customerRows: '0',
    expiredRows: '0',
    change: {},
    after: (db) => {
      if (tableExists(db, 'search_pending')) flushPendingCalls(db);
    },
  },
  {
    // A complaint whose timeline named the number (documents made before each timeline entry had
    // its own, migration 0150) keeps it in its document until the complaint row changes: scrub the
    // documents themselves (their index follows by trigger). A call's document is its row's text,
    // rebuilt from the rows the mention scan scrubbed, so only the other kinds are changed. The
    // documents are copies of records counted above: not counted again.
    name: 'searchIndex',
    table: 'search_docs',
    customerRows: '1',
    expiredRows: '0',
    change: {},
    background: 'mentions',
    run: (db, rows, params) => {
      if (params.phoneNorm === '') return 0;
      db.prepare(
        `UPDATE search_docs SET body = scrub_phone(body, @phoneNorm)
         WHERE (${rows}) AND kind <> 'call' AND body GLOB @phoneGlob AND mentions_phone(body, @phoneNorm)`,
      ).run(params);
      return 0;
    },
  },
  {
    // FTS5 keeps the terms of deleted entries in its segments (leaf pages, the separator keys of
    // %_idx) until the segments holding them are merged: every segment is merged into one. Its own
    // 'secure-delete' option removes the entries but not the terms' bytes. After the mention scan,
    // which re-indexes the calls it scrubbed.
    name: 'searchIndex',
    table: 'search_fts',
    customerRows: '0',
    expiredRows: '0',
    change: {},
    background: 'index',
    after: (db) => {
      if (tableExists(db, 'search_pending')) flushPendingCalls(db);
      db.exec("INSERT INTO search_fts (search_fts) VALUES ('optimize')");
    },
  },
];
