import { isPhoneRegion, normalisePhone, parsePhone, phoneDigitCount, phoneSpellings } from '../../../../shared/domain/phone';

// P9: every spelling of one number is one identity
test.each([
  // a Beijing landline, six ways
  ['010-6655-4433', '+861066554433'],
  ['+86 10 6655 4433', '+861066554433'],
  ['0086 10 6655 4433', '+861066554433'],
  ['(010) 66554433', '+861066554433'],
  ['８６ １０ ６６５５ ４４３３', '+861066554433'],
  ['+86 (0) 10-6655-4433', '+861066554433'],
  // a Hangzhou landline with a three-digit area code
  ['0571 8888 6666', '+8657188886666'],
  ['(0571) 8888-6666', '+8657188886666'],
  ['+86 571 8888 6666', '+8657188886666'],
  // a mobile, with and without the country code, full-width
  ['138 0013 8000', '+8613800138000'],
  ['+86 138-0013-8000', '+8613800138000'],
  ['0086 13800138000', '+8613800138000'],
  ['8613800138000', '+8613800138000'],
  ['１３８００１３８０００', '+8613800138000'],
  ['＋８６ １３８ ００１３ ８０００', '+8613800138000'],
  // foreign numbers keep their own country
  ['+44 20 7946 0958', '+442079460958'],
  ['0044 20 7946 0958', '+442079460958'],
  ['+1 212 555 0123', '+12125550123'],
  ['001 (212) 555-0123', '+12125550123'],
  ['+852 2123 4567', '+85221234567'],
])('%s → %s', (typed, normal) => {
  expect(normalisePhone(typed)).toBe(normal);
  // idempotent: a stored key normalises to itself
  expect(normalisePhone(normal)).toBe(normal);
});

test.each([
  // short service numbers are no E.164 number: their digits are the identity
  ['95588', '95588'],
  ['10086', '10086'],
  ['110', '110'],
  ['１１０', '110'],
  // a local number without its area code cannot be placed: digits
  ['6655 4433', '66554433'],
  // half-typed
  ['138 0013', '1380013'],
  // junk: deterministic, never thrown
  ['', ''],
  ['abc', ''],
  ['call me', ''],
  ['+999 123 4567', '9991234567'],
  ['12-AB-34', '1234'],
  ['\u0000\ud800 13', '13'],
])('%s is not E.164 → %s', (typed, normal) => {
  expect(parsePhone(typed)).toEqual({ norm: normal, ext: '', e164: false });
});

test.each([
  ['010-6655-4433 ext. 12', '+861066554433', '12'],
  ['010-6655-4433 x12', '+861066554433', '12'],
  ['010-6655-4433转12', '+861066554433', '12'],
  ['010 6655 4433 分机 8021', '+861066554433', '8021'],
  ['010 6655 4433 分机号：8021', '+861066554433', '8021'],
  ['+86 10 6655 4433 #305', '+861066554433', '305'],
  ['(010)66554433 EXT 7', '+861066554433', '7'],
  ['95588转0', '95588', '0'],
])('the extension of %s is kept apart', (typed, norm, ext) => {
  expect(parsePhone(typed)).toMatchObject({ norm, ext });
  expect(normalisePhone(typed)).toBe(norm);
});

test('a marker alone is not an extension', () => {
  expect(parsePhone('x12')).toEqual({ norm: '12', ext: '', e164: false });
});

test('the default region reads numbers typed without country code', () => {
  expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  expect(normalisePhone('020 7946 0958', 'CN')).toBe('+862079460958');
  // an explicit country code wins over the region
  expect(normalisePhone('+86 138 0013 8000', 'GB')).toBe('+8613800138000');
  // a region the plans do not know falls back to CN rather than throwing
  expect(normalisePhone('13800138000', 'ZZ')).toBe('+8613800138000');
});

test('regions are ISO codes the numbering plans know', () => {
  expect(isPhoneRegion('CN')).toBe(true);
  expect(isPhoneRegion('HK')).toBe(true);
  expect(isPhoneRegion('cn')).toBe(false);
  expect(isPhoneRegion('ZZ')).toBe(false);
  expect(isPhoneRegion('CHN')).toBe(false);
});

test('digits are counted without the extension', () => {
  expect(phoneDigitCount('010-6655-4433 转 12')).toBe(11);
  expect(phoneDigitCount('１１０')).toBe(3);
});

test('the spellings of a landline, a mobile, a foreign number and a short number', () => {
  const landline = phoneSpellings('+861066554433');
  expect(landline.forms).toEqual(expect.arrayContaining(['861066554433', '00861066554433', '1066554433', '01066554433', '8601066554433']));
  expect(landline.local).toBe('66554433');
  expect(phoneSpellings('+8657188886666').local).toBe('88886666');
  const mobile = phoneSpellings('+8613800138000');
  expect(mobile.forms).toEqual(expect.arrayContaining(['8613800138000', '13800138000', '008613800138000']));
  expect(mobile.local).toBeNull();
  expect(phoneSpellings('+442079460958').forms).toEqual(expect.arrayContaining(['442079460958', '02079460958', '2079460958']));
  expect(phoneSpellings('95588')).toEqual({ forms: ['95588'], local: null, countryCode: '' });
});
