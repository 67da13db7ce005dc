import { ERASED } from '../../../shared/domain/erasure';
import { phoneSpellings } from '../../../shared/domain/phone';

// ─── phone mentions in free text ───────────────────────────────────────────────────────────
// A number as people type it in notes: groups of digits (ASCII or full-width) separated by any
// short run of other characters: "139 8765 4321", "139/8765/4321", "139_8765_4321",
// "139—8765—4321", "(010) 6655-4433", "+86 139…", "１３９８７６５４３２１". A run of up to three
// non-digit characters between two groups is taken as a separator (P9: the number must be found,
// and so it must also go when the caller asks to be forgotten).
const digitRun = /[0-9０-９]+/g;
const MAX_GAP = 3;
/** a country code or trunk prefix typed before the number ("86", "0086", "+44 0"…) */
const MAX_PREFIX = 4;

const toAscii = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));

// the scrub calls this once per row and column of every table: the number is read once
let lastSpellings: { key: string; value: ReturnType<typeof phoneSpellings> } | null = null;
function spellingsOf(phoneNorm: string): ReturnType<typeof phoneSpellings> {
  if (lastSpellings?.key !== phoneNorm) lastSpellings = { key: phoneNorm, value: phoneSpellings(phoneNorm) };
  return lastSpellings.value;
}

/**
 * The digit strings that spell `phoneNorm`. An E.164 key ("+861066554433"): with the country code
 * ("861066554433", "00861066554433", "8601066554433"), the national form with its trunk prefix
 * ("01066554433") and without ("1066554433"). An older digits-only key: itself, with China's
 * country code, with or without the trunk 0.
 */
export function phoneForms(phoneNorm: string): string[] {
  if (phoneNorm.startsWith('+')) {
    const { forms } = spellingsOf(phoneNorm);
    // a number this short would match dates and counts in every note: only the caller's own rows go
    return forms.some((f) => f.length < 7) ? [] : forms;
  }
  const digits = phoneNorm.replace(/\D/g, '');
  if (digits.length < 7) return [];
  const national = digits.startsWith('0086') ? digits.slice(4) : digits.startsWith('86') && digits.length >= 12 ? digits.slice(2) : digits;
  const trunkless = national.replace(/^0/, '');
  const forms = new Set([digits, national, trunkless, `0${trunkless}`, `86${trunkless}`, `0086${trunkless}`]);
  return [...forms];
}

/**
 * A Chinese landline's subscriber number without its area code ("66554433" for +86 10 6655 4433),
 * as agents in the same city write it. Only a mention standing alone counts: "021-6655-4433" is
 * another number (another city) and is left as it is.
 */
export function localForm(phoneNorm: string): string | null {
  return phoneNorm.startsWith('+') ? spellingsOf(phoneNorm).local : null;
}

function isForm(digits: string, forms: string[], core: string, international: boolean): boolean {
  if (forms.includes(digits)) return true;
  // another country's code before the whole number, written as such ("+1 …", "001 …")
  return (international || digits.startsWith('00')) && digits.length > core.length && digits.length - core.length <= MAX_PREFIX && digits.endsWith(core);
}

/** [start, end) spans of `text` that spell the number. */
function mentionSpans(text: string, phoneNorm: string): [number, number][] {
  const forms = phoneForms(phoneNorm);
  if (forms.length === 0) return [];
  const local = localForm(phoneNorm);
  const core = forms.reduce((a, b) => (b.length < a.length ? b : a));
  const maxLength = Math.max(...forms.map((f) => f.length)) + MAX_PREFIX;
  const runs = [...text.matchAll(digitRun)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: toAscii(m[0]) }));
  const spans: [number, number][] = [];
  for (let i = 0; i < runs.length; i++) {
    let acc = '';
    for (let j = i; j < runs.length; j++) {
      if (j > i && runs[j]!.start - runs[j - 1]!.end > MAX_GAP) break;
      acc += runs[j]!.digits;
      if (acc.length > maxLength) break;
      const before = runs[i]!.start > 0 ? text[runs[i]!.start - 1]! : '';
      const plus = /[+＋]/.test(before);
      // the subscriber number alone: no digit group right before it or right after it
      const alone =
        acc === local && (i === 0 || runs[i]!.start - runs[i - 1]!.end > MAX_GAP) && (j + 1 >= runs.length || runs[j + 1]!.start - runs[j]!.end > MAX_GAP);
      if (isForm(acc, forms, core, plus) || alone) {
        // "+86 …" and "(010) …" go whole
        const start = plus || /[(（]/.test(before) ? runs[i]!.start - 1 : runs[i]!.start;
        spans.push([start, runs[j]!.end]);
        i = j;
        break;
      }
    }
  }
  return spans;
}

export function scrubPhone(text: string, phoneNorm: string): string {
  const spans = mentionSpans(text, phoneNorm);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + ERASED;
    at = end;
  }
  return out + text.slice(at);
}

export function mentionsPhone(text: string, phoneNorm: string): boolean {
  return mentionSpans(text, phoneNorm).length > 0;
}

/** The same inside a JSON document (event data): every string value is scrubbed, keys and numbers stay. */
export function scrubPhoneJson(json: string, phoneNorm: string): string {
  if (!mentionsPhone(json, phoneNorm)) return json;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return scrubPhone(v, phoneNorm);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  try {
    return JSON.stringify(walk(JSON.parse(json)));
  } catch {
    return scrubPhone(json, phoneNorm);
  }
}

/** Long digit runs in a reason are probably the number itself; the record must not keep it. */
export function scrubReason(reason: string): string {
  return reason.replace(/[+＋]?[0-9０-９](?:[^0-9０-９\n]{0,3}[0-9０-９]){6,}/g, '[number removed]');
}
