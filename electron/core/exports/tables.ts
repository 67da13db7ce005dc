// The registry of what an export contains. Each entry is one sheet (XLSX) or one file (CSV): its
// name, its columns (i18n header key, type, width) and how to stream its rows for a period.
// Adding a domain to the export is one entry here (see the TODOs at the bottom).
//
// R4 "exact": a table's rows are those with created_at in [from, to) that existed when the export
// started. Rows are read in keyset batches (created_at, rowid) so the service can answer other
// requests between batches; rows inserted meanwhile have a larger rowid than the cutoff taken at
// the start and are left out, so the count taken at the start is exactly what gets written.
import type { Db } from '../db/open';
import type { Range } from '../../../shared/domain/period';
import type { CodeGroup } from '../../../shared/domain/code-labels';

export type ColumnType = 'text' | 'phone' | 'date' | 'number';

export interface ExportColumn {
  /** header label: `exports:columns.<table>.<key>` */
  key: string;
  type: ColumnType;
  /** XLSX column width, in characters */
  width: number;
  /** SQL expression selecting the value (defaults to the column named `key`) */
  sql?: string;
  /**
   * The value is a stored code: the XLSX shows the UI's word for it, the CSV keeps the code.
   * 'change' = a timeline change ("new → in_progress", "service / normal / 王芳"): each code in it.
   */
  codes?: CodeGroup | 'change';
  /**
   * A cheaper way to the same value (the export reads every row, so a per-row subquery adds up):
   * select `read.sql` and finish the value in JS. `sql` stays the definition; the tests hold the
   * export to it.
   */
  read?: ColumnRead;
}

export interface ColumnRead {
  /** what the export's query selects instead of `sql` */
  sql: string;
  /** prepared once per table export: the selected value → the value `sql` gives */
  prepare(db: Db): (value: unknown) => unknown;
}

export interface ExportTable {
  /** file name stem and i18n key `exports:tables.<id>` (the sheet name) */
  id: string;
  columns: ExportColumn[];
  /** the largest rowid when the export starts: later rows are not part of it */
  cutoff(db: Db): number;
  count(db: Db, range: Range, cutoff: number): number;
  /**
   * Rows in batches; each batch is read completely before it is yielded. A row's first
   * columns.length values are the columns in order; anything after them is bookkeeping.
   */
  batches(db: Db, range: Range, cutoff: number, size: number): Generator<unknown[][]>;
}

/** A table whose rows belong to a period by their created_at (indexed). */
export function periodTable(id: string, table: string, columns: ExportColumn[]): ExportTable {
  const select = columns.map((c) => c.read?.sql ?? c.sql ?? c.key).join(', ');
  // the keyset needs created_at and rowid; created_at is usually a column already (one string less per row)
  const createdIndex = columns.findIndex((c) => c.key === 'created_at' && c.sql === undefined);
  const keyIndex = createdIndex >= 0 ? createdIndex : columns.length;
  const rowidIndex = createdIndex >= 0 ? columns.length : columns.length + 1;
  const extra = createdIndex >= 0 ? 'rowid AS _r' : 'created_at AS _k, rowid AS _r';
  const where = 'created_at >= @from AND created_at < @to AND rowid <= @cutoff';
  return {
    id,
    columns,
    cutoff: (db) => (db.prepare(`SELECT coalesce(max(rowid), 0) FROM ${table}`).pluck().get() as number) ?? 0,
    count: (db, range, cutoff) =>
      db
        .prepare(`SELECT count(*) FROM ${table} WHERE ${where}`)
        .pluck()
        .get({ ...range, cutoff }) as number,
    *batches(db, range, cutoff, size) {
      // (created_at, rowid) is the order of the created_at index, so each batch is an index range scan.
      const statement = db
        .prepare(
          `SELECT ${select}, ${extra} FROM ${table}
           WHERE created_at >= @after AND (created_at > @after OR rowid > @afterRowid)
             AND created_at < @to AND rowid <= @cutoff
           ORDER BY created_at, rowid LIMIT @size`,
        )
        .raw();
      const finish = columns.flatMap((c, i) => (c.read ? [{ i, value: c.read.prepare(db) }] : []));
      let after = range.from;
      let afterRowid = -1;
      for (;;) {
        // all(): the batch is built in one call (iterate() crosses into native code once per row)
        const batch = statement.all({ after, afterRowid, to: range.to, cutoff, size }) as unknown[][];
        if (batch.length === 0) return;
        for (const { i, value } of finish) for (const row of batch) row[i] = value(row[i]);
        const last = batch[batch.length - 1]!;
        after = last[keyIndex] as string;
        afterRowid = last[rowidIndex] as number;
        yield batch;
        if (batch.length < size) return;
      }
    },
  };
}

/**
 * `(SELECT <expr> FROM <table> WHERE <alias>.id = <column>)` for a small table: the table is read
 * once into a map (its rows' expr, computed by SQLite all the same); no row gives NULL, as the
 * subquery does.
 */
function lookupRead(column: string, from: string, expr: string): ColumnRead {
  return {
    sql: column,
    prepare(db) {
      const byId = new Map(db.prepare(`SELECT id, ${expr} FROM ${from}`).raw().all() as [unknown, unknown][]);
      return (id) => (id === null ? null : (byId.get(id) ?? null));
    },
  };
}

/** workstationOf(column): this desk's name is read once. */
function workstationRead(column: string): ColumnRead {
  return {
    sql: column,
    prepare(db) {
      const here = (db.prepare('SELECT workstation FROM sync_state').pluck().get() as string | undefined) ?? null;
      return (value) => (value === '' ? here : value);
    },
  };
}

/**
 * The keys of a checklist as the app writes it, a flat object of strings without spaces or escapes
 * ({"greeted":"2026-10-01T00:14:30.540Z",…}), in document order joined by ", " (null for {});
 * undefined for any other shape, which SQLite's json_each then reads.
 */
export function checklistKeys(json: string): string | null | undefined {
  const n = json.length;
  if (json === '{}') return null;
  if (json.charCodeAt(0) !== 123 || json.charCodeAt(n - 1) !== 125 || json.includes('\\')) return undefined;
  let out = '';
  let i = 1;
  for (;;) {
    if (json.charCodeAt(i) !== 34) return undefined; // "
    const keyEnd = json.indexOf('"', i + 1);
    if (keyEnd < 0 || json.charCodeAt(keyEnd + 1) !== 58 || json.charCodeAt(keyEnd + 2) !== 34) return undefined; // ":"
    const valueEnd = json.indexOf('"', keyEnd + 3);
    if (valueEnd < 0) return undefined;
    out += (i === 1 ? '' : ', ') + json.slice(i + 1, keyEnd);
    i = valueEnd + 2;
    const next = json.charCodeAt(valueEnd + 1);
    if (next === 125) return i === n ? out : undefined; // }
    if (next !== 44) return undefined; // ,
  }
}

const checklistRead: ColumnRead = {
  sql: 'calls.checklist',
  prepare(db) {
    const general = db.prepare("SELECT group_concat(key, ', ') FROM json_each(?)").pluck();
    return (json) => {
      if (typeof json !== 'string') return null;
      const keys = checklistKeys(json);
      return keys === undefined ? (general.get(json) as string | null) : keys;
    };
  },
};

const answerSeconds = 'round((julianday(answered_at) - julianday(rang_at)) * 86400, 1)';

/** Team mode: the desk a row was taken at ('' = this one; empty when team mode is off). R4: each row says where it came from. */
const workstationOf = (column: string) => `CASE WHEN ${column} = '' THEN (SELECT workstation FROM sync_state) ELSE ${column} END`;

export const callsTable = periodTable('calls', 'calls', [
  { key: 'created_at', type: 'date', width: 19 },
  { key: 'rang_at', type: 'date', width: 19 },
  { key: 'answered_at', type: 'date', width: 19 },
  { key: 'ended_at', type: 'date', width: 19 },
  { key: 'wrapped_at', type: 'date', width: 19 },
  { key: 'answer_seconds', type: 'number', width: 10, sql: answerSeconds },
  { key: 'direction', type: 'text', width: 10, codes: 'direction' },
  { key: 'status', type: 'text', width: 11, codes: 'callStatus' },
  { key: 'agent_name', type: 'text', width: 14 },
  { key: 'workstation', type: 'text', width: 12, sql: workstationOf('calls.workstation'), read: workstationRead('calls.workstation') },
  { key: 'caller_name', type: 'text', width: 16 },
  { key: 'phone', type: 'phone', width: 18 },
  { key: 'region', type: 'text', width: 14 },
  { key: 'address', type: 'text', width: 30 },
  { key: 'category', type: 'text', width: 14, codes: 'callCategory' },
  { key: 'subject', type: 'text', width: 30 },
  { key: 'details', type: 'text', width: 60 },
  { key: 'wants', type: 'text', width: 30 },
  { key: 'next_step', type: 'text', width: 30 },
  // the call workspace (migration 0020): outcome, P1 late answer, checklist ticks, script
  {
    key: 'disposition',
    type: 'text',
    width: 24,
    sql: "(SELECT d.label_zh || ' / ' || d.label_en FROM dispositions d WHERE d.id = calls.disposition_id)",
    read: lookupRead('calls.disposition_id', 'dispositions d', "d.label_zh || ' / ' || d.label_en"),
  },
  { key: 'late_answer', type: 'number', width: 8 },
  // the checklist items ticked (keys of the script, migration 0021), in the order they were ticked:
  // "greeted, identified, confirmed, thanked". One text column: six date columns cost ~0.8 s per
  // 100 000 calls in the XLSX export (test/bench/export.bench.ts), over the 3 s budget.
  { key: 'checklist', type: 'text', width: 44, sql: "(SELECT group_concat(key, ', ') FROM json_each(calls.checklist))", read: checklistRead },
  { key: 'after_call_work_seconds', type: 'number', width: 10, sql: 'CAST(round((julianday(wrapped_at) - julianday(ended_at)) * 86400) AS INTEGER)' },
  {
    key: 'script_version',
    type: 'text',
    width: 10,
    sql: "(SELECT s.language || ' v' || s.version FROM script_versions s WHERE s.id = calls.script_version_id)",
    read: lookupRead('calls.script_version_id', 'script_versions s', "s.language || ' v' || s.version"),
  },
  { key: 'id', type: 'text', width: 38 },
]);

export const customersTable = periodTable('customers', 'customers', [
  { key: 'created_at', type: 'date', width: 19 },
  { key: 'updated_at', type: 'date', width: 19 },
  { key: 'name', type: 'text', width: 16 },
  { key: 'phone', type: 'phone', width: 18 },
  { key: 'region', type: 'text', width: 14 },
  { key: 'address', type: 'text', width: 30 },
  { key: 'id', type: 'text', width: 38 },
]);

// C5: one row per complaint, its current state (the fold of its timeline); reply and escalation
// are taken from the latest such event of the timeline.
const latestEvent = (kind: string, field: string) =>
  `(SELECT json_extract(e.data, '$.${field}') FROM complaint_events e WHERE e.complaint_id = complaints.id AND e.kind = '${kind}' ORDER BY e.seq DESC LIMIT 1)`;

export const complaintsTable = periodTable('complaints', 'complaints', [
  { key: 'number', type: 'text', width: 14 },
  { key: 'created_at', type: 'date', width: 19 },
  { key: 'updated_at', type: 'date', width: 19 },
  { key: 'status', type: 'text', width: 12, codes: 'complaintStatus' },
  { key: 'severity', type: 'text', width: 8, codes: 'severity' },
  { key: 'category', type: 'text', width: 12, codes: 'complaintCategory' },
  { key: 'customer_name', type: 'text', width: 16 },
  { key: 'phone', type: 'phone', width: 18 },
  { key: 'matter', type: 'text', width: 50 },
  { key: 'wants', type: 'text', width: 30 },
  { key: 'owner_name', type: 'text', width: 14 },
  { key: 'next_reply_due', type: 'date', width: 19 },
  { key: 'last_reply_at', type: 'date', width: 19 },
  { key: 'last_reply', type: 'text', width: 40, sql: latestEvent('reply', 'text') },
  { key: 'result', type: 'text', width: 40 },
  { key: 'escalated', type: 'number', width: 8 },
  { key: 'escalated_to', type: 'text', width: 16, sql: latestEvent('escalation', 'to') },
  { key: 'fault_time', type: 'text', width: 16 },
  { key: 'fault_place', type: 'text', width: 20 },
  { key: 'fault_symptom', type: 'text', width: 30 },
  { key: 'fault_plan', type: 'text', width: 30 },
  { key: 'fault_cause', type: 'text', width: 30 },
  { key: 'fault_impact', type: 'text', width: 30 },
  { key: 'fault_handling', type: 'text', width: 30 },
  { key: 'fault_actions', type: 'text', width: 30 },
  { key: 'resolved_at', type: 'date', width: 19 },
  { key: 'closed_at', type: 'date', width: 19 },
  { key: 'created_by_name', type: 'text', width: 14 },
  {
    key: 'workstation',
    type: 'text',
    width: 12,
    sql: `(SELECT ${workstationOf('e.workstation')} FROM complaint_events e WHERE e.complaint_id = complaints.id AND e.kind = 'created' LIMIT 1)`,
  },
  { key: 'event_count', type: 'number', width: 8 },
  { key: 'call_id', type: 'text', width: 38 },
  { key: 'id', type: 'text', width: 38 },
]);

// The readable text of a timeline event: its free text (note, reply, escalation note, reasons) and
// what changed. Dates inside an event's data stay UTC ISO here; the `when` column shows the main one
// as a real (local) date.
const ev = (field: string) => `coalesce(json_extract(e.data, '$.${field}'), '')`;
const eventText = `CASE e.kind
  WHEN 'created' THEN ${ev('matter')}
  WHEN 'note' THEN ${ev('text')}
  WHEN 'reply' THEN ${ev('text')}
  WHEN 'escalation' THEN ${ev('text')}
  WHEN 'transfer' THEN ${ev('why')}
  WHEN 'status' THEN ${ev('reason')}
  WHEN 'due' THEN ${ev('reason')}
  ELSE '' END`;
const eventChange = `CASE e.kind
  WHEN 'created' THEN ${ev('category')} || ' / ' || ${ev('severity')} || ' / ' || ${ev('ownerName')}
  WHEN 'status' THEN ${ev('from')} || ' → ' || ${ev('to')}
  WHEN 'result' THEN ${ev('from')} || ' → ' || ${ev('to')}
  WHEN 'transfer' THEN ${ev('fromName')} || ' → ' || ${ev('toName')}
  WHEN 'edit' THEN ${ev('field')} || ': ' || ${ev('from')} || ' → ' || ${ev('to')}
  WHEN 'escalation' THEN ${ev('to')}
  WHEN 'reply' THEN ${ev('how')}
  ELSE '' END`;
const eventWhen = `CASE e.kind
  WHEN 'created' THEN json_extract(e.data, '$.nextReplyDue')
  WHEN 'reply' THEN json_extract(e.data, '$.at')
  WHEN 'escalation' THEN json_extract(e.data, '$.at')
  WHEN 'due' THEN json_extract(e.data, '$.to')
  WHEN 'status' THEN NULL
  ELSE NULL END`;

export const complaintEventColumns: ExportColumn[] = [
  { key: 'complaint_number', type: 'text', width: 14, sql: 'c.number' },
  { key: 'seq', type: 'number', width: 6, sql: 'e.seq' },
  { key: 'at', type: 'date', width: 19, sql: 'e.at' },
  { key: 'agent_name', type: 'text', width: 14, sql: 'e.agent_name' },
  { key: 'workstation', type: 'text', width: 12, sql: workstationOf('e.workstation') },
  { key: 'kind', type: 'text', width: 12, sql: 'e.kind', codes: 'eventKind' },
  { key: 'text', type: 'text', width: 60, sql: eventText },
  { key: 'change', type: 'text', width: 30, sql: eventChange, codes: 'change' },
  { key: 'when', type: 'date', width: 19, sql: eventWhen },
  { key: 'data', type: 'text', width: 40, sql: 'e.data' },
];

/**
 * C5: the timelines of the complaints in the export (complaints created in the period), complete,
 * in complaint order then event order. The cutoff is the largest event rowid at the start.
 */
export const complaintEventsTable: ExportTable = {
  id: 'complaint_events',
  columns: complaintEventColumns,
  cutoff: (db) => (db.prepare('SELECT coalesce(max(rowid), 0) FROM complaint_events').pluck().get() as number) ?? 0,
  count: (db, range, cutoff) =>
    db
      .prepare(
        `SELECT count(*) FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
         WHERE c.created_at >= @from AND c.created_at < @to AND e.rowid <= @cutoff`,
      )
      .pluck()
      .get({ ...range, cutoff }) as number,
  *batches(db, range, cutoff, size) {
    const select = complaintEventColumns.map((c) => c.sql!).join(', ');
    const statement = db
      .prepare(
        `SELECT ${select}, c.created_at AS _k, c.rowid AS _r FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id
         WHERE c.created_at >= @after AND (c.created_at, c.rowid, e.seq) > (@after, @afterRowid, @afterSeq)
           AND c.created_at < @to AND e.rowid <= @cutoff
         ORDER BY c.created_at, c.rowid, e.seq LIMIT @size`,
      )
      .raw();
    const n = complaintEventColumns.length;
    let after = range.from;
    let afterRowid = -1;
    let afterSeq = -1;
    for (;;) {
      const batch = statement.all({ after, afterRowid, afterSeq, to: range.to, cutoff, size }) as unknown[][];
      if (batch.length === 0) return;
      const last = batch[batch.length - 1]!;
      after = last[n] as string;
      afterRowid = last[n + 1] as number;
      afterSeq = last[1] as number;
      yield batch;
      if (batch.length < size) return;
    }
  },
};

// O3/O5: callbacks created in the period.
export const callbacksTable = periodTable('callbacks', 'callbacks', [
  { key: 'created_at', type: 'date', width: 19 },
  { key: 'customer_name', type: 'text', width: 16 },
  { key: 'phone', type: 'phone', width: 18 },
  { key: 'reason', type: 'text', width: 40 },
  { key: 'due_at', type: 'date', width: 19 },
  { key: 'status', type: 'text', width: 10, codes: 'callbackStatus' },
  { key: 'done_at', type: 'date', width: 19 },
  { key: 'done_by_name', type: 'text', width: 14 },
  { key: 'workstation', type: 'text', width: 12, sql: workstationOf('callbacks.workstation'), read: workstationRead('callbacks.workstation') },
  { key: 'result', type: 'text', width: 40 },
  { key: 'satisfaction', type: 'number', width: 8 },
  { key: 'delivered_on', type: 'text', width: 12 },
  { key: 'call_id', type: 'text', width: 38 },
  { key: 'id', type: 'text', width: 38 },
]);

// P1/P9: every call the phone system reported (answered, ended, missed), created in the period.
export const phoneCallsTable = periodTable('phone_calls', 'phone_calls', [
  { key: 'created_at', type: 'date', width: 19 },
  { key: 'rang_at', type: 'date', width: 19 },
  { key: 'status', type: 'text', width: 10 },
  { key: 'from_number', type: 'phone', width: 18 },
  { key: 'to_number', type: 'text', width: 10 },
  { key: 'answered_at', type: 'date', width: 19 },
  {
    key: 'answer_seconds',
    type: 'number',
    width: 10,
    sql: 'CASE WHEN answered_at IS NOT NULL THEN round((julianday(answered_at) - julianday(rang_at)) * 86400.0, 1) END',
  },
  { key: 'ended_at', type: 'date', width: 19 },
  { key: 'end_cause', type: 'text', width: 20 },
  { key: 'source', type: 'text', width: 8 },
  { key: 'call_id', type: 'text', width: 24 },
  { key: 'console_call_id', type: 'text', width: 38 },
  { key: 'callback_call_id', type: 'text', width: 38 },
]);

/** In sheet/file order. */
export const exportTables: ExportTable[] = [callsTable, complaintsTable, complaintEventsTable, callbacksTable, customersTable, phoneCallsTable];
