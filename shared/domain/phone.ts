// P9: a caller must be found again whatever way the number was typed: "138 0013 8000",
// "+86 138-0013-8000" and full-width "１３８…" are one customer. What was typed is kept for display.

const fullWidthDigits = /[\uFF10-\uFF19]/g;

export function normalisePhone(typed: string): string {
  const ascii = typed.replace(fullWidthDigits, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
  let digits = ascii.replace(/\D/g, '');
  // China's country code in front of an 11-digit mobile number: +86 / 0086
  if (/^(0086|86)1[3-9]\d{9}$/.test(digits)) digits = digits.replace(/^(0086|86)/, '');
  return digits;
}
