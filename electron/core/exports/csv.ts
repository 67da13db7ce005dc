// CSV: UTF-8 with a BOM (so Excel reads Chinese text correctly), RFC 4180 quoting, CRLF line ends.
// It is the format for other systems: codes (inquiry, completed …) stay codes, as the README lists.
// Dates are local wall-clock time of the workstation ("2026-10-31 23:30:00"), like the XLSX.
import type { ColumnType, ExportColumn } from './tables';
import { formulaLike, neutralise, phoneForCsv, textForCsv } from './neutralise';
import { putPair, putUtf8, type Utf8Chunks } from './utf8-chunks';

export const BOM = '\uFEFF';
// a leading tab (text kept as text, see neutralise.ts) is quoted too, so no reader trims it away
const NEEDS_QUOTES = /[",\r\n;]|^\t/;
const QUOTE = /"/g;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

// Formatting 500 000 timestamps per 100 000 calls is the largest cost of a CSV export. Stored
// instants are toISOString() output ("2026-10-31T15:30:00.000Z"); in a zone whose offset is whole
// hours (and DST changes happen on the hour), minutes and seconds are the same locally, so the
// local "YYYY-MM-DD HH" is looked up once per UTC hour and the rest is copied.
const hourPrefix = new Map<string, string | null>();

function slowLocal(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * The shape of toISOString() output from the hour on: "2026-10-31T15" then ":30:00.000Z" (the
 * fast paths copy or read these characters, so anything else takes the general path).
 */
export function isoHourShape(iso: string): boolean {
  return (
    iso.length === 24 &&
    iso.charCodeAt(10) === 84 /* T */ &&
    iso.charCodeAt(13) === 58 /* : */ &&
    isDigit(iso.charCodeAt(14)) &&
    isDigit(iso.charCodeAt(15)) &&
    iso.charCodeAt(16) === 58 &&
    isDigit(iso.charCodeAt(17)) &&
    isDigit(iso.charCodeAt(18)) &&
    iso.charCodeAt(19) === 46 /* . */ &&
    isDigit(iso.charCodeAt(20)) &&
    isDigit(iso.charCodeAt(21)) &&
    isDigit(iso.charCodeAt(22)) &&
    iso.charCodeAt(23) === 90 /* Z */
  );
}

/** UTC ISO instant → local "YYYY-MM-DD HH:mm:ss" */
export function localDateTime(iso: string): string {
  if (isoHourShape(iso)) {
    const key = iso.slice(0, 13);
    let prefix = hourPrefix.get(key);
    if (prefix === undefined) {
      const ms = Date.parse(`${key}:00:00.000Z`);
      const offset = Number.isNaN(ms) ? 1 : -new Date(ms).getTimezoneOffset() * 60_000;
      prefix = offset % 3_600_000 === 0 ? slowLocal(ms).slice(0, 13) : null;
      if (hourPrefix.size > 200_000) hourPrefix.clear();
      hourPrefix.set(key, prefix);
    }
    if (prefix !== null) return prefix + iso.slice(13, 19);
  }
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : slowLocal(ms); // not a date: keep what is stored, never drop it
}

function cell(type: ColumnType, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'date': {
      const text = String(value);
      const local = localDateTime(text);
      return local === text ? csvField(neutralise(text)) : local; // unparseable: kept as text, made safe
    }
    case 'number':
      // a number column holding text (SQLite does not insist) is text, made safe like any other
      return typeof value === 'number' ? String(value) : csvField(textForCsv(String(value)));
    case 'phone':
      return csvField(phoneForCsv(String(value)));
    default:
      return csvField(textForCsv(String(value)));
  }
}

/**
 * The bytes of cell(type, value), written at out.pos: the export's hot path. Most text needs no
 * quoting nor guard (no " , ; tab CR LF, no formula or digit start) and is encoded as it is scanned;
 * anything else takes cell()'s way, so the two cannot disagree.
 */
function putCell(out: Utf8Chunks, type: ColumnType, value: unknown): void {
  if (value === null || value === undefined) return;
  if (type === 'text') {
    const text = String(value);
    const n = text.length;
    if (n > 0 && !formulaLike(text)) {
      out.reserve(3 * n);
      const buf = out.buf;
      let pos = out.pos;
      let digits = 0;
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80) {
          if (c < 32 || c === 34 /* " */ || c === 44 /* , */ || c === 59 /* ; */) break;
          if (isDigit(c)) digits++;
          buf[pos++] = c;
        } else if (c >= 0xd800 && c <= 0xdfff) {
          const next = text.charCodeAt(i + 1);
          if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) break; // a lone surrogate: Buffer's U+FFFD
          pos = putPair(buf, pos, c, next);
          i++;
        } else pos = putUtf8(buf, pos, c);
      }
      // all digits: maybe a number a spreadsheet would change (textForCsv decides)
      if (i === n && digits < n) {
        out.pos = pos;
        return;
      }
    }
  } else if (type === 'phone') {
    // the usual phone number (ASCII digits, space ( ) - . +): text kept as text, "<tab>…" (phoneForCsv)
    const text = String(value);
    const n = text.length;
    out.reserve(n + 3);
    const buf = out.buf;
    let pos = out.pos;
    buf[pos++] = 34;
    buf[pos++] = 9;
    let digits = 0;
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) digits++;
      else if (!(c === 32 || c === 40 || c === 41 || c === 45 || c === 46 || c === 43)) break;
      buf[pos++] = c;
    }
    if (i === n && digits > 0) {
      buf[pos++] = 34;
      out.pos = pos;
      return;
    }
  } else if (type === 'date' || type === 'number') {
    const text = type === 'number' && typeof value === 'number' ? String(value) : type === 'date' ? localDateTime(String(value)) : null;
    // a formatted date or a number is plain ASCII ("2026-10-31 23:30:00", "20.4")
    if (text !== null && (type === 'number' || text !== String(value))) {
      out.reserve(text.length);
      out.ascii(text);
      return;
    }
  }
  out.add(cell(type, value));
}

export function csvHeader(labels: string[]): string {
  return labels.map((l) => csvField(neutralise(l))).join(',') + '\r\n';
}

function csvLine(types: ColumnType[], row: unknown[], skip: number): string {
  let line = cell(types[0]!, row[skip]);
  for (let i = 1; i < types.length; i++) line += ',' + cell(types[i]!, row[skip + i]);
  return line + '\r\n';
}

/** Rows as CSV lines; `skip` leading values of each row are not columns (keyset keys). */
export function csvRows(columns: ExportColumn[], rows: unknown[][], skip = 0): string {
  const types = columns.map((c) => c.type);
  let out = '';
  for (const row of rows) out += csvLine(types, row, skip);
  return out;
}

/** The same lines as UTF-8 bytes, written into `out` (see utf8-chunks.ts: what a large export costs). */
export function csvRowsInto(out: Utf8Chunks, columns: ExportColumn[], rows: unknown[][], skip = 0): void {
  const types = columns.map((c) => c.type);
  const n = types.length;
  for (const row of rows) {
    putCell(out, types[0]!, row[skip]);
    for (let i = 1; i < n; i++) {
      out.reserve(1);
      out.buf[out.pos++] = 44; // ,
      putCell(out, types[i]!, row[skip + i]);
    }
    out.reserve(2);
    out.buf[out.pos++] = 13;
    out.buf[out.pos++] = 10;
  }
}
