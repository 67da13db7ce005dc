// What an agent typed into a phone field, before any numbering plan is consulted: full-width
// characters folded, the extension split off, the digits counted. No metadata here, so the
// renderer can use it (it decides when to ask for caller history) without shipping
// libphonenumber's tables; the identity itself is decided by the service (phone.ts).

/**
 * An extension written after the number: "ext. 12", "x12", "#12", "转12", "分机 12", "分机号：12".
 * Only at the end and only digits, so a number with letters in the middle is not cut.
 */
const extensionAtEnd = /\s*(?:,|;)?\s*(?:ext(?:ension)?\.?|x|#|转|轉|分机号?|分機號?)\s*[:：.]?\s*(\d{1,7})\s*#?\s*$/iu;

/** Full-width digits, plus signs, letters and brackets become ASCII (NFKC), so "＋８６ １３８…" reads as "+86 138…". */
export function toAsciiPhone(typed: string): string {
  return typed.normalize('NFKC');
}

/** The number and its extension, each as typed (ASCII); the extension is '' when there is none. */
export function splitExtension(typed: string): { main: string; ext: string } {
  const ascii = toAsciiPhone(typed);
  const m = extensionAtEnd.exec(ascii);
  // a marker with nothing before it is not an extension ("x12" alone is junk, kept whole)
  if (!m || !/\d/.test(ascii.slice(0, m.index))) return { main: ascii.trim(), ext: '' };
  return { main: ascii.slice(0, m.index).trim(), ext: m[1]! };
}

/** The digits of the number without its extension: the renderer's cheap key for "has the number changed". */
export function phoneDigits(typed: string): string {
  return splitExtension(typed).main.replace(/\D/g, '');
}
