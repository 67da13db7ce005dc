// The exports as a person's spreadsheet reads them: LibreOffice (headless) opens the XLSX and the
// CSV files and converts every sheet, and what it shows is checked against the database — row
// counts, every cell of every column (text exactly, numbers and dates as values, phone numbers with
// their leading zeros), no visible ' that is not in the data, and no evaluated formula for any of
// the hostile strings, also when the CSV is opened with "trim spaces" or with ";" as separator.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../../electron/core/db/open';
import { fillDemoData } from '../../../../../electron/core/db/demo-data';
import { runExport, type ExportRequest } from '../../../../../electron/core/exports/run';
import { exportTables, type ExportColumn, type ExportTable } from '../../../../../electron/core/exports/tables';
import { localDateTime } from '../../../../../electron/core/exports/csv';
import { codeLabel, translator } from '../../../../../electron/core/exports/labels';
import { looksLikePhone } from '../../../../../electron/core/exports/neutralise';
import { resolvePeriod } from '../../../../../shared/domain/period';
import { insertCall, tempFolder } from '../../../../helpers/exports';

vi.setConfig({ testTimeout: 240_000 });

function which(cmd: string): string | null {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const soffice = which('soffice');

/** what people type that a spreadsheet could run: each must come back as the same text */
const HOSTILE = [' =7+7', 'x;=1+1', '＝8+8', '=1+1', '@张伟 please follow up', '+SUM(1,2)', '-2+3', 'a;b;=3+3', '\u3000=5+5', 'line one\n=4+4'];
/** phone numbers a spreadsheet would turn into numbers */
const PHONES = ['057188886666', '13800138000', '+86 138-0013-8000', '0571-8888 1234', '(+852) 9123 4567'];

const period = resolvePeriod({ month: '2026-10' });
const now = () => new Date('2026-11-01T02:00:00.000Z');

let dir: string;
let db: Db;
beforeAll(() => {
  if (!soffice) return;
  dir = tempFolder('cc-lo-');
  db = openDatabase(join(dir, 'call-console.db'));
  fillDemoData(db, { calls: 300, from: new Date(period.from), to: new Date(period.to), seed: 7, now: now() });
  HOSTILE.forEach((text, i) =>
    insertCall(db, {
      createdAt: new Date(Date.parse('2026-10-20T02:00:00.000Z') + i * 60_000).toISOString(),
      callerName: text,
      subject: text,
      details: `note ${text}`,
      phone: PHONES[i % PHONES.length]!,
      category: 'inquiry',
    }),
  );
});
afterAll(() => db?.close());

/** LibreOffice with its own profile (parallel runs must not share one), HOME in the temp folder */
function lo(args: string[]): void {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  execFileSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${home}/profile`, ...args], {
    env: { ...process.env, HOME: home },
    stdio: 'pipe',
    timeout: 180_000,
  });
}

interface Field {
  value: string;
  quoted: boolean;
}

/** LibreOffice's CSV: quoted text (its "quote all text cells"), bare numbers and dates, LF or CRLF. */
function readCsv(text: string): Field[][] {
  const rows: Field[][] = [];
  let row: Field[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') value += text[i++];
    }
    row.push({ value, quoted });
    if (text[i] === ',') i++;
    else {
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

/** the rows the database holds for a table in the period, as the registry selects them */
function stored(table: ExportTable): unknown[][] {
  const rows: unknown[][] = [];
  const cutoff = table.cutoff(db);
  for (const batch of table.batches(db, period, cutoff, 10_000)) rows.push(...batch.map((r) => r.slice(0, table.columns.length)));
  return rows;
}

/** control characters XML cannot carry (the XLSX escapes them; LibreOffice drops them) */
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids, matched on purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/** LibreOffice keeps one kind of line break in a cell */
const lines = (s: string) => s.replace(/\r\n?/g, '\n');

const t = translator('en');
function shownText(column: ExportColumn, value: string): string {
  if (column.codes === 'change') {
    // each code in a timeline change ("new → in_progress", "fault / normal / 赵敏") in words
    return value
      .split(/( → | \/ )/)
      .map(
        (part) =>
          ['complaintStatus', 'complaintCategory', 'severity', 'replyChannel'].map((g) => codeLabel(t, g as 'severity', part)).find((w) => w !== part) ?? part,
      )
      .join('');
  }
  if (column.codes) return codeLabel(t, column.codes, value);
  return value;
}

test.skipIf(!soffice)(
  '(skipped without soffice: apt libreoffice-calc-nogui) XLSX in LibreOffice: every sheet, every cell as the database holds it, no visible quote, no formula run',
  async () => {
    const out = join(dir, 'xlsx');
    const outcome = await runExport(db, request(out, 'xlsx'), { now });
    const file = join(out, outcome.files[0]!);
    const csvDir = join(dir, 'xlsx-csv');
    // one CSV per sheet: text quoted, numbers and dates bare and formatted as shown, results not formulas
    lo(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1', '--outdir', csvDir, file]);
    const sheets = readdirSync(csvDir);
    expect(sheets).toHaveLength(2 + exportTables.length); // summary, per agent, one per table

    for (const table of exportTables) {
      const name = sheets.find((s) => s.endsWith(`-${t(`exports:tables.${table.id}`)}.csv`))!;
      expect(name, table.id).toBeDefined();
      const [header, ...rows] = readCsv(readFileSync(join(csvDir, name), 'utf8'));
      const expected = stored(table);
      expect(rows.length, `${table.id}: rows`).toBe(outcome.counts[table.id]);
      expect(rows.length).toBe(expected.length);
      expect(header!.map((h) => h.value)).toEqual(table.columns.map((c) => t(`exports:columns.${table.id}.${c.key}`)));
      rows.forEach((row, r) => {
        table.columns.forEach((column, c) => {
          const cell = row[c] ?? { value: '', quoted: false };
          const value = expected[r]![c];
          const where = `${table.id} row ${r + 2} ${column.key}`;
          if (value === null || value === undefined || value === '') return expect(cell.value, where).toBe('');
          if (column.type === 'number') return expect({ n: Number(cell.value), quoted: cell.quoted }, where).toEqual({ n: value, quoted: false });
          if (column.type === 'date') return expect({ v: cell.value, quoted: cell.quoted }, where).toEqual({ v: localDateTime(String(value)), quoted: false });
          // text and phones: a text cell, exactly the stored text (codes in words), nothing added
          const text = lines(shownText(column, String(value)).replace(CONTROL, ''));
          expect({ v: lines(cell.value), quoted: cell.quoted }, where).toEqual({ v: text, quoted: true });
        });
      });
    }

    // the cases from the field, by name: phones with leading zeros, each hostile string as text
    const calls = readCsv(
      readFileSync(
        join(
          csvDir,
          sheets.find((s) => s.endsWith('-Calls.csv'))!,
        ),
        'utf8',
      ),
    );
    const column = (key: string) => calls.slice(1).map((r) => r[exportTables[0]!.columns.findIndex((c) => c.key === key)]!.value);
    expect(column('phone')).toEqual(expect.arrayContaining(PHONES));
    expect(column('caller_name')).toEqual(expect.arrayContaining(HOSTILE.map(lines)));
    expect(column('caller_name')).not.toEqual(expect.arrayContaining(['14', '2', '16', '6', '10', '8']));
    expect(column('category')).toContain('Inquiry');
    expect(column('category')).not.toContain('inquiry');
    const all = readdirSync(csvDir)
      .map((s) => readFileSync(join(csvDir, s), 'utf8'))
      .join('\n');
    expect(all).not.toMatch(/(^|[,\n])"'/); // no cell begins with a visible quote

    // and printed: landscape A4, one page wide, header row repeated (the workbook's own settings)
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('Calls')!;
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
  },
);

function request(folder: string, format: ExportRequest['format']): ExportRequest {
  return { period, format, folder, language: 'en', actor: { agentId: null, name: 'Test Lead' } };
}

/** a workbook cell as LibreOffice left it: text, number, date or formula */
function kind(value: ExcelJS.CellValue): 'empty' | 'text' | 'number' | 'date' | 'formula' {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (value instanceof Date) return 'date';
  if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) return 'formula';
  if (typeof value === 'object' && 'richText' in value) return 'text';
  return 'text';
}
function text(value: ExcelJS.CellValue): string {
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return String(value ?? '');
}

// CSV import options (LibreOffice's filter tokens): separator, quote, UTF-8, first line, -, language,
// quoted-as-text, detect special numbers, -, -, trim spaces, -, evaluate formulas
const asOpened = {
  'double-click': 'CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true',
  'trim spaces': 'CSV:44,34,76,1,,1033,false,true,false,false,true,-1,true',
  'semicolon separator': 'CSV:59,34,76,1,,1033,false,true,false,false,true,-1,true',
} as const;

test.skipIf(!soffice)(
  '(skipped without soffice: apt libreoffice-calc-nogui) CSV in LibreOffice: phones keep their digits, dates and numbers are values, no hostile string runs however it is opened',
  async () => {
    const out = join(dir, 'csv');
    const outcome = await runExport(db, request(out, 'csv'), { now });
    // a control: the unguarded text from the field, which LibreOffice does run when split at ";"
    const control = join(dir, 'control.csv');
    writeFileSync(control, '\uFEFFa,x;=1+1\r\n');
    const files = [...outcome.files.map((f) => join(out, f)), control];
    for (const [how, filter] of Object.entries(asOpened)) {
      const target = join(dir, `csv-${how.replace(/\W/g, '-')}`);
      lo([`--infilter=${filter}`, '--convert-to', 'xlsx', '--outdir', target, ...files]);
      if (how === 'semicolon separator') {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(target, 'control.xlsx'));
        expect(kind(book.worksheets[0]!.getRow(1).getCell(2).value)).toBe('formula'); // so the check below can fail
      }
      for (const table of exportTables) {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(target, `${table.id}-2026-10.xlsx`));
        const sheet = book.worksheets[0]!;
        // no formula anywhere, whichever way the file was opened
        sheet.eachRow((row, n) =>
          row.eachCell((cell, c) => expect(kind(cell.value), `${how}: ${table.id} R${n}C${c} ${text(cell.value)}`).not.toBe('formula')),
        );
        if (how === 'semicolon separator') continue; // split in the wrong places by design; only safety counts
        const expected = stored(table);
        expect(sheet.actualRowCount, `${how}: ${table.id}`).toBe(expected.length + 1);
        expected.forEach((values, r) => {
          table.columns.forEach((column, c) => {
            const value = values[c];
            const cell = sheet.getRow(r + 2).getCell(c + 1).value;
            const where = `${how}: ${table.id} row ${r + 2} ${column.key}`;
            if (value === null || value === undefined || value === '') return;
            if (column.type === 'number') return expect(cell, where).toBe(value);
            if (column.type === 'date') return expect(kind(cell), where).toBe('date');
            // free text that is a date ("2026-10-05 14:00" typed as the fault time) may become a date value
            if (/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/.test(String(value)) && kind(cell) === 'date') return;
            expect(kind(cell), where).toBe('text');
            const shown = text(cell);
            if (column.type === 'phone' && looksLikePhone(String(value))) {
              return expect(shown, where).toBe(`\t${String(value)}`); // the digits exactly, kept as text by an invisible tab
            }
            // the stored text (codes stay codes), a ' in front only when it could run as a formula
            const bare = shown.startsWith("'") || shown.startsWith('\t') ? shown.slice(1) : shown;
            const trim = how === 'trim spaces' ? (x: string) => x.trim() : (x: string) => x; // what that option is for
            expect(trim(lines(bare).replace(/'(?=[\s=+\-@＝＋－＠"])/g, '')), where).toBe(trim(lines(String(value)).replace(CONTROL, '')));
          });
        });
      }
    }
    // the named cases once more, as a person sees them after a double-click
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'csv-double-click', 'calls-2026-10.xlsx'));
    const calls = book.worksheets[0]!;
    const phoneCol = exportTables[0]!.columns.findIndex((c) => c.key === 'phone') + 1;
    const phones: string[] = [];
    calls.eachRow((row, n) => n > 1 && phones.push(text(row.getCell(phoneCol).value).trim()));
    expect(phones).toEqual(expect.arrayContaining(PHONES));
    expect(existsSync(join(dir, 'csv-trim-spaces', 'calls-2026-10.xlsx'))).toBe(true);
  },
);
