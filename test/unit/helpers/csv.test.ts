import { parseCsv } from '../../helpers/csv';

test('the test CSV reader handles quotes, commas and line breaks, and refuses broken input', () => {
  expect(parseCsv('a,"b,c","d""e","f\r\ng"\r\n,x\r\n')).toEqual([
    ['a', 'b,c', 'd"e', 'f\r\ng'],
    ['', 'x'],
  ]);
  expect(() => parseCsv('a"b\r\n')).toThrow(/quote/);
  expect(() => parseCsv('a\nb\r\n')).toThrow(/bare LF/);
  expect(() => parseCsv('"a"b\r\n')).toThrow(/after a closing quote/);
  expect(() => parseCsv('a,b')).toThrow(/CRLF/);
});
