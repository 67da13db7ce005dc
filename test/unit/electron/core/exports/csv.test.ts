import fc from 'fast-check';
import { csvRows, csvRowsInto } from '../../../../../electron/core/exports/csv';
import type { ColumnType } from '../../../../../electron/core/exports/tables';
import { Utf8Chunks } from '../../../../../electron/core/exports/utf8-chunks';

const tricky = fc.constantFrom(
  '=1+1',
  ' =7+7',
  'x;=1+1',
  '＝8+8',
  '0571',
  '13800138000',
  '+86 138 0013 8000',
  '(0571) 8888-6666',
  'a,"b"',
  'line\r\n@x',
  '\t',
  '\uD83D',
  '😀',
  '退款',
  '2026-10-31T15:30:00.000Z',
  '2026-10-31T15:3a:00.000Z',
  '2026-10-31 23:30:00',
  '',
  '-',
  '0',
);
const value = fc.oneof(fc.string({ unit: 'binary' }), tricky, fc.double({ noNaN: true }), fc.integer(), fc.constant(null));

test('the CSV bytes the export writes are exactly the lines as text, for any values in any column type', () => {
  const types: ColumnType[] = ['text', 'phone', 'date', 'number'];
  fc.assert(
    fc.property(fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const columns = types.map((type, i) => ({ key: `c${i}`, type, width: 10 }));
      const out = new Utf8Chunks(32);
      csvRowsInto(out, columns, rows);
      expect(Buffer.concat(out.take()).toString('latin1')).toBe(Buffer.from(csvRows(columns, rows)).toString('latin1'));
    }),
  );
});

test('text in a number column is guarded like any text', () => {
  const columns = [{ key: 'n', type: 'number' as const, width: 8 }];
  expect(csvRows(columns, [['=1+1'], [12.5], ['a,b']])).toBe('\'=1+1\r\n12.5\r\n"a,b"\r\n');
});
