// OWASP "CSV injection" / ASVS 5.0 V1.2.10: a spreadsheet must never run exported text as a formula.
//
// What a spreadsheet treats as a formula: text whose first character is = + - @ (Excel and
// LibreOffice also after leading spaces when "trim spaces" is on; some East Asian versions after
// turning the full-width ＝ ＋ － ＠ into ASCII), and, when the file is opened with another separator
// (Excel in a locale whose list separator is ";", LibreOffice's import dialog), any piece of text
// that follows a ";" or a tab or a line break. Tab, CR, LF and NUL at the start are refused as well.
//
// - XLSX: a text cell (t="inlineStr") is never evaluated, so the text is written exactly as stored.
//   Formula-like text gets the quotePrefix cell style (what Excel does when someone types a ' first):
//   nothing visible, and editing the cell in a spreadsheet keeps it text.
// - CSV has no cell types, so formula-like text gets a visible leading ' (and so does a formula-like
//   piece after a ; tab or line break inside the text). Text a spreadsheet would turn into a number
//   and change (phone numbers, digit strings with a leading zero or too long for a number) is
//   written with a leading tab inside quotes: LibreOffice and Excel then keep it as text, exactly as
//   typed, and the tab is invisible. Systems reading the CSV strip a leading tab or ' (README).
const EMBEDDED = /([;\t\r\n])(?=[\s\u00A0\u3000\uFEFF"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;
// digits, spaces, ( ) - . and + (also "(+852) 9123 4567"), full-width digits and plus
const PHONE_SHAPE = /^[\d\uFF10-\uFF19\s()\-.+\uFF0B]*$/;
const HAS_DIGIT = /[\d\uFF10-\uFF19]/;
const NUMBER_LOSING = /^(0\d+|\d{12,})$/;

// checked by code point: this runs for every text cell of an export
const isBlank = (c: number): boolean =>
  c === 32 ||
  c === 9 ||
  c === 10 ||
  c === 13 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;
const isTrigger = (c: number): boolean => c === 61 || c === 43 || c === 45 || c === 64 || c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20;

/** True when a spreadsheet could read the text as a formula (see above). */
export function formulaLike(value: string): boolean {
  let c = value.charCodeAt(0);
  if (c === 9 || c === 13 || c === 10 || c === 0) return true;
  let i = 0;
  while (isBlank(c)) c = value.charCodeAt(++i);
  return isTrigger(c); // NaN past the end: false
}

/** the rule as a pattern, for tests and documentation */
export const formulaStart = /^(?:[\t\r\n\0]|[ \t\n\r\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

/** XLSX: the text stays exactly as stored; true means "give the cell the quotePrefix style". */
export const needsQuotePrefix = formulaLike;

/** CSV text: a visible ' before formula-like text and before a formula-like piece after ; tab CR LF. */
export function neutralise(value: string): string {
  const out = formulaLike(value) ? `'${value}` : value;
  EMBEDDED.lastIndex = 0;
  return EMBEDDED.test(out) ? out.replace(EMBEDDED, "$1'") : out;
}

export function looksLikePhone(value: string): boolean {
  return PHONE_SHAPE.test(value) && HAS_DIGIT.test(value);
}

/** Text that a spreadsheet would read as a number and change (leading zero dropped, digits rounded). */
export function numberLosing(value: string): boolean {
  return NUMBER_LOSING.test(value);
}

/** XLSX phone cells: written as typed (a text cell is never evaluated nor turned into a number). */
export function phoneForXlsx(value: string): string {
  return value;
}

/** Marks CSV text that must stay text: a leading tab (the field is then quoted). */
export const KEEP_AS_TEXT = '\t';

/** CSV phone cells: phone-shaped values keep every digit as text; anything else is free text. */
export function phoneForCsv(value: string): string {
  return looksLikePhone(value) ? KEEP_AS_TEXT + value : neutralise(value);
}

/** CSV text cells: digit strings a spreadsheet would change stay text; the rest is neutralised. */
export function textForCsv(value: string): string {
  return numberLosing(value) ? KEEP_AS_TEXT + value : neutralise(value);
}
