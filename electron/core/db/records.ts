// What every column of every table is, declared once. The search index (search/index-sql.ts), the
// erasure (privacy/locations.ts: the caller's own data and the mention scrub) and the exports
// (exports/tables.ts) read these lists; test/unit/electron/core/db/records.test.ts fails when a
// column of any table is declared nowhere, so a new field forces the decision: is it searchable,
// is it personal data, is it free text that may name another caller, is it exported?
//
// Uses of a column:
//   search    part of the record's searchable text (search_docs.body)
//   personal  identifies or describes the caller: erased with the record (how: `erase`)
//   text      free text an agent types: may mention another caller's number, so an erasure scrubs
//             mentions from it in every row (P9 numbers are searchable, so they must also go)
//   export    written to the monthly export (R1, R4)
//   meta      none of the above: keys, times, statuses, counters, configuration

export type ColumnUse = 'search' | 'personal' | 'text' | 'export' | 'meta';

/** How an erasure changes a personal column: free text → the marker, a key → '' or NULL, JSON events → rewritten per key. */
export type EraseAs = 'blank' | 'empty' | 'null' | 'events';

export interface ColumnDecl {
  uses: ColumnUse[];
  erase?: EraseAs;
  /** the column holds JSON whose string values are free text (events) */
  json?: boolean;
}

const c = (uses: ColumnUse[], extra: Omit<ColumnDecl, 'uses'> = {}): ColumnDecl => ({ uses, ...extra });
const meta = c(['meta']);
const metaExport = c(['meta', 'export']);
/** typed by an agent about the caller: searchable, erased, scrubbed of mentions, exported */
const callerText = c(['search', 'personal', 'text', 'export'], { erase: 'blank' });

export type TableDecl = Record<string, ColumnDecl>;

const metaOnly = (...columns: string[]): TableDecl => Object.fromEntries(columns.map((column) => [column, meta]));

export const records: Record<string, TableDecl> = {
  agents: { id: meta, name: meta, role: meta, active: meta, created_at: meta },
  calls: {
    id: metaExport,
    direction: metaExport,
    status: metaExport,
    agent_id: meta,
    agent_name: metaExport,
    customer_id: c(['personal'], { erase: 'null' }),
    caller_name: callerText,
    phone: callerText,
    phone_norm: c(['search', 'personal'], { erase: 'empty' }),
    // the extension typed after the number ("转 12"): not part of the key (P9)
    phone_ext: c(['personal'], { erase: 'empty' }),
    // coarse, kept for the monthly statistics (R2) when the caller is erased
    region: c(['search', 'export']),
    address: callerText,
    category: c(['search', 'export']),
    subject: callerText,
    details: callerText,
    wants: callerText,
    next_step: callerText,
    rang_at: metaExport,
    answered_at: metaExport,
    ended_at: metaExport,
    wrapped_at: metaExport,
    created_at: metaExport,
    updated_at: meta,
    late_answer: metaExport,
    script_version_id: metaExport,
    checklist: metaExport,
    disposition_id: metaExport,
    erased_at: meta,
    // the desk that took the call ('' = this one): team-wide lists and exports say where (R4)
    workstation: metaExport,
  },
  call_events: {
    id: meta,
    call_id: meta,
    kind: meta,
    agent_id: meta,
    agent_name: meta,
    // P8 reasons, P10 gists, amended values
    data: c(['personal', 'text'], { erase: 'events', json: true }),
    created_at: meta,
  },
  customers: {
    id: metaExport,
    phone: c(['personal', 'export'], { erase: 'blank' }),
    phone_norm: c(['personal'], { erase: 'empty' }),
    phone_ext: c(['personal'], { erase: 'empty' }),
    name: c(['personal', 'export'], { erase: 'blank' }),
    region: c(['export']),
    address: c(['personal', 'export'], { erase: 'blank' }),
    created_at: metaExport,
    updated_at: metaExport,
  },
  complaints: {
    id: metaExport,
    number: c(['search', 'export']),
    month: meta,
    seq: meta,
    call_id: metaExport,
    customer_id: c(['personal'], { erase: 'null' }),
    customer_name: callerText,
    phone: callerText,
    phone_norm: c(['search', 'personal'], { erase: 'empty' }),
    matter: callerText,
    wants: callerText,
    category: metaExport,
    severity: metaExport,
    fault_time: callerText,
    fault_place: callerText,
    fault_symptom: callerText,
    fault_plan: callerText,
    fault_cause: callerText,
    fault_impact: callerText,
    fault_handling: callerText,
    fault_actions: callerText,
    status: metaExport,
    owner_id: meta,
    owner_name: metaExport,
    next_reply_due: metaExport,
    result: callerText,
    escalated: metaExport,
    last_reply_at: metaExport,
    replied_since_opened: meta,
    event_count: metaExport,
    created_at: metaExport,
    created_by_name: metaExport,
    updated_at: metaExport,
    resolved_at: metaExport,
    closed_at: metaExport,
    erased_at: meta,
    timeline_rewrites: meta,
  },
  complaint_events: {
    id: meta,
    complaint_id: meta,
    seq: metaExport,
    kind: metaExport,
    at: metaExport,
    agent_id: meta,
    agent_name: metaExport,
    // C5: notes, replies, escalations and transfer reasons are searchable through their complaint
    data: c(['search', 'personal', 'text', 'export'], { erase: 'events', json: true }),
    workstation: metaExport,
  },
  callbacks: {
    id: metaExport,
    customer_id: c(['personal'], { erase: 'null' }),
    customer_name: c(['personal', 'text', 'export'], { erase: 'blank' }),
    phone: c(['personal', 'text', 'export'], { erase: 'blank' }),
    phone_norm: c(['personal'], { erase: 'empty' }),
    reason: c(['personal', 'text', 'export'], { erase: 'blank' }),
    plan_id: meta,
    delivered_on: metaExport,
    due_at: metaExport,
    status: metaExport,
    call_id: metaExport,
    result: c(['personal', 'text', 'export'], { erase: 'blank' }),
    satisfaction: metaExport,
    created_by_id: meta,
    created_at: metaExport,
    done_at: metaExport,
    done_by_name: metaExport,
    updated_at: meta,
    erased_at: meta,
    workstation: metaExport,
  },
  // the phone system's record of a call: only the caller's number is personal
  phone_calls: {
    id: meta,
    source: meta,
    call_id: meta,
    from_number: c(['personal'], { erase: 'blank' }),
    from_norm: c(['personal'], { erase: 'empty' }),
    to_number: meta,
    status: meta,
    rang_at: meta,
    answered_at: meta,
    ended_at: meta,
    end_cause: meta,
    console_call_id: meta,
    callback_call_id: meta,
    created_at: meta,
    updated_at: meta,
    erased_at: meta,
  },
  // team sync bookkeeping: ids, versions, cursors; no caller's data (that travels in the records above)
  sync_state: metaOnly(
    'only',
    'mode',
    'workstation',
    'server',
    'epoch',
    'cursor_xid',
    'cursor_pos',
    'backfilled',
    'last_push_at',
    'last_pull_at',
    'last_error',
  ),
  sync_outbox: metaOnly('seq', 'kind', 'ref', 'ver', 'change_id'),
  sync_field_times: metaOnly('kind', 'ref', 'field', 'at'),
  sync_alias: metaOnly('kind', 'remote_id', 'local_id'),
  sync_pushed: metaOnly('kind', 'ref', 'change_id'),
  sync_workstations: metaOnly('workstation', 'last_seen'),
  // why a pulled event was not applied: a technical reason, not typed by an agent
  sync_not_applied: metaOnly('event_id', 'complaint_id', 'reason'),
  // two cards found to hold one number, merged (customers/merges.ts): the merged card and the
  // survivor as they were, so a lead can undo it; deleted with either card's erasure
  card_merges: {
    id: meta,
    at: meta,
    why: meta,
    phone_norm: c(['personal'], { erase: 'empty' }),
    survivor_id: meta,
    merged_id: meta,
    merged_card: c(['personal'], { erase: 'blank' }),
    survivor_before: c(['personal'], { erase: 'blank' }),
    took: meta,
    moved: meta,
    undone_at: meta,
    undone_by: meta,
  },
  // records a team erasure covered, by id only
  sync_erased_refs: metaOnly('kind', 'ref'),
  // an erasure made here while the server could not be reached: the number is needed once more, for
  // the server's own erasure, and the row is deleted (secure_delete) as soon as that ran
  sync_erasure_out: metaOnly('erasure_id', 'phone_norm', 'refs'),
  dispositions: { id: meta, label_zh: meta, label_en: meta, sort: meta, active: meta },
  // the erasure record keeps a salted hash of the number, never the number (privacy/records.ts)
  erasures: { id: meta, at: meta, kind: meta, agent_id: meta, agent_name: meta, reason: c(['text']), phone_proof: meta, counts: meta, backups: meta },
  // file work an erasure still owes (migration 0130); `scope` holds the number only until the
  // erasure's copies are scrubbed, then the job runner sets it to NULL (privacy/scrub-jobs.ts)
  erasure_scrubs: metaOnly('id', 'erasure_id', 'kind', 'file', 'seq', 'state', 'scope', 'done_at'),
  exports_log: {
    id: meta,
    created_at: meta,
    finished_at: meta,
    agent_id: meta,
    actor: meta,
    period_from: meta,
    period_to: meta,
    period_label: meta,
    format: meta,
    folder: meta,
    status: meta,
    row_counts: meta,
    files: meta,
    error: meta,
  },
  script_versions: { id: meta, language: meta, version: meta, content: meta, created_at: meta, created_by: meta, saved_as: meta },
  settings: { key: meta, value: meta },
  // who paged through personal data as a lead: the page asked for, never the rows
  access_log: { id: meta, at: meta, agent_id: meta, agent_name: meta, method: meta, page: meta },
  // the search documents: body is the lower-cased copy of a record's searchable text
  // record_id: the complaint a timeline entry's document belongs to (NULL: the document is the record's own)
  search_docs: { rowid: meta, kind: meta, ref_id: meta, record_id: meta, at: meta, body: c(['text']) },
  search_bigrams: { gram: meta, doc: meta },
  search_numbers: { n: meta },
  search_pending: { ref_id: meta },
  // documents written while indexing was deferred (catch-up), and whether it is
  search_deferred: { doc: meta },
  search_state: { only: meta, deferring: meta },
};

/** Tables that are not records: SQLite's own and the full-text index's shadow tables. */
export function isInternalTable(name: string): boolean {
  return name.startsWith('sqlite_') || /^search_fts(_|$)/.test(name);
}

export function columnsWith(table: string, use: ColumnUse): string[] {
  const decl = records[table];
  if (!decl) return [];
  return Object.entries(decl)
    .filter(([, d]) => d.uses.includes(use))
    .map(([name]) => name);
}

/** Every (table, column) holding free text, for the mention scrub. */
export function freeTextColumns(): { table: string; column: string; json: boolean }[] {
  return Object.entries(records).flatMap(([table, decl]) =>
    Object.entries(decl)
      .filter(([, d]) => d.uses.includes('text'))
      .map(([column, d]) => ({ table, column, json: d.json === true })),
  );
}

/** `table.column` of every column in `db` that records does not declare (the records test keeps this empty). */
export function undeclaredColumns(db: { prepare(sql: string): { all(): unknown[]; pluck(): { all(): unknown[] } } }): string[] {
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[]).filter((t) => !isInternalTable(t));
  return tables.flatMap((table) =>
    (db.prepare(`PRAGMA table_xinfo("${table}")`).all() as { name: string }[])
      .filter((c) => !records[table]?.[c.name]?.uses.length)
      .map((c) => `${table}.${c.name}`),
  );
}
