// A cheap, sound pre-filter for the mention scrub (mentions.ts), run by SQLite itself.
import { localForm, phoneForms } from './mentions';

const fullWidth = (d: string) => String.fromCharCode(0xff10 + Number(d));

/**
 * A GLOB that every text mentioning `phoneNorm` matches: each spelling of the number (with or
 * without +86, 0086, the trunk 0, any separators) contains the digits of its shortest form in
 * order, ASCII or full-width. SQLite checks it natively, so the JavaScript matcher only sees the
 * few texts that could be a mention, not every note of a large file. '' (matches no text worth
 * scrubbing) when the number is too short to be looked for in free text.
 */
export function mentionGlob(phoneNorm: string): string {
  const forms = phoneForms(phoneNorm);
  if (forms.length === 0) return '';
  // a Chinese landline's subscriber number alone ("6655 4433") is a mention too: it ends every
  // other form, so its digits in order are in all of them
  const core = localForm(phoneNorm) ?? forms.reduce((a, b) => (b.length < a.length ? b : a));
  return `*${[...core].map((d) => `[${d}${fullWidth(d)}]`).join('*')}*`;
}
