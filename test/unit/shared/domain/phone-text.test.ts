import { phoneDigits, splitExtension, toAsciiPhone } from '../../../../shared/domain/phone-text';

test('full-width digits, plus and brackets become ASCII', () => {
  expect(toAsciiPhone('＋８６（０１０）６６５５－４４３３')).toBe('+86(010)6655-4433');
});

test.each([
  ['010-6655-4433 转 12', '010-6655-4433', '12'],
  ['010-6655-4433 轉12', '010-6655-4433', '12'],
  ['010-6655-4433, ext. 12', '010-6655-4433', '12'],
  ['138 0013 8000', '138 0013 8000', ''],
  // a letter inside the number is not an extension marker
  ['138x0013 8000', '138x0013 8000', ''],
])('%s splits into %s and extension "%s"', (typed, main, ext) => {
  expect(splitExtension(typed)).toEqual({ main, ext });
});

test('the renderer key: digits of the number, the extension left out', () => {
  expect(phoneDigits('+86 10 6655 4433 分机 8021')).toBe('861066554433');
  expect(phoneDigits('')).toBe('');
});
