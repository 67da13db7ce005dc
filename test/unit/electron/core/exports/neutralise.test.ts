import fc from 'fast-check';
import { formulaLike, formulaStart, looksLikePhone, neutralise, phoneForCsv, phoneForXlsx, textForCsv } from '../../../../../electron/core/exports/neutralise';
import { csvField, csvRows, localDateTime } from '../../../../../electron/core/exports/csv';
import { decodeOoxmlEscapes, excelLocalSerial, xmlText } from '../../../../../electron/core/exports/xlsx';
import { parseCsv } from '../../../../helpers/csv';

test.each(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx', '\nx', '\u0000x', ' =7+7', '\u3000=7+7', '\u00A0@x', '＝8+8', '＋1', '－2', '＠x'])(
  'CSV: %j gets a leading quote',
  (text) => {
    expect(formulaLike(text)).toBe(true);
    expect(neutralise(text)).toBe(`'${text}`);
  },
);

test.each(['张伟', 'a=b', "'already quoted", '', '1-2', '   ', 'x ＝ y'])('%j is left alone', (text) => {
  expect(neutralise(text)).toBe(text);
});

test.each([
  ['x;=1+1', "x;'=1+1"],
  ['a; =7+7', "a;' =7+7"],
  ['x\t+SUM(A1)', "x\t'+SUM(A1)"],
  ['line\n@cmd', "line\n'@cmd"],
  ['a;"=1+1"', `a;'"=1+1"`],
  ['x;＝8+8', "x;'＝8+8"],
  ['a;b', 'a;b'],
])('CSV: a formula-like piece after a separator %j is neutralised too', (text, safe) => {
  expect(neutralise(text)).toBe(safe);
});

test('phones: exact in XLSX; in CSV kept as text by an invisible leading tab, a formula in the field gets the quote', () => {
  expect(phoneForXlsx('+86 138 0013 8000')).toBe('+86 138 0013 8000');
  expect(phoneForXlsx('=HYPERLINK("x")')).toBe('=HYPERLINK("x")'); // a text cell: shown, never run
  expect(phoneForCsv('+86 138 0013 8000')).toBe('\t+86 138 0013 8000');
  expect(phoneForCsv('057188886666')).toBe('\t057188886666');
  expect(phoneForCsv('13800138000')).toBe('\t13800138000');
  expect(phoneForCsv('=1+1')).toBe("'=1+1");
  expect(phoneForCsv('+1 call me')).toBe("'+1 call me");
  expect(looksLikePhone('＋８６ １３８')).toBe(true);
  expect(looksLikePhone('--')).toBe(false);
});

test('CSV text a spreadsheet would turn into a changed number stays text; other numbers are left alone', () => {
  expect(textForCsv('0012')).toBe('\t0012');
  expect(textForCsv('123456789012345678')).toBe('\t123456789012345678');
  expect(textForCsv('2026')).toBe('2026');
  expect(csvRows([{ key: 'a', type: 'text', width: 1 }], [['0571']])).toBe('"\t0571"\r\n');
});

test('the code-point check and the documented pattern agree on every string', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => formulaLike(s) === formulaStart.test(s)));
});

test('any text survives CSV quoting and parsing exactly (after neutralisation)', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
      const columns = cells.map((_, i) => ({ key: `c${i}`, type: 'text' as const, width: 10 }));
      const parsed = parseCsv(csvRows(columns, [cells]));
      expect(parsed).toEqual([cells.map((c) => textForCsv(c))]);
    }),
  );
  expect(csvField('a,"b"')).toBe('"a,""b"""');
});

test('XML text never carries a character XML 1.0 cannot hold', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const withoutEntities = xmlText(s).replace(/&(amp|lt|gt|#13);/g, '');
      // eslint-disable-next-line no-control-regex -- asserts the characters XML 1.0 forbids are gone
      expect(withoutEntities).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\r<&]/);
    }),
  );
});

test('XML text reads back as exactly the text, whichever of its characters needed escaping', () => {
  const tricky = fc.constantFrom('&', '<', '>', '\r', '\n', '\t', '\u0000', '\u001F', '_x0041_', '_x', '\uD83D', '\uDE00', '😀', '\uFFFE', '退款', 'a');
  fc.assert(
    fc.property(fc.array(fc.oneof(tricky, fc.string({ unit: 'binary' })), { maxLength: 8 }), (parts) => {
      const s = parts.join('');
      const entities = xmlText(s).replace(/&(amp|lt|gt|#13);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', '#13': '\r' })[e]!);
      expect(decodeOoxmlEscapes(entities)).toBe(s);
    }),
  );
});

test('the fast Excel date path agrees with the general one, in whole-hour and DST zones alike', () => {
  const general = (iso: string) => {
    const d = new Date(iso);
    return (d.getTime() - d.getTimezoneOffset() * 60_000) / 86_400_000 + 25_569;
  };
  fc.assert(
    fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-01-01T00:00:00Z'), noInvalidDate: true }), (d) => {
      const iso = d.toISOString();
      expect(excelLocalSerial(iso)).toBeCloseTo(general(iso), 9);
      expect(localDateTime(iso)).toBe(
        `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`,
      );
    }),
  );
});
