// XLSX through exceljs's streaming WorkbookWriter: it builds the package (workbook, styles, column
// widths, frozen header, the summary sheet). The data rows are rendered here as sheet XML and
// handed to the zip entry of the worksheet in batches: exceljs's per-cell model costs ~8 s per
// 100 000 calls on this hardware, our renderer a fraction of that (test/bench/export.bench.ts).
// The rows' XML is written as UTF-8 bytes straight into large buffers (utf8-chunks.ts, putXmlText)
// and each batch goes to the zip as those buffers, so deflate (on libuv's thread pool) compresses
// it while the next batch is rendered; through exceljs's 64 KB buffers every chunk needed the main
// thread and the two took turns (~0.5 s more per 100 000 calls). This uses internals of exceljs
// 4.4.0 (the worksheet's stream and its pipes, workbook.styles); the round-trip tests read every
// file back with exceljs's reader, so a change there fails the tests, not the users.
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { ColumnType, ExportColumn } from './tables';
import { needsQuotePrefix, phoneForXlsx } from './neutralise';
import { putPair, putUtf8, Utf8Chunks } from './utf8-chunks';
import { isoHourShape } from './csv';

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_OFFSET_DAYS = 25_569; // 1970-01-01 in Excel's 1900 date system

// Per UTC hour ("2026-10-31T15"): the local serial of that hour's start, when the zone's offset
// is whole hours (DST changes on the hour); minutes, seconds and milliseconds are then added from
// the string. Half-hour zones and other shapes take the general path.
const hourSerial = new Map<string, number | null>();
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/** A UTC instant as an Excel serial date in the workstation's local time (what people read). */
export function excelLocalSerial(iso: string): number | null {
  if (isoHourShape(iso)) {
    const key = iso.slice(0, 13);
    let base = hourSerial.get(key);
    if (base === undefined) {
      const ms = Date.parse(`${key}:00:00.000Z`);
      const offset = Number.isNaN(ms) ? 1 : -new Date(ms).getTimezoneOffset() * 60_000;
      base = offset % 3_600_000 === 0 ? (ms + offset) / MS_PER_DAY + EXCEL_EPOCH_OFFSET_DAYS : null;
      if (hourSerial.size > 200_000) hourSerial.clear();
      hourSerial.set(key, base);
    }
    if (base !== null) {
      const ms =
        (digit(iso, 14) * 10 + digit(iso, 15)) * 60_000 +
        (digit(iso, 17) * 10 + digit(iso, 18)) * 1000 +
        digit(iso, 20) * 100 +
        digit(iso, 21) * 10 +
        digit(iso, 22);
      if (ms >= 0 && ms < 3_600_000) return base + ms / MS_PER_DAY;
    }
  }
  const d = new Date(iso);
  const ms = d.getTime();
  if (Number.isNaN(ms)) return null;
  return (ms - d.getTimezoneOffset() * 60_000) / MS_PER_DAY + EXCEL_EPOCH_OFFSET_DAYS;
}

// The same local time as an integer: milliseconds since Excel's day 0 (1899-12-30 local), per UTC
// hour as above. Rows come in time order, so most dates fall in the hour of the one before.
const hourExcelMs = new Map<string, number | null>();
let lastHour = '';
let lastHourMs: number | null = null;

/** excelLocalSerial(iso) × 86 400 000, exact, or null when the fast path does not apply. */
export function excelLocalMs(iso: string): number | null {
  if (!isoHourShape(iso)) return null;
  let base: number | null;
  if (lastHour !== '' && iso.startsWith(lastHour)) base = lastHourMs;
  else {
    const key = iso.slice(0, 13);
    base = hourExcelMs.get(key) ?? null;
    if (!hourExcelMs.has(key)) {
      const ms = Date.parse(`${key}:00:00.000Z`);
      const offset = Number.isNaN(ms) ? 1 : -new Date(ms).getTimezoneOffset() * 60_000;
      base = offset % 3_600_000 === 0 ? ms + offset + EXCEL_EPOCH_OFFSET_DAYS * MS_PER_DAY : null;
      if (hourExcelMs.size > 200_000) hourExcelMs.clear();
      hourExcelMs.set(key, base);
    }
    lastHour = key;
    lastHourMs = base;
  }
  if (base === null) return null;
  const ms =
    (digit(iso, 14) * 10 + digit(iso, 15)) * 60_000 +
    (digit(iso, 17) * 10 + digit(iso, 18)) * 1000 +
    digit(iso, 20) * 100 +
    digit(iso, 21) * 10 +
    digit(iso, 22);
  return ms < 3_600_000 && base + ms >= 0 ? base + ms : null;
}

/** A whole number below 2³¹ as decimal digits at `pos`; returns the new position. */
export function putUint(buf: Buffer, pos: number, n: number): number {
  let width = 1;
  for (let p = 10; p <= n; p *= 10) width++;
  for (let k = pos + width - 1; k >= pos; k--) {
    buf[k] = 48 + (n % 10);
    n = (n / 10) | 0;
  }
  return pos + width;
}

/**
 * The serial date of `excelMs` (excelLocalMs) as decimal digits at out.pos: the whole days, then
 * the fraction to 12 places (17 significant digits, as a double holds), trailing zeros dropped.
 * Integer arithmetic instead of a double divided and turned into text: that conversion was a fifth
 * of the sheet's rendering. The value is within 10⁻¹² days (0.1 µs) of the exact instant, as close
 * as String(serial) is. The caller has reserved 24 bytes.
 */
export function putSerial(out: Utf8Chunks, excelMs: number): void {
  const buf = out.buf;
  let pos = out.pos;
  const days = Math.floor(excelMs / MS_PER_DAY);
  const rest = excelMs - days * MS_PER_DAY;
  pos = putUint(buf, pos, days);
  if (rest > 0) {
    // rest / 86 400 000 × 10¹² = rest × 10⁷ / 864: exact integers below 2⁵³, one rounding; then
    // written as two halves of six digits, small integers the JIT keeps in registers
    const frac = Math.round((rest * 10_000_000) / 864);
    let high = Math.floor(frac / 1_000_000);
    let low = frac - high * 1_000_000;
    buf[pos++] = 46; // .
    let digits = 12;
    if (low === 0) {
      digits = 6;
      low = high;
      high = -1;
    }
    while (low % 10 === 0) {
      low = (low / 10) | 0;
      digits--;
    }
    // the low half's digits after the high half's six
    const end = pos + digits;
    let k = end - 1;
    for (const stop = high >= 0 ? pos + 6 : pos; k >= stop; k--) {
      buf[k] = 48 + (low % 10);
      low = (low / 10) | 0;
    }
    for (; k >= pos; k--) {
      buf[k] = 48 + (high % 10);
      high = (high / 10) | 0;
    }
    pos = end;
  }
  out.pos = pos;
}

/* eslint-disable no-control-regex -- the characters XML 1.0 forbids, matched on purpose */
const XML_SPECIAL =
  /[&<>\r]|_(?=x[0-9A-Fa-f]{4}_)|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

const HEX = '0123456789ABCDEF';

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * Text for a <t> element. Characters XML 1.0 cannot carry (NUL, other C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) use OOXML's _xHHHH_ escape, which Excel decodes; an underscore that
 * starts a literal "_x0041_" in the text is escaped itself (_x005F_), so it reads back as typed. CR
 * is a character reference so XML parsing keeps it. (The export writes the same bytes with
 * putXmlText; this string form is the reference the tests hold it to.)
 */
export function xmlText(text: string): string {
  return text.replace(XML_SPECIAL, (ch) => {
    if (ch === '&') return '&amp;';
    if (ch === '<') return '&lt;';
    if (ch === '>') return '&gt;';
    if (ch === '\r') return '&#13;';
    return `_x${hex4(ch.charCodeAt(0))}_`;
  });
}

const isHex = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

function putAscii(buf: Buffer, pos: number, text: string): number {
  for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
  return pos;
}

function putEscape(buf: Buffer, pos: number, c: number): number {
  buf[pos++] = 95; // _
  buf[pos++] = 120; // x
  buf[pos++] = HEX.charCodeAt(c >> 12);
  buf[pos++] = HEX.charCodeAt((c >> 8) & 15);
  buf[pos++] = HEX.charCodeAt((c >> 4) & 15);
  buf[pos++] = HEX.charCodeAt(c & 15);
  buf[pos++] = 95;
  return pos;
}

/** at most this many bytes per UTF-16 code unit of text ("_x0000_") */
export const XML_BYTES_PER_UNIT = 7;

/**
 * The UTF-8 bytes of xmlText(text), written at out.pos in one pass over the text (no regular
 * expression, no intermediate string): the export's hot path. The caller has reserved
 * XML_BYTES_PER_UNIT * text.length bytes.
 */
export function putXmlText(out: Utf8Chunks, text: string): void {
  const buf = out.buf;
  let pos = out.pos;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20) {
        if (c === 38) pos = putAscii(buf, pos, '&amp;');
        else if (c === 60) pos = putAscii(buf, pos, '&lt;');
        else if (c === 62) pos = putAscii(buf, pos, '&gt;');
        else if (
          c === 95 &&
          i + 6 < n &&
          text.charCodeAt(i + 1) === 120 &&
          isHex(text.charCodeAt(i + 2)) &&
          isHex(text.charCodeAt(i + 3)) &&
          isHex(text.charCodeAt(i + 4)) &&
          isHex(text.charCodeAt(i + 5)) &&
          text.charCodeAt(i + 6) === 95
        )
          pos = putEscape(buf, pos, 95);
        else buf[pos++] = c;
      } else if (c === 9 || c === 10) buf[pos++] = c;
      else if (c === 13) pos = putAscii(buf, pos, '&#13;');
      else pos = putEscape(buf, pos, c);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        pos = putPair(buf, pos, c, next);
        i++;
      } else pos = putEscape(buf, pos, c);
    } else if (c >= 0xfffe) pos = putEscape(buf, pos, c);
    else pos = putUtf8(buf, pos, c);
  }
  out.pos = pos;
}

/** Undoes the _xHHHH_ escape (for readers that do not, e.g. exceljs; used by the tests). */
export function decodeOoxmlEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

interface InternalWorksheet {
  /** exceljs's StreamBuf: `pipes` are the zip entry streams it pushes into, ignoring backpressure */
  stream: { pipes?: NodeJS.WritableStream[]; _flush(): void };
}

/** how much compressed-to-be XML may wait in the zip's queue before the writer waits */
const MAX_PENDING_BYTES = 8 * 1024 * 1024;
interface InternalWorkbook {
  styles: { addStyleModel(model: unknown, cellType?: number): number; model: { styles: string[] } };
  /** what exceljs writes as xl/sharedStrings.xml at commit (whatever its useSharedStrings option) */
  sharedStrings: { add(value: string): number; _totalRefs: number };
}

// Shared strings: a text that repeats (the words for codes, agents, regions, outcomes) is written
// once in the workbook's string table and each cell holds its number, a third of the sheet's bytes
// on a month of demo calls, so a third less to encode and to deflate. A column whose texts rarely
// repeat (ids, phone numbers, free text) stops using the table after its first rows, and the table
// has a fixed ceiling, so memory stays flat however large the export.
const SHARED_TRIAL = 1_000; // lookups before a column is judged
const SHARED_MAX_NEW = 2; // a column keeps the table while at most half of its lookups met a new text
const SHARED_MAX_STRINGS = 20_000;
const SHARED_MAX_LENGTH = 100;
const NOT_SHARED = -1;

/**
 * Text the table may hold: what exceljs writes for it reads back as the same text. exceljs escapes
 * & < > " ' alike but neither control characters nor a literal "_x0041_" the way putXmlText does,
 * and marks leading or trailing white space by its own rule: such text stays in the cell.
 */
function shareable(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > SHARED_MAX_LENGTH || /^\s|\s$/.test(text)) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 95 /* _ */ || (c >= 0xd800 && c <= 0xdfff) || c >= 0xfffe) return false;
  }
  return true;
}

/** A stored code → the word people read (see exports/labels.ts); absent for columns without codes. */
export type CellLabel = ((value: string) => string) | undefined;

/**
 * Item 4 of printing a month: landscape A4, every column on one page width (as many pages down as
 * needed), the header row repeated on each page.
 */
export const printSetup = {
  orientation: 'landscape',
  paperSize: 9,
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
  horizontalCentered: false,
} as const;

export interface SummaryLine {
  label: string;
  value: string | number | Date;
}

export class XlsxWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private labels: CellLabel[] = [];
  private sheet: ExcelJS.Worksheet | undefined;
  private types: ColumnType[] = [];
  /** per column: a cell's start up to its row number, '<c r="B' */
  private refOpen: string[] = [];
  /** after a date cell's row number */
  private readonly dateOpen: string;
  /** after a text cell's row number, with and without the quotePrefix style */
  private readonly textOpen: string;
  private readonly quotedOpen: string;
  /** after a shared-string cell's row number, with and without the quotePrefix style */
  private readonly sharedOpen: string;
  private readonly quotedShared: string;
  private readonly sharedStrings: InternalWorkbook['sharedStrings'];
  /** text → its number in the shared string table (NOT_SHARED: text that stays in its cell) */
  private readonly shared = new Map<string, number>();
  /** per column: still using the table; lookups; texts it met for the first time */
  private sharedOn: boolean[] = [];
  private sharedLooks: number[] = [];
  private sharedNew: number[] = [];
  private nextRow = 2;
  private readonly chunks = new Utf8Chunks();

  constructor(stream: Writable, creator: string) {
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream,
      useStyles: true,
      useSharedStrings: false,
      // level 1: deflate is the slowest stage of a large export (the file is ~25% larger); 1 MB output
      // chunks let one thread-pool job compress a whole batch
      zip: { zlib: { level: 1, chunkSize: 1 << 20 } },
    });
    this.workbook.creator = creator;
    const styles = (this.workbook as unknown as InternalWorkbook).styles;
    const dateStyle = styles.addStyleModel({ numFmt: DATE_FORMAT }, ExcelJS.ValueType.Date);
    // exceljs has no quotePrefix in its style model; its cellXfs list holds each style's XML, so the
    // one style it lacks is added as XML (the round-trip tests read it back through LibreOffice)
    const quoteStyle = styles.model.styles.push('<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>') - 1;
    this.dateOpen = `" s="${dateStyle}"><v>`;
    this.textOpen = '" t="inlineStr"><is>';
    this.quotedOpen = `" s="${quoteStyle}" t="inlineStr"><is>`;
    this.sharedOpen = '" t="s"><v>';
    this.quotedShared = `" s="${quoteStyle}" t="s"><v>`;
    this.sharedStrings = (this.workbook as unknown as InternalWorkbook).sharedStrings;
  }

  /** The first sheet: who/when/which period, then the row count of every table (R4). */
  summary(name: string, lines: SummaryLine[], counts: { label: string; count: number }[], headers: [string, string]): void {
    const sheet = this.workbook.addWorksheet(name, { pageSetup: { ...printSetup, orientation: 'portrait', printTitlesRow: undefined } });
    sheet.columns = [{ width: 28 }, { width: 34 }];
    for (const line of lines) {
      const row = sheet.addRow([line.label, line.value instanceof Date ? line.value : line.value]);
      if (line.value instanceof Date) row.getCell(2).numFmt = DATE_FORMAT;
      row.commit();
    }
    sheet.addRow([]).commit();
    const head = sheet.addRow(headers);
    head.font = { bold: true };
    head.commit();
    for (const c of counts) sheet.addRow([c.label, c.count]).commit();
    sheet.commit();
  }

  /** A small sheet of figures (the per-agent table): bold header row, then the rows as given. */
  table(name: string, headers: string[], widths: number[], rows: (string | number | null)[][]): void {
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...printSetup } });
    sheet.columns = headers.map((header, i) => ({ header, width: widths[i] }));
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.commit();
    for (const values of rows) sheet.addRow(values).commit();
    sheet.commit();
  }

  startSheet(name: string, columns: ExportColumn[], headers: string[], labels: CellLabel[] = []): void {
    const sheet = this.workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { ...printSetup } });
    sheet.columns = columns.map((c, i) => ({ header: headers[i], width: c.width }));
    const head = sheet.getRow(1);
    head.font = { bold: true };
    head.commit();
    this.sheet = sheet;
    this.types = columns.map((c) => c.type);
    this.refOpen = columns.map((_, i) => `<c r="${columnLetters(i)}`);
    this.labels = columns.map((_, i) => labels[i]);
    this.sharedOn = columns.map((c) => c.type === 'text' || c.type === 'phone');
    this.sharedLooks = columns.map(() => 0);
    this.sharedNew = columns.map(() => 0);
    this.nextRow = 2;
  }

  /** Renders one batch of rows as sheet XML into the current sheet's stream. */
  addRows(rows: unknown[][]): void {
    const sheet = this.sheet as unknown as InternalWorksheet;
    const { types, labels, chunks: out, dateOpen } = this;
    for (const row of rows) {
      const r = String(this.nextRow++);
      out.reserve(r.length + 12);
      out.ascii('<row r="');
      out.ascii(r);
      out.ascii('">');
      for (let i = 0; i < types.length; i++) {
        const value = row[i];
        if (value === null || value === undefined || value === '') continue;
        const type = types[i];
        if (type === 'date') {
          const text = String(value);
          const excelMs = excelLocalMs(text);
          if (excelMs !== null) this.dateCell(i, r, excelMs);
          else {
            const serial = excelLocalSerial(text);
            if (serial === null) this.textCell(i, r, text);
            else this.valueCell(i, r, dateOpen, String(serial));
          }
        } else if (type === 'number') {
          if (typeof value === 'number') this.valueCell(i, r, '"><v>', String(value));
          else this.textCell(i, r, String(value));
        } else if (type === 'phone') {
          this.textCell(i, r, phoneForXlsx(String(value)));
        } else {
          const label = labels[i];
          this.textCell(i, r, label ? label(String(value)) : String(value));
        }
      }
      out.reserve(6);
      out.ascii('</row>');
    }
    // what exceljs holds (the header row) goes first, then the batch in large buffers
    sheet.stream._flush();
    const entry = sheet.stream.pipes?.[0];
    if (!entry) throw new Error('exceljs changed: the worksheet stream has no zip entry');
    for (const bytes of out.take()) entry.write(bytes);
  }

  /** A number or date cell: `<c r="B2"><v>20.4</v></c>` (`open` carries the style, if any). */
  private valueCell(i: number, r: string, open: string, value: string): void {
    const out = this.chunks;
    out.reserve(64 + value.length);
    out.ascii(this.refOpen[i]!);
    out.ascii(r);
    out.ascii(open);
    out.ascii(value);
    out.ascii('</v></c>');
  }

  /** A date cell from its local time in milliseconds (excelLocalMs). */
  private dateCell(i: number, r: string, excelMs: number): void {
    const out = this.chunks;
    out.reserve(96);
    out.ascii(this.refOpen[i]!);
    out.ascii(r);
    out.ascii(this.dateOpen);
    putSerial(out, excelMs);
    out.ascii('</v></c>');
  }

  /**
   * A text cell, exactly the stored text; formula-like text gets the quotePrefix style (never a
   * visible '). Excel trims leading and trailing white space unless told not to.
   */
  private textCell(i: number, r: string, text: string): void {
    const out = this.chunks;
    if (this.sharedOn[i]) {
      const index = this.sharedIndex(i, text);
      if (index !== NOT_SHARED) {
        out.reserve(80);
        out.ascii(this.refOpen[i]!);
        out.ascii(r);
        out.ascii(needsQuotePrefix(text) ? this.quotedShared : this.sharedOpen);
        out.pos = putUint(out.buf, out.pos, index);
        out.ascii('</v></c>');
        return;
      }
    }
    const edges = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
    out.reserve(128 + XML_BYTES_PER_UNIT * text.length);
    out.ascii(this.refOpen[i]!);
    out.ascii(r);
    out.ascii(needsQuotePrefix(text) ? this.quotedOpen : this.textOpen);
    out.ascii(edges ? '<t xml:space="preserve">' : '<t>');
    putXmlText(out, text);
    out.ascii('</t></is></c>');
  }

  /** The text's number in the shared string table, or NOT_SHARED: written in the cell. */
  private sharedIndex(i: number, text: string): number {
    const table = this.sharedStrings;
    const looks = ++this.sharedLooks[i]!;
    let index = this.shared.get(text);
    if (index === undefined) {
      const fresh = ++this.sharedNew[i]!;
      if (looks >= SHARED_TRIAL && fresh * SHARED_MAX_NEW > looks) this.sharedOn[i] = false;
      if (this.shared.size >= SHARED_MAX_STRINGS) return NOT_SHARED;
      index = shareable(text) ? table.add(text) : NOT_SHARED;
      this.shared.set(text, index);
      return index;
    }
    if (looks >= SHARED_TRIAL && this.sharedNew[i]! * SHARED_MAX_NEW > looks) this.sharedOn[i] = false;
    if (index !== NOT_SHARED) table._totalRefs++;
    return index;
  }

  /** Waits while the zip is behind, so memory stays flat however large the export. */
  async caughtUp(): Promise<void> {
    const sheet = this.sheet as unknown as InternalWorksheet | undefined;
    const dest = sheet?.stream.pipes?.[0] as (NodeJS.WritableStream & { _writableState?: { length: number } }) | undefined;
    if (!dest || (dest._writableState?.length ?? 0) < MAX_PENDING_BYTES) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        dest.removeListener('drain', done);
        dest.removeListener('error', done);
        dest.removeListener('close', done);
        resolve();
      };
      dest.on('drain', done);
      dest.on('error', done);
      dest.on('close', done);
    });
  }

  endSheet(): void {
    this.sheet?.commit();
    this.sheet = undefined;
  }

  async finish(): Promise<void> {
    await this.workbook.commit();
  }
}
