// The export reads some columns a cheaper way than their SQL definition (a map read once instead of a
// subquery per row, the checklist's keys scanned in JS): what it writes must be what the definition
// selects, row for row.
import fc from 'fast-check';
import { openDatabase, type Db } from '../../../../../electron/core/db/open';
import { fillDemoData } from '../../../../../electron/core/db/demo-data';
import { newId } from '../../../../../electron/core/infra/ids';
import { checklistKeys, exportTables, type ExportTable } from '../../../../../electron/core/exports/tables';
import { resolvePeriod } from '../../../../../shared/domain/period';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

const october = resolvePeriod({ month: '2026-10' });

/** what the columns' SQL definitions select, in export order */
function defined(table: ExportTable): unknown[][] {
  const select = table.columns.map((c) => c.sql ?? c.key).join(', ');
  return db
    .prepare(`SELECT ${select} FROM ${table.id} WHERE created_at >= ? AND created_at < ? ORDER BY created_at, rowid`)
    .raw()
    .all(october.from, october.to) as unknown[][];
}

function exported(table: ExportTable, size: number): unknown[][] {
  const cutoff = table.cutoff(db);
  return [...table.batches(db, october, cutoff, size)].flat().map((row) => row.slice(0, table.columns.length));
}

const jsonEach = (json: string) => db.prepare("SELECT group_concat(key, ', ') FROM json_each(?)").pluck().get(json) as string | null;

// what a checklist may hold: the app's own shape, and what older data or a hand edit could leave
const checklists = [
  '{}',
  '{"greeted":"2026-10-01T00:14:30.540Z","identified":"2026-10-01T00:15:09.526Z"}',
  '{"thanked":"2026-10-01T00:14:30.540Z","greeted":"2026-10-01T00:13:00.000Z"}',
  '{"2":"a","1":"b","greeted":"c"}',
  '{"greeted": "2026-10-01T00:14:30.540Z"}',
  '{ "greeted":"x" }',
  '{"a\\"b":"x","c":"y"}',
  '{"a":"x\\"y","b":"z"}',
  '{"a":1,"b":true,"c":null}',
  '{"a":{"b":"c"}}',
  '{"x":"1","x":"2"}',
  '{"":"empty key"}',
  '{"问候":"2026-10-01"}',
  '{"a":"{\\"b\\":1}"}',
  '{"a":"x,y}","b":"z"}',
];

test('the calls and callbacks sheets hold what the columns SQL selects: outcome, script version, checklist keys, desk', () => {
  fillDemoData(db, { calls: 400, from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-10-28T00:00:00Z'), seed: 3 });
  // team mode: this desk's name fills the rows taken here ('' in the row)
  db.prepare("UPDATE sync_state SET workstation = 'desk_07'").run();
  const ids = db
    .prepare('SELECT id FROM calls ORDER BY created_at LIMIT ?')
    .pluck()
    .all(checklists.length * 2) as string[];
  ids.forEach((id, i) =>
    db.prepare('UPDATE calls SET checklist = ?, workstation = ? WHERE id = ?').run(checklists[i % checklists.length], i % 3 === 0 ? 'desk_02' : '', id),
  );
  db.prepare("UPDATE callbacks SET workstation = 'desk_03' WHERE rowid % 2 = 0").run();
  const calls = exportTables.find((t) => t.id === 'calls')!;
  const callbacks = exportTables.find((t) => t.id === 'callbacks')!;
  const expected = defined(calls);
  expect(expected.length).toBeGreaterThan(300);
  const col = (key: string) => calls.columns.findIndex((c) => c.key === key);
  // the demo data exercises each looked-up column, with and without a value
  for (const key of ['disposition', 'script_version', 'checklist', 'workstation']) {
    expect(
      expected.some((r) => r[col(key)] !== null && r[col(key)] !== ''),
      key,
    ).toBe(true);
    expect(
      expected.some((r) => r[col(key)] === null || r[col(key)] === '' || r[col(key)] === 'desk_07'),
      key,
    ).toBe(true);
  }
  expect(expected.some((r) => r[col('workstation')] === 'desk_07')).toBe(true);
  for (const size of [7, 1000]) {
    expect(exported(calls, size)).toEqual(expected);
    expect(exported(callbacks, size)).toEqual(defined(callbacks));
  }
  // team mode off: no desk name at all, as the definition says
  db.prepare("UPDATE sync_state SET workstation = ''").run();
  expect(exported(calls, 50)).toEqual(defined(calls));
});

test('a checklist is read as SQLite lists its keys: in document order, or by SQLite itself when it has another shape', () => {
  for (const json of checklists) {
    const keys = checklistKeys(json);
    if (keys !== undefined) expect(keys, json).toBe(jsonEach(json));
  }
  // the app's own shape takes the fast path
  expect(checklistKeys('{"greeted":"2026-10-01T00:14:30.540Z","hungUpFirst":"2026-10-01T00:16:00.000Z"}')).toBe('greeted, hungUpFirst');
  expect(checklistKeys('{}')).toBeNull();
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 5 }), (pairs) => {
      const json = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
      const keys = checklistKeys(json);
      if (keys !== undefined) expect(keys).toBe(jsonEach(json));
    }),
  );
});

test('a call whose outcome or script version is gone reads as empty, as the subquery gives', () => {
  fillDemoData(db, { calls: 20, from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-10-02T00:00:00Z'), seed: 4 });
  db.pragma('foreign_keys = OFF');
  const id = db.prepare('SELECT id FROM calls LIMIT 1').pluck().get() as string;
  db.prepare('UPDATE calls SET disposition_id = ?, script_version_id = ? WHERE id = ?').run(newId(), newId(), id);
  const calls = exportTables.find((t) => t.id === 'calls')!;
  const rows = exported(calls, 5);
  expect(rows).toEqual(defined(calls));
  const row = rows.find((r) => r[calls.columns.findIndex((c) => c.key === 'id')] === id)!;
  expect(row[calls.columns.findIndex((c) => c.key === 'disposition')]).toBeNull();
  expect(row[calls.columns.findIndex((c) => c.key === 'script_version')]).toBeNull();
});
