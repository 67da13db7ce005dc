// R4 "exact and complete": what the files say is what the database holds, row by row, read back
// with independent readers (exceljs's reader, an RFC 4180 parser).
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../../electron/core/db/open';
import { runExport, type ExportRequest } from '../../../../../electron/core/exports/run';
import { callsTable, complaintEventsTable, complaintsTable, callbacksTable, exportTables, type ExportTable } from '../../../../../electron/core/exports/tables';
import { formulaLike, looksLikePhone, numberLosing, phoneForCsv, textForCsv } from '../../../../../electron/core/exports/neutralise';
import { codeLabel, translator } from '../../../../../electron/core/exports/labels';
import { execFileSync } from 'node:child_process';
import { localDateTime } from '../../../../../electron/core/exports/csv';
import { decodeOoxmlEscapes } from '../../../../../electron/core/exports/xlsx';
import { resolvePeriod, type PeriodSpec } from '../../../../../shared/domain/period';
import { upsertCustomer } from '../../../../../electron/core/customers/store';
import { parseCsv } from '../../../../helpers/csv';
import { filesIn, insertCall, insertCallback, insertComplaint, tempFolder, trickyCallbacks, trickyCalls, trickyComplaints } from '../../../../helpers/exports';
import { fixedClock } from '../../../../helpers/core';

// Child processes and whole exports: this 2-core machine is shared, so allow for a slow moment.
vi.setConfig({ testTimeout: 60_000 });

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
  for (const c of trickyCalls) insertCall(db, c);
  // outside October in local time (Shanghai): 1 Nov 00:00 local, and 30 Sep 23:59 local
  insertCall(db, { createdAt: '2026-10-31T16:00:00.000Z', subject: 'November already' });
  insertCall(db, { createdAt: '2026-09-30T15:59:59.999Z', subject: 'still September' });
  for (const c of trickyComplaints) insertComplaint(db, c);
  insertComplaint(db, {
    number: 'TS-202611-0001',
    createdAt: '2026-10-31T16:00:00.000Z',
    matter: 'November complaint',
    events: [{ kind: 'note', data: { text: 'November note' } }],
  });
  for (const c of trickyCallbacks) insertCallback(db, c);
  insertCallback(db, { createdAt: '2026-09-30T15:59:59.999Z', dueAt: '2026-10-02T00:00:00.000Z', reason: 'September callback' });
  const clock = fixedClock('2026-10-03T00:00:00.000Z');
  upsertCustomer(db, clock, { phone: '+86 139 1234 5678', name: '李娜, "VIP"', region: '=北京', address: '朝阳区\n建国路 88 号' });
});
afterEach(() => db.close());

function request(
  folder: string,
  format: ExportRequest['format'],
  period: PeriodSpec = { month: '2026-10' },
  language: ExportRequest['language'] = 'en',
): ExportRequest {
  return { period: resolvePeriod(period), format, folder, language, actor: { agentId: null, name: 'Test Lead' } };
}
const now = () => new Date('2026-11-01T02:00:00.000Z');

/** the rows the database holds for the period, as the registry selects them, in export order */
function stored(table: ExportTable, period: PeriodSpec = { month: '2026-10' }): unknown[][] {
  const range = resolvePeriod(period);
  const select = table.columns.map((c) => c.sql ?? c.key).join(', ');
  if (table.id === 'complaint_events') {
    // the timelines of the complaints created in the period, complete, complaint by complaint
    return db
      .prepare(
        `SELECT ${select} FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id WHERE c.created_at >= ? AND c.created_at < ? ORDER BY c.created_at, c.rowid, e.seq`,
      )
      .raw()
      .all(range.from, range.to) as unknown[][];
  }
  return db
    .prepare(`SELECT ${select} FROM ${table.id} WHERE created_at >= ? AND created_at < ? ORDER BY created_at, rowid`)
    .raw()
    .all(range.from, range.to) as unknown[][];
}

const allFiles = [
  'calls-2026-10.csv',
  'complaints-2026-10.csv',
  'complaint_events-2026-10.csv',
  'callbacks-2026-10.csv',
  'customers-2026-10.csv',
  'phone_calls-2026-10.csv',
];
const octoberCounts = { calls: trickyCalls.length, complaints: 2, complaint_events: 6, callbacks: 2, customers: 1, phone_calls: 0 };

function expectedCsvCell(type: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (type === 'date') return localDateTime(String(value));
  if (type === 'number') return String(value);
  if (type === 'phone') return phoneForCsv(String(value));
  return textForCsv(String(value));
}

/** the raw XML of every worksheet and the cell styles that carry quotePrefix */
function quotePrefixCheck(file: string): { cells: number; marked: number } {
  const entries = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).split('\n');
  const list = entries.filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const styles = execFileSync('unzip', ['-p', file, 'xl/styles.xml'], { encoding: 'utf8' });
  const xfs = /<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)![1]!.match(/<xf [^>]*?(\/>|>.*?<\/xf>)/gs)!;
  // text that repeats sits in the shared string table (exceljs writes it, escaping quotes as well)
  const shared = entries.includes('xl/sharedStrings.xml')
    ? [...execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' }).matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) =>
        m[1]!
          .replace(/&quot;/g, '"')
          .replace(/&apos;/g, "'")
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>'),
      )
    : [];
  let cells = 0;
  let marked = 0;
  for (const name of list) {
    const xml = execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 1 << 28 });
    for (const m of xml.matchAll(/<c r="[A-Z]+\d+"(?: s="(\d+)")? t="(?:inlineStr"><is><t[^>]*>([^<]*)<\/t>|s"><v>(\d+)<\/v>)/g)) {
      const text = (m[3] === undefined ? m[2]! : shared[Number(m[3])]!).replace(/&amp;/g, '&').replace(/&#13;/g, '\r');
      const quoted = m[1] !== undefined && xfs[Number(m[1])]!.includes('quotePrefix="1"');
      expect(text.startsWith("'")).toBe(false); // never a visible quote
      if (formulaLike(decodeOoxmlEscapes(text))) {
        cells++;
        expect(quoted).toBe(true);
      }
      if (quoted) marked++;
    }
  }
  return { cells, marked };
}

test('CSV: one file per table, BOM, CRLF, every stored row of the month and nothing else', async () => {
  const folder = tempFolder();
  const outcome = await runExport(db, request(folder, 'csv'), { now });
  expect(outcome.files).toEqual(allFiles);
  expect(filesIn(folder)).toEqual([...allFiles].sort());
  expect(outcome.counts).toEqual(octoberCounts);

  for (const table of exportTables) {
    const bytes = readFileSync(join(folder, `${table.id}-2026-10.csv`));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parseCsv(bytes.toString('utf8').slice(1));
    const [header, ...rows] = records;
    expect(header).toHaveLength(table.columns.length);
    const expected = stored(table).map((row) => table.columns.map((c, i) => expectedCsvCell(c.type, row[i])));
    expect(expected.length).toBe(outcome.counts[table.id]);
    expect(rows).toEqual(expected);
  }
  const text = readFileSync(join(folder, 'calls-2026-10.csv'), 'utf8');
  expect(text).toContain('x'.repeat(20_000)); // full text, never truncated
  expect(text).not.toContain('November already');
  expect(text).not.toContain('still September');
});

test('CSV: formula-like text is neutralised, a phone stays recognisable, quotes and line breaks survive', async () => {
  const folder = tempFolder();
  await runExport(db, request(folder, 'csv'), { now });
  const [header, ...rows] = parseCsv(readFileSync(join(folder, 'calls-2026-10.csv'), 'utf8').slice(1));
  const col = (key: string) =>
    header!.indexOf(callsTable.columns.find((c) => c.key === key) ? header![callsTable.columns.findIndex((c) => c.key === key)]! : key);
  const byName = (key: string) => rows.map((r) => r[col(key)]);
  expect(byName('caller_name')).toContain(`'=HYPERLINK("http://x.invalid","a")`);
  // phone numbers stay text in a spreadsheet (a leading tab, invisible), a formula in the phone field gets the quote
  expect(byName('phone')).toEqual(expect.arrayContaining(['\t+86 138-0013-8000', "'=1+1", '\t-138 0013 8000', '\t0571-8888 1234']));
  expect(byName('subject')).toEqual(expect.arrayContaining(["'+SUM(A1:A2)", "'\rCR first", '发票 invoice, "October"']));
  expect(byName('details')).toEqual(expect.arrayContaining(["'-2+3", "'\nLF first", '第一行\n第二行, with a comma\r\n第三行 "quoted"']));
  expect(byName('wants')).toEqual(expect.arrayContaining(["'@cmd", "'\u0000NUL first"]));
  // nothing in the file starts a cell with a formula character
  // nothing in the file starts a cell like a formula; a leading tab only ever keeps a phone or a digit string as text
  for (const row of rows) {
    for (const cell of row) {
      if (cell.startsWith('\t')) expect(looksLikePhone(cell.slice(1)) || numberLosing(cell.slice(1))).toBe(true);
      else expect(formulaLike(cell)).toBe(false);
    }
  }
});

test('XLSX: summary sheet with counts, one sheet per table, frozen header, widths, real local dates, full text', async () => {
  const folder = tempFolder();
  const outcome = await runExport(db, request(folder, 'xlsx', { month: '2026-10' }, 'zh-CN'), { now });
  expect(outcome.files).toEqual(['call-console-2026-10.xlsx']);
  expect(filesIn(folder)).toEqual(['call-console-2026-10.xlsx']);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(folder, 'call-console-2026-10.xlsx'));
  expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '按坐席统计', '来电记录', '投诉', '投诉处理记录', '回访', '客户档案', '电话记录']);
  const t = translator('zh-CN');

  const summary = book.worksheets[0]!;
  const summaryValues = summary
    .getSheetValues()
    .filter(Boolean)
    .map((r) => (r as unknown[]).slice(1));
  expect(summaryValues).toEqual(
    expect.arrayContaining([
      ['来电记录', trickyCalls.length],
      ['投诉', 2],
      ['投诉处理记录', 6],
      ['回访', 2],
      ['客户档案', 1],
      ['总行数', trickyCalls.length + 11],
    ]),
  );

  for (const [i, table] of exportTables.entries()) {
    const sheet = book.worksheets[i + 2]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(table.columns[0]!.width);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toHaveLength(table.columns.length);
    expect(header.every((h) => (typeof h === 'string' && /[\u4e00-\u9fff]/.test(h)) || h === 'JSON')).toBe(true); // headers in the UI language
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(table.columns.map((_, i) => row.getCell(i + 1).value ?? null));
    });
    const expected = stored(table).map((row) =>
      table.columns.map((c, i) => {
        const v = row[i];
        if (v === null || v === '') return null;
        if (c.type === 'date') {
          const ms = Date.parse(String(v));
          return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000); // wall-clock time as Excel shows it
        }
        if (c.type === 'number') return v;
        // exactly the stored text: codes in the UI's words, never a visible quote
        if (c.codes && c.codes !== 'change') return codeLabel(t, c.codes, String(v));
        if (c.codes === 'change')
          return String(v)
            .replace('new', t('complaints:status.new'))
            .replace('in_progress', t('complaints:status.in_progress'))
            .replace('fault', t('complaints:category.fault'))
            .replace('service', t('complaints:category.service'))
            .replace('normal', t('complaints:severity.normal'))
            .replace('major', t('complaints:severity.major'))
            .replace(/^phone$/, t('complaints:how.phone'));
        return String(v);
      }),
    );
    expect(expected.length).toBe(outcome.counts[table.id]);
    expect(rows.map((r) => r.map((v) => (typeof v === 'string' ? decodeOoxmlEscapes(v) : v)))).toEqual(expected);
  }
  // a date cell carries a date format, so Excel shows 2026-10-31 23:30:00, not a serial number
  const lateRow = book.worksheets[2]!.getRow(1 + trickyCalls.length);
  expect(lateRow.getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
  expect((lateRow.getCell(1).value as Date).toISOString()).toBe('2026-10-31T23:30:00.000Z');
});

test('XLSX: phone cells stay exactly as typed; formula-like text carries quotePrefix, never a visible quote', async () => {
  const folder = tempFolder();
  await runExport(db, request(folder, 'xlsx'), { now });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(folder, 'call-console-2026-10.xlsx'));
  const phoneCol = callsTable.columns.findIndex((c) => c.key === 'phone') + 1;
  const phones: unknown[] = [];
  book.worksheets[2]!.eachRow((row, n) => n > 1 && phones.push(row.getCell(phoneCol).value));
  expect(phones).toEqual(expect.arrayContaining(['+86 138-0013-8000', '=1+1', '-138 0013 8000', '0571-8888 1234']));
  expect(phones.every((p) => p === null || typeof p === 'string')).toBe(true); // text cells, never formulas
  const { cells } = quotePrefixCheck(join(folder, 'call-console-2026-10.xlsx'));
  expect(cells).toBeGreaterThan(10);
});

test('a month is the local calendar month: 23:30 on 31 October (Shanghai) is October, 00:00 on 1 November is not', async () => {
  expect(process.env.TZ).toBe('Asia/Shanghai');
  const folder = tempFolder();
  const oct = await runExport(db, request(folder, 'csv', { month: '2026-10' }), { now });
  const nov = await runExport(db, request(folder, 'csv', { month: '2026-11' }), { now });
  const sep = await runExport(db, request(folder, 'csv', { month: '2026-09' }), { now });
  expect([sep.counts.calls, oct.counts.calls, nov.counts.calls]).toEqual([1, trickyCalls.length, 1]);
  const october = readFileSync(join(folder, 'calls-2026-10.csv'), 'utf8');
  expect(october).toContain('2026-10-31 23:30:00');
  expect(readFileSync(join(folder, 'calls-2026-11.csv'), 'utf8')).toContain('2026-11-01 00:00:00');
});

test('a week or any range of days is inclusive of both days; all time takes everything', async () => {
  const folder = tempFolder();
  const week = await runExport(db, request(folder, 'csv', { from: '2026-10-05', to: '2026-10-11' }), { now });
  expect(week.counts.calls).toBe(2); // the 5th and the 9th
  expect(week.files[0]).toBe('calls-2026-10-05_2026-10-11.csv');
  const all = await runExport(db, request(folder, 'csv', { all: true }), { now });
  expect(all.counts.calls).toBe(trickyCalls.length + 2);
});

test('every export is recorded: who, when, period, format, counts, folder', async () => {
  const folder = tempFolder();
  await runExport(db, request(folder, 'xlsx'), { now });
  const log = db.prepare('SELECT * FROM exports_log').all() as Record<string, string>[];
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ actor: 'Test Lead', format: 'xlsx', status: 'done', period_label: '2026-10', folder, created_at: now().toISOString() });
  expect(JSON.parse(log[0]!.row_counts!)).toEqual(octoberCounts);
  expect(JSON.parse(log[0]!.files!)).toEqual(['call-console-2026-10.xlsx']);
});

/** one CSV file of an export as records keyed by column key */
function csvTable(folder: string, table: ExportTable, label = '2026-10'): Record<string, string>[] {
  const [, ...rows] = parseCsv(readFileSync(join(folder, `${table.id}-${label}.csv`), 'utf8').slice(1));
  return rows.map((r) => Object.fromEntries(table.columns.map((c, i) => [c.key, r[i]!])));
}

test('complaints, their full timelines and callbacks: exact text, neutralised in CSV and XLSX alike', async () => {
  const folder = tempFolder();
  await runExport(db, request(folder, 'csv'), { now });
  const complaints = csvTable(folder, complaintsTable);
  expect(complaints.map((c) => c.number)).toEqual(['TS-202610-0001', 'TS-202610-0002']);
  expect(complaints[0]).toMatchObject({
    matter: '热水器漏水，第一行\n第二行, "quoted", with a comma',
    fault_symptom: "'-漏水 leaking",
    category: 'fault',
    status: 'in_progress',
    last_reply: "'+已电话告知 plan",
  });
  expect(complaints[1]).toMatchObject({
    matter: "'=SUM(A1:A9) 投诉 billing",
    customer_name: `'=HYPERLINK("http://x.invalid","a")`,
    phone: "'=1+1",
    severity: 'major',
    escalated: '1',
    escalated_to: '李主管',
    created_at: '2026-10-31 23:30:00',
  });

  const events = csvTable(folder, complaintEventsTable);
  expect(events.map((e) => `${e.complaint_number}#${e.seq} ${e.kind}`)).toEqual([
    'TS-202610-0001#1 created',
    'TS-202610-0001#2 note',
    'TS-202610-0001#3 reply',
    'TS-202610-0001#4 status',
    'TS-202610-0002#1 created',
    'TS-202610-0002#2 escalation',
  ]);
  expect(events[1]!.text).toBe('\'@王经理 请跟进\r\n第二行 "引号", 逗号');
  expect(events[2]).toMatchObject({ text: "'+已电话告知 plan", change: 'phone', when: '2026-10-02 11:00:00' });
  expect(events[3]).toMatchObject({ change: 'new → in_progress' });
  expect(events[4]!.text).toBe("'=SUM(A1:A9) 投诉 billing");
  expect(events[5]!.text).toBe('重大投诉 ' + 'y'.repeat(5_000)); // full text, never truncated
  expect(events[5]).toMatchObject({ change: '李主管', when: '2026-10-31 23:31:00' });
  expect(JSON.parse(events[1]!.data!)).toEqual({ text: '@王经理 请跟进\r\n第二行 "引号", 逗号' }); // the JSON starts with "{", safe as it is

  const callbacks = csvTable(folder, callbacksTable);
  expect(callbacks).toEqual([
    expect.objectContaining({
      reason: '产品回访, "first month"\n第二行',
      status: 'done',
      done_at: '2026-10-10 10:00:00',
      result: "'@满意 satisfied",
      satisfaction: '5',
      customer_name: '李娜',
    }),
    expect.objectContaining({ reason: "'=quarterly 季度回访", status: 'pending', done_at: '', satisfaction: '', phone: '\t-0571 8888 1234' }),
  ]);

  // the same cells in the workbook
  await runExport(db, request(folder, 'xlsx'), { now });
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(folder, 'call-console-2026-10.xlsx'));
  const sheet = (table: ExportTable) => {
    const ws = book.worksheets[exportTables.indexOf(table) + 2]!;
    const out: Record<string, unknown>[] = [];
    ws.eachRow((row, n) => n > 1 && out.push(Object.fromEntries(table.columns.map((c, i) => [c.key, row.getCell(i + 1).value]))));
    return out;
  };
  const xComplaints = sheet(complaintsTable);
  expect(xComplaints[1]).toMatchObject({ matter: '=SUM(A1:A9) 投诉 billing', phone: '=1+1', severity: 'Major', status: 'New' });
  expect(xComplaints[0]).toMatchObject({
    phone: '+86 138-0013-8000',
    matter: '热水器漏水，第一行\n第二行, "quoted", with a comma',
    category: 'Fault report',
    status: 'In progress',
  });
  const xEvents = sheet(complaintEventsTable);
  expect(xEvents[1]!.text).toBe('@王经理 请跟进\r\n第二行 "引号", 逗号');
  expect(xEvents[3]).toMatchObject({ kind: 'Status change', change: 'New → In progress' });
  expect(xEvents[5]!.text).toBe('重大投诉 ' + 'y'.repeat(5_000));
  expect(sheet(callbacksTable)[1]).toMatchObject({ reason: '=quarterly 季度回访', phone: '-0571 8888 1234', status: 'Pending' });
  // every formula-like text cell carries quotePrefix; no cell shows a quote that is not in the database
  expect(quotePrefixCheck(join(folder, 'call-console-2026-10.xlsx')).cells).toBeGreaterThan(5);
});

test('complaints follow the local month too: 23:30 on 31 October is October, with its whole timeline', async () => {
  const folder = tempFolder();
  const oct = await runExport(db, request(folder, 'csv', { month: '2026-10' }), { now });
  const nov = await runExport(db, request(folder, 'csv', { month: '2026-11' }), { now });
  expect(oct.counts).toMatchObject({ complaints: 2, complaint_events: 6, callbacks: 2 });
  expect(nov.counts).toMatchObject({ complaints: 1, complaint_events: 2, callbacks: 0 });
  expect(csvTable(folder, complaintsTable).map((c) => c.created_at)).toContain('2026-10-31 23:30:00');
  expect(csvTable(folder, complaintsTable, '2026-11').map((c) => c.matter)).toEqual(['November complaint']);
  expect(csvTable(folder, complaintEventsTable, '2026-11').map((e) => e.text)).toEqual(['November complaint', 'November note']);
});

test('calls carry the workspace columns: outcome, late answer, the checklist ticks, after-call work, script version', async () => {
  const id = insertCall(db, { createdAt: '2026-10-12T02:00:00.000Z', subject: 'workspace call', endedAfterS: 120 });
  db.prepare(
    `UPDATE calls SET late_answer = 1, disposition_id = '01930000-0000-7000-8000-000000000100', script_version_id = '01930000-0000-7000-8000-000000000001',
       checklist = json_object('confirmed', '2026-10-12T02:01:00.000Z', 'thanked', '2026-10-12T02:02:00.000Z'),
       wrapped_at = '2026-10-12T02:03:00.000Z' WHERE id = ?`,
  ).run(id);
  const folder = tempFolder();
  await runExport(db, request(folder, 'csv'), { now });
  const row = csvTable(folder, callsTable).find((c) => c.id === id)!;
  expect(row).toMatchObject({
    disposition: '当场解决 / Resolved on the call',
    late_answer: '1',
    checklist: 'confirmed, thanked',
    ended_at: '2026-10-12 10:02:05',
    wrapped_at: '2026-10-12 10:03:00',
    after_call_work_seconds: '55',
    script_version: 'zh-CN v1',
  });
});

test('timelines are read in keyset batches without losing or repeating an entry, whatever the batch size', async () => {
  const one = tempFolder();
  const big = tempFolder();
  const small = await runExport(db, request(one, 'csv'), { now, batchSize: 1 });
  await runExport(db, request(big, 'csv'), { now });
  expect(small.counts.complaint_events).toBe(6);
  for (const table of [complaintsTable, complaintEventsTable, callbacksTable]) {
    expect(readFileSync(join(one, `${table.id}-2026-10.csv`), 'utf8')).toBe(readFileSync(join(big, `${table.id}-2026-10.csv`), 'utf8'));
  }
});
