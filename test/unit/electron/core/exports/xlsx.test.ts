import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeOoxmlEscapes,
  excelLocalMs,
  excelLocalSerial,
  putSerial,
  putXmlText,
  xmlText,
  XlsxWriter,
  XML_BYTES_PER_UNIT,
} from '../../../../../electron/core/exports/xlsx';
import { Utf8Chunks } from '../../../../../electron/core/exports/utf8-chunks';

function bytesOf(text: string): Buffer {
  const out = new Utf8Chunks(8);
  out.reserve(XML_BYTES_PER_UNIT * text.length);
  putXmlText(out, text);
  return Buffer.concat(out.take());
}

const tricky = fc.constantFrom(
  '&',
  '<',
  '>',
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\u001F',
  '_x0041_',
  'x0042_',
  '_x',
  '_',
  '\uD83D',
  '\uDE00',
  '😀',
  '\uFFFE',
  '\uFFFF',
  '退款',
  'é',
  'a',
);
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(tricky, fc.string({ unit: 'binary' })), { maxLength: 8 }).map((p) => p.join('')),
);

test('the sheet XML the export writes is byte for byte the escaped text, for any text', () => {
  fc.assert(
    fc.property(text, (s) => {
      expect(bytesOf(s).equals(Buffer.from(xmlText(s)))).toBe(true);
    }),
  );
});

test('a literal "_x0041_" run of several escapes in a cell reads back as typed', () => {
  for (const s of ['_x0041_x0042_', '_x0041__x0042_', 'a_x00e9_b_x0000_', '__x0041_']) {
    const entities = bytesOf(s)
      .toString()
      .replace(/&(amp|lt|gt|#13);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', '#13': '\r' })[e]!);
    expect(decodeOoxmlEscapes(entities)).toBe(s);
  }
});

test('text that repeats is stored once in the shared string table; a column of unique ids leaves it after a trial, so it stays small', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cc-xlsx-'));
  const file = join(dir, 'x.xlsx');
  const stream = createWriteStream(file);
  const closed = new Promise<void>((resolve) => stream.on('close', () => resolve()));
  const writer = new XlsxWriter(stream, 'test');
  const words = ['已完成', '=1+1', ' leading space', 'Maria Lopez'];
  const rows = Array.from({ length: 5_000 }, (_, i) => [`01a24848-${i}`, words[i % words.length]!]);
  const columns = [
    { key: 'id', type: 'text' as const, width: 38 },
    { key: 'status', type: 'text' as const, width: 10 },
  ];
  writer.startSheet('calls', columns, ['id', 'status']);
  for (let i = 0; i < rows.length; i += 1_000) writer.addRows(rows.slice(i, i + 1_000));
  writer.endSheet();
  await writer.finish();
  await closed;

  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const read: unknown[][] = [];
  book.worksheets[0]!.eachRow((row, n) => n > 1 && read.push([row.getCell(1).value, row.getCell(2).value]));
  expect(read).toEqual(rows);
  const table = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  const entries = table.match(/<si>/g)?.length ?? 0;
  // the words (but not the one with a leading space, which stays in its cell) and the first ids
  expect(entries).toBeGreaterThanOrEqual(3);
  expect(entries).toBeLessThan(1_500);
  expect(table).not.toContain('leading space');
}, 60_000);

function serialText(iso: string): string {
  const out = new Utf8Chunks(8);
  out.reserve(24);
  putSerial(out, excelLocalMs(iso)!);
  return Buffer.concat(out.take()).toString('latin1');
}

test('a date cell holds the serial date of the local time, as close as a double can say it, and reads back to the millisecond', () => {
  fc.assert(
    fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString();
      const text = serialText(iso);
      expect(text).toMatch(/^\d+(\.\d{0,11}[1-9])?$/);
      // within two units in the last place of the double the general path computes
      expect(Math.abs(Number(text) - excelLocalSerial(iso)!)).toBeLessThanOrEqual(2 * 2 ** (Math.floor(Math.log2(Number(text))) - 52));
      // what a reader (Excel, exceljs) makes of it: the local wall-clock time to the millisecond
      expect(Math.round((Number(text) - 25_569) * 86_400_000)).toBe(d.getTime() - d.getTimezoneOffset() * 60_000);
    }),
  );
  // whole days and round times have no trailing zeros; the first fraction digits may be zeros
  const local = (y: number, mo: number, day: number, h = 0, mi = 0, sec = 0, ms = 0) => new Date(y, mo - 1, day, h, mi, sec, ms).toISOString();
  expect(serialText(local(2026, 10, 1))).toBe('46296');
  expect(serialText(local(2026, 10, 1, 12))).toBe('46296.5');
  expect(serialText(local(2026, 10, 1, 6))).toBe('46296.25');
  expect(serialText(local(2026, 10, 1, 0, 0, 0, 1))).toBe('46296.000000011574');
  expect(serialText(local(2026, 10, 1, 0, 0, 8, 640))).toBe('46296.0001');
  expect(serialText(local(2026, 10, 1, 23, 59, 59, 999))).toBe('46296.999999988426');
});
