import { normalisePhone } from '../../../shared/domain/phone';

import { ERASED } from '../../../shared/domain/erasure';

// ─── phone mentions in free text ───────────────────────────────────────────────────────────
// A number as people type it: digits (ASCII or full-width) with spaces, dashes, dots, brackets, "+".
const phoneLike = /[+＋(（]?[0-9０-９][0-9０-９\s\-.()（）]{1,30}[0-9０-９]/g;

function isThatPhone(candidate: string, phoneNorm: string): boolean {
  const norm = normalisePhone(candidate);
  return norm === phoneNorm || (norm.length > phoneNorm.length && norm.endsWith(phoneNorm) && phoneNorm.length >= 7);
}

export function scrubPhone(text: string, phoneNorm: string): string {
  return text.replace(phoneLike, (match) => (isThatPhone(match, phoneNorm) ? ERASED : match));
}

export function mentionsPhone(text: string, phoneNorm: string): boolean {
  if (phoneNorm.length < 3) return false;
  for (const match of text.matchAll(phoneLike)) if (isThatPhone(match[0], phoneNorm)) return true;
  return false;
}

/** Long digit runs in a reason are probably the number itself; the record must not keep it. */
export function scrubReason(reason: string): string {
  return reason.replace(/[+＋]?[0-9０-９][0-9０-９\s\-.()（）]{5,}[0-9０-９]/g, '[number removed]');
}
