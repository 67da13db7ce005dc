// CSV: UTF-8 with a BOM (so Excel reads Chinese text correctly), RFC 4180 quoting, CRLF line ends.
// It is the format for other systems: codes (inquiry, completed …) stay codes, as the README lists.
// Dates are local wall-clock time of the workstation ("2026-10-31 23:30:00"), like the XLSX.
import type { ColumnType, ExportColumn } from './tables';
import { neutralise, phoneForCsv, textForCsv } from './neutralise';

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

/** UTC ISO instant → local "YYYY-MM-DD HH:mm:ss" */
export function localDateTime(iso: string): string {
  if (iso.length === 24 && iso.charCodeAt(23) === 90 /* Z */ && iso.charCodeAt(10) === 84 /* T */) {
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
      return String(value);
    case 'phone':
      return csvField(phoneForCsv(String(value)));
    default:
      return csvField(textForCsv(String(value)));
  }
}

export function csvHeader(labels: string[]): string {
  return labels.map((l) => csvField(neutralise(l))).join(',') + '\r\n';
}

/** Rows as CSV lines; `skip` leading values of each row are not columns (keyset keys). */
export function csvRows(columns: ExportColumn[], rows: unknown[][], skip = 0): string {
  const types = columns.map((c) => c.type);
  const n = types.length;
  let out = '';
  for (const row of rows) {
    let line = cell(types[0]!, row[skip]);
    for (let i = 1; i < n; i++) line += ',' + cell(types[i]!, row[skip + i]);
    out += line + '\r\n';
  }
  return out;
}
