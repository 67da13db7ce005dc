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

export type ColumnType = 'text' | 'phone' | 'date' | 'number';

export interface ExportColumn {
  /** header label: `exports:columns.<table>.<key>` */
  key: string;
  type: ColumnType;
  /** XLSX column width, in characters */
  width: number;
  /** SQL expression selecting the value (defaults to the column named `key`) */
  sql?: string;
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
  const select = columns.map((c) => c.sql ?? c.key).join(', ');
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
      db.prepare(`SELECT count(*) FROM ${table} WHERE ${where}`).pluck().get({ ...range, cutoff }) as number,
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
      let after = range.from;
      let afterRowid = -1;
      for (;;) {
        const batch: unknown[][] = [];
        for (const row of statement.iterate({ after, afterRowid, to: range.to, cutoff, size }) as Iterable<unknown[]>) {
          batch.push(row);
        }
        if (batch.length === 0) return;
        const last = batch[batch.length - 1]!;
        after = last[keyIndex] as string;
        afterRowid = last[rowidIndex] as number;
        yield batch;
        if (batch.length < size) return;
      }
    },
  };
}

const answerSeconds = "round((julianday(answered_at) - julianday(rang_at)) * 86400, 1)";

export const callsTable = periodTable('calls', 'calls', [
  { key: 'created_at', type: 'date', width: 19 },
  { key: 'rang_at', type: 'date', width: 19 },
  { key: 'answered_at', type: 'date', width: 19 },
  { key: 'ended_at', type: 'date', width: 19 },
  { key: 'wrapped_at', type: 'date', width: 19 },
  { key: 'answer_seconds', type: 'number', width: 10, sql: answerSeconds },
  { key: 'direction', type: 'text', width: 10 },
  { key: 'status', type: 'text', width: 11 },
  { key: 'agent_name', type: 'text', width: 14 },
  { key: 'caller_name', type: 'text', width: 16 },
  { key: 'phone', type: 'phone', width: 18 },
  { key: 'region', type: 'text', width: 14 },
  { key: 'address', type: 'text', width: 30 },
  { key: 'category', type: 'text', width: 14 },
  { key: 'subject', type: 'text', width: 30 },
  { key: 'details', type: 'text', width: 60 },
  { key: 'wants', type: 'text', width: 30 },
  { key: 'next_step', type: 'text', width: 30 },
  { key: 'id', type: 'text', width: 38 },
  // TODO(call workspace, merge): disposition, checklist ticks (read-back confirmed P6, closing said P3),
  // wrap-up seconds, script compliance: add their columns here once the calls table has them.
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

/** In sheet/file order. The lead adds complaints and callbacks at merge (one entry each). */
export const exportTables: ExportTable[] = [
  callsTable,
  customersTable,
  // TODO(complaints, merge): periodTable('complaints', 'complaints', [...number, status, severity,
  //   category, matter, what_happened, customer_wants, owner_name, next_reply_due (date), reply,
  //   result, resolved_at (date), created_at (date)...]) — plus
  //   periodTable('complaint_events', 'complaint_events', [...]) for the timelines (C5), or a custom
  //   ExportTable whose batches() joins events of the complaints created in the period.
  // TODO(callbacks, merge): periodTable('callbacks', 'callbacks', [due_at (date), done_at (date),
  //   status, reason, customer name, phone (phone), satisfaction (number), notes...]).
  //   Add the labels under exports:tables.<id> and exports:columns.<id>.* in both languages.
];
