// OWASP "CSV injection" / ASVS 5.0 V1.2.10: a spreadsheet must never run exported text as a formula.
// A free-text cell that begins with = + - @ tab CR LF or NUL gets a leading single quote, in CSV and
// XLSX alike. The quote is visible (that is the point: the reader sees text, not a result).
//
// Phone numbers must stay readable. Decision:
// - XLSX: a phone that looks like a phone number (digits, spaces, + - ( ) . and full-width digits)
//   is written unchanged as a text cell: an XLSX text cell is never evaluated, and "+86 138 0013 8000"
//   stays exactly as typed. Anything else typed in the phone field is treated as free text.
// - CSV has no cell types, so a phone starting with + or - gets the quote like any other text:
//   "'+86 138 0013 8000" is still recognisable and cannot become a formula when opened.
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
const PHONE_SHAPE = /^[+\uFF0B]?[\d\uFF10-\uFF19\s()\-.]*$/;

export function neutralise(value: string): string {
  // = + - @ tab CR LF NUL, checked by code point (this runs for every text cell of an export)
  const c = value.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 10 || c === 0 ? `'${value}` : value;
}

/** the rule above as a pattern, for tests and documentation */
export const formulaStart = FORMULA_START;

export function looksLikePhone(value: string): boolean {
  return PHONE_SHAPE.test(value);
}

/** XLSX phone cells: kept as typed when phone-shaped (stored as text), neutralised otherwise. */
export function phoneForXlsx(value: string): string {
  return looksLikePhone(value) ? value : neutralise(value);
}

/** CSV phone cells: quote-prefixed only when they start with a formula character. */
export const phoneForCsv = neutralise;
