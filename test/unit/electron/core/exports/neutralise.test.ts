import fc from 'fast-check';
import { formulaStart, looksLikePhone, neutralise, phoneForCsv, phoneForXlsx } from '../../../../../electron/core/exports/neutralise';
import { csvField, csvRows, localDateTime } from '../../../../../electron/core/exports/csv';
import { decodeOoxmlEscapes, excelLocalSerial, xmlText } from '../../../../../electron/core/exports/xlsx';
import { parseCsv } from '../../../../helpers/csv';

test.each(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx', '\nx', '\u0000x'])('%j gets a leading quote', (text) => {
  expect(neutralise(text)).toBe(`'${text}`);
});

test.each(['张伟', 'a=b', "'already quoted", '', ' =leading space', '1-2'])('%j is left alone', (text) => {
  expect(neutralise(text)).toBe(text);
});

test('phones: readable in XLSX as typed, quote-prefixed in CSV only when they start like a formula', () => {
  expect(phoneForXlsx('+86 138 0013 8000')).toBe('+86 138 0013 8000');
  expect(phoneForXlsx('(+852) 9123 4567')).toBe('(+852) 9123 4567');
  expect(phoneForXlsx('-138 0013 8000')).toBe('-138 0013 8000');
  expect(phoneForXlsx('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
  expect(phoneForXlsx('+1 call me')).toBe(`'+1 call me`);
  expect(phoneForCsv('+86 138 0013 8000')).toBe(`'+86 138 0013 8000`);
  expect(phoneForCsv('138 0013 8000')).toBe('138 0013 8000');
  expect(looksLikePhone('＋８６ １３８')).toBe(true);
});

test('the code-point check and the documented pattern agree on every string', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => (neutralise(s) !== s) === formulaStart.test(s)));
});

test('any text survives CSV quoting and parsing exactly (after neutralisation)', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
      const columns = cells.map((_, i) => ({ key: `c${i}`, type: 'text' as const, width: 10 }));
      const parsed = parseCsv(csvRows(columns, [cells]));
      expect(parsed).toEqual([cells.map((c) => neutralise(c))]);
    }),
  );
  expect(csvField('a,"b"')).toBe('"a,""b"""');
});

test('XML text never carries a character XML 1.0 cannot hold', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), (s) => {
      const withoutEntities = xmlText(s).replace(/&(amp|lt|gt|#13);/g, '');
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
