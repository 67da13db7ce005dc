import fc from 'fast-check';
import { Utf8Chunks } from '../../../../../electron/core/exports/utf8-chunks';

test('text added piece by piece comes out as the same UTF-8 bytes as the whole text, across buffer boundaries', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (pieces, size) => {
      const chunks = new Utf8Chunks(size);
      const taken: Buffer[] = [];
      pieces.forEach((p, i) => {
        chunks.add(p);
        if (i % 3 === 0) taken.push(...chunks.take());
      });
      taken.push(...chunks.take());
      expect(Buffer.concat(taken).equals(Buffer.from(pieces.join('')))).toBe(true);
    }),
  );
});

test('bytes handed to a stream are never overwritten by later text', () => {
  const chunks = new Utf8Chunks(16);
  chunks.add('张伟 ');
  const first = chunks.take();
  const copy = Buffer.concat(first);
  for (let i = 0; i < 100; i++) chunks.add(`row ${i} 退款\r\n`);
  expect(Buffer.concat(first).equals(copy)).toBe(true);
  expect(Buffer.concat(chunks.take()).toString()).toBe(Array.from({ length: 100 }, (_, i) => `row ${i} 退款\r\n`).join(''));
});
