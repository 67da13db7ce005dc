import fc from 'fast-check';
import { decodeOoxmlEscapes, putXmlText, xmlText, XML_BYTES_PER_UNIT } from '../../../../../electron/core/exports/xlsx';
import { Utf8Chunks } from '../../../../../electron/core/exports/utf8-chunks';

function bytesOf(text: string): Buffer {
  const out = new Utf8Chunks(8);
  out.reserve(XML_BYTES_PER_UNIT * text.length);
  putXmlText(out, text);
  return Buffer.concat(out.take());
}

const tricky = fc.constantFrom(
  '&',
  '<',
  '>',
  '\r',
  '\n',
  '\t',
  '\u0000',
  '\u001F',
  '_x0041_',
  'x0042_',
  '_x',
  '_',
  '\uD83D',
  '\uDE00',
  '😀',
  '\uFFFE',
  '\uFFFF',
  '退款',
  'é',
  'a',
);
const text = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.array(fc.oneof(tricky, fc.string({ unit: 'binary' })), { maxLength: 8 }).map((p) => p.join('')),
);

test('the sheet XML the export writes is byte for byte the escaped text, for any text', () => {
  fc.assert(
    fc.property(text, (s) => {
      expect(bytesOf(s).equals(Buffer.from(xmlText(s)))).toBe(true);
    }),
  );
});

test('a literal "_x0041_" run of several escapes in a cell reads back as typed', () => {
  for (const s of ['_x0041_x0042_', '_x0041__x0042_', 'a_x00e9_b_x0000_', '__x0041_']) {
    const entities = bytesOf(s)
      .toString()
      .replace(/&(amp|lt|gt|#13);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', '#13': '\r' })[e]!);
    expect(decodeOoxmlEscapes(entities)).toBe(s);
  }
});
