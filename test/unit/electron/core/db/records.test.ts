// Every column of every table is declared in db/records.ts, and the search index, the erasure and
// the exports read those declarations: a new column that nobody classified fails here first.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../electron/core/db/open';
import { columnsWith, records, undeclaredColumns } from '../../../../../electron/core/db/records';
import { callsTable, callbacksTable, complaintsTable, customersTable, type ExportTable } from '../../../../../electron/core/exports/tables';
import { personalChange, personalDataLocations } from '../../../../../electron/core/privacy/locations';
import { callBody } from '../../../../../electron/core/search/index-sql';

const db = openDatabase(':memory:');
const columnsOf = (table: string) => (db.prepare(`PRAGMA table_xinfo("${table}")`).all() as { name: string }[]).map((c) => c.name);

describe('the declared records', () => {
  it('declare every column of every table, each with at least one use', () => {
    expect(undeclaredColumns(db), 'declare these in electron/core/db/records.ts: searchable, personal, free text, exported, or meta').toEqual([]);
  });

  it('a column added without a decision is caught', () => {
    const scratch = openDatabase(':memory:');
    scratch.exec("ALTER TABLE calls ADD COLUMN caller_email TEXT NOT NULL DEFAULT ''");
    expect(undeclaredColumns(scratch)).toEqual(['calls.caller_email']);
    scratch.close();
  });

  it('declare no column that does not exist', () => {
    const stale = Object.entries(records).flatMap(([table, decl]) =>
      Object.keys(decl)
        .filter((column) => column !== 'rowid' && !columnsOf(table).includes(column))
        .map((column) => `${table}.${column}`),
    );
    expect(stale).toEqual([]);
  });

  it('a personal column says how it is erased, and the erasure changes exactly those', () => {
    for (const [table, decl] of Object.entries(records)) {
      for (const [column, d] of Object.entries(decl)) {
        if (d.uses.includes('personal')) expect(d.erase, `${table}.${column}`).toBeDefined();
      }
    }
    for (const table of ['calls', 'complaints', 'callbacks']) {
      const location = personalDataLocations.find((l) => l.name === table)!;
      const declared = columnsWith(table, 'personal').sort();
      expect(
        Object.keys(location.change)
          .filter((c) => c !== 'erased_at')
          .sort(),
        table,
      ).toEqual(declared);
      expect(Object.keys(personalChange(table)).sort()).toEqual(declared);
    }
  });

  it('the call search text is the declared searchable columns', () => {
    const used = [...callBody('r').matchAll(/\br\.(\w+)/g)].map((m) => m[1]);
    expect(used).toEqual(columnsWith('calls', 'search'));
  });

  it.each([
    ['calls', callsTable],
    ['complaints', complaintsTable],
    ['callbacks', callbacksTable],
    ['customers', customersTable],
  ] as [string, ExportTable][])('the %s export writes the declared exported columns', (table, exported) => {
    const expressions = exported.columns.map((c) => c.sql ?? c.key).join(' ');
    const referenced = columnsOf(table).filter((column) => new RegExp(`(?<![\\w.])${column}\\b|\\b${table}\\.${column}\\b`).test(expressions));
    expect(referenced.sort()).toEqual(columnsWith(table, 'export').sort());
  });
});
