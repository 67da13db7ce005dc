// P9: a caller must be found again whatever way the number was typed. "010-6655-4433",
// "+86 10 6655 4433", "0086 10 6655 4433" and full-width "０１０…" are one customer, and so are
// "138 0013 8000" and "+86 138-0013-8000". The identity (`phone_norm`) is the number in E.164
// ("+861066554433"), read with Google's numbering plans (libphonenumber-js) and a default region
// for numbers typed without a country code (a team setting, CN unless the lead or IT says
// otherwise). What was typed is kept for display; an extension ("转 12") is kept apart and is not
// part of the identity.
//
// Numbers the plans do not accept as a real number of a region (short service numbers such as
// 95588, 10086, 110; a local number without its area code; partial input; junk) keep their ASCII
// digits as identity: deterministic, never an exception, and never confused with an E.164 key,
// which always starts with "+".
//
// Metadata: the "max" set (full validation patterns). With "min" only the length is checked, and
// China's lengths (7 to 12 digits) make "66554433" and half-typed "1380013" look like complete
// Chinese numbers ("+8666554433"); such keys would split one customer from itself once the rest
// of the number is known. This module runs in the service only; the renderer uses phone-text.ts.
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { splitExtension } from './phone-text';

export { phoneDigits, splitExtension } from './phone-text';

/** The region a number typed without country code is read in, unless the team chose another. */
export const DEFAULT_PHONE_REGION = 'CN';

/** An ISO 3166 region code that the numbering plans know ("CN", "HK", "GB"…). */
export function isPhoneRegion(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

export interface ParsedPhone {
  /** the identity: E.164 when the number is a valid number, else its digits ('' when none) */
  norm: string;
  /** the extension's digits, '' when none */
  ext: string;
  /** true when `norm` is E.164 */
  e164: boolean;
}

export function parsePhone(typed: string, region: string = DEFAULT_PHONE_REGION): ParsedPhone {
  const { main, ext } = splitExtension(typed);
  const digits = main.replace(/\D/g, '');
  if (digits.length === 0) return { norm: '', ext, e164: false };
  const defaultCountry = (isPhoneRegion(region) ? region : DEFAULT_PHONE_REGION) as CountryCode;
  try {
    // letters are refused (no vanity numbers in a call centre: "ABC" is junk, not 222)
    const number = /[A-Za-z]/.test(main) ? undefined : parsePhoneNumberFromString(main, { defaultCountry });
    if (number?.isValid()) return { norm: number.number, ext, e164: true };
  } catch {
    // the parser throws on nothing we know of, but the normaliser must never throw
  }
  return { norm: digits, ext, e164: false };
}

/** The identity of a typed number (see the header). Idempotent: normalisePhone(normalisePhone(x)) === normalisePhone(x). */
export function normalisePhone(typed: string, region: string = DEFAULT_PHONE_REGION): string {
  return parsePhone(typed, region).norm;
}

/**
 * The key numbers had before E.164 (digits only, +86/0086 dropped before a mobile): erasure
 * records written then hold a proof of this key, and an erased number must still be recognised.
 */
export function legacyPhoneKey(typed: string): string {
  let digits = splitExtension(typed).main.replace(/\D/g, '');
  if (/^(0086|86)1[3-9]\d{9}$/.test(digits)) digits = digits.replace(/^(0086|86)/, '');
  return digits;
}

/**
 * Part of a number, as typed into a search box ("010-6655", "+86 138 00", "6655 44"), as the
 * beginnings and pieces of stored keys it can match: the digits anywhere in a key, and for a
 * national prefix "0…" or an international "00…"/"+…" the start of the E.164 key it stands for.
 */
export function partialKeyPatterns(typed: string, region: string = DEFAULT_PHONE_REGION): { anywhere: string; starts: string[] } {
  const main = splitExtension(typed).main;
  const digits = main.replace(/\D/g, '');
  const starts: string[] = [];
  if (/^\s*\+/.test(main)) starts.push(`+${digits}`);
  else if (digits.startsWith('00')) starts.push(`+${digits.slice(2)}`);
  else if (digits.startsWith('0') && digits.length > 1) {
    const cc = getCountryCallingCode((isPhoneRegion(region) ? region : DEFAULT_PHONE_REGION) as CountryCode);
    starts.push(`+${cc}${digits.slice(1)}`);
  }
  return { anywhere: digits, starts };
}

/** How many digits the number has (extension left out): the "is there a number at all" check. */
export function phoneDigitCount(typed: string): number {
  return splitExtension(typed).main.replace(/\D/g, '').length;
}

/**
 * The digit strings the same number is written with in free text: E.164 without "+", with "00",
 * the national form with its trunk prefix ("01066554433"), the national significant number
 * ("1066554433"), and for a Chinese landline the subscriber number alone ("66554433", `local`).
 * A key that is not E.164 (an older digits-only key, a short number) gives only its digits.
 */
export function phoneSpellings(phoneNorm: string): { forms: string[]; local: string | null; countryCode: string } {
  const digits = phoneNorm.replace(/\D/g, '');
  if (!phoneNorm.startsWith('+')) return { forms: digits ? [digits] : [], local: null, countryCode: '' };
  const number = parsePhoneNumberFromString(phoneNorm);
  if (!number) return { forms: [digits], local: null, countryCode: '' };
  const cc = number.countryCallingCode;
  const nsn = number.nationalNumber;
  const national = number.formatNational().replace(/\D/g, '');
  const forms = new Set([digits, `00${digits}`, nsn, national, `${cc}0${nsn}`, `00${cc}0${nsn}`]);
  // a Chinese landline: area code (10, 2x, or three digits) then 7–8 subscriber digits; a mobile
  // (1[3-9] + 9 digits) has no shorter form
  let local: string | null = null;
  if (cc === '86' && !/^1[3-9]\d{9}$/.test(nsn)) {
    const m = /^(?:10|2\d)(\d{8})$/.exec(nsn) ?? /^[3-9]\d{2}(\d{7,8})$/.exec(nsn);
    local = m?.[1] ?? null;
  }
  return { forms: [...forms], local, countryCode: cc };
}
