// P9: erasing a number scrubs it from free text in every spelling of the same number.
import Database from 'better-sqlite3';
import { mentionGlob } from '../../../../../electron/core/privacy/mention-glob';
import { mentionsPhone, phoneForms, scrubPhone } from '../../../../../electron/core/privacy/mentions';
import { ERASED } from '../../../../../shared/domain/erasure';

test.each([
  '010-6655-4433',
  '(010) 6655 4433',
  '+86 10 6655 4433',
  '0086-10-66554433',
  '+86 (0)10 6655 4433',
  '861066554433',
  '1066554433',
  '０１０　６６５５　４４３３',
  // the subscriber number alone, as written in the same city
  '6655 4433',
  '66554433',
])('erasing +861066554433 scrubs "%s"', (spelled) => {
  const text = `客户说 ${spelled} 晚上打`;
  expect(mentionsPhone(text, '+861066554433')).toBe(true);
  const scrubbed = scrubPhone(text, '+861066554433');
  expect(scrubbed).toContain(ERASED);
  expect(scrubbed.replace(/\D/g, '')).toBe('');
});

test.each([
  // another city's number with the same subscriber digits is another customer
  '021-6655-4433',
  '0571 6655 4433',
  // a longer number that merely contains the digits
  '13966554433',
  // dates and counts
  '2026-11-27 共 3 件',
])('erasing +861066554433 leaves "%s"', (other) => {
  expect(scrubPhone(`备注 ${other}`, '+861066554433')).toBe(`备注 ${other}`);
});

test('a mobile in its spellings; a foreign number with its own trunk prefix and country code', () => {
  expect(scrubPhone('回电 138 0013 8000 或 ＋８６ １３８００１３８０００ 或 0086-138-0013-8000，别打 139 1111 2222', '+8613800138000')).toBe(
    `回电 ${ERASED} 或 ${ERASED} 或 ${ERASED}，别打 139 1111 2222`,
  );
  // a mobile has no shorter local form: its last eight digits alone are not it
  expect(scrubPhone('单号 00138000', '+8613800138000')).toBe('单号 00138000');
  expect(scrubPhone('London 020 7946 0958, +44 20 7946 0958, 0044 20 7946 0958', '+442079460958')).toBe(`London ${ERASED}, ${ERASED}, ${ERASED}`);
});

test('keys written before E.164 (digits only) still scrub as before; short keys scrub nothing', () => {
  expect(scrubPhone('座机 010-6655-4433 或 +86 10 6655 4433', '01066554433')).toBe(`座机 ${ERASED} 或 ${ERASED}`);
  expect(phoneForms('95588')).toEqual([]);
  expect(scrubPhone('打 95588 查询', '95588')).toBe('打 95588 查询');
});

test('the SQLite pre-filter lets every spelling through, the subscriber number alone too', () => {
  const db = new Database(':memory:');
  const glob = mentionGlob('+861066554433');
  for (const text of ['客户 6655 4433', '010-6655-4433', '+86 10 6655 4433', '０１０ ６６５５ ４４３３', '8601066554433']) {
    expect(db.prepare('SELECT ? GLOB ?').pluck().get(text, glob), text).toBe(1);
  }
  expect(db.prepare('SELECT ? GLOB ?').pluck().get('订单 2026-11-27', glob)).toBe(0);
  db.close();
});
