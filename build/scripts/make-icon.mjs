// Draws the app icon (a white headset on the console's blue) and writes build/icon.png, 512×512
// RGBA. No image library: the shapes are signed distance functions, anti-aliased over one pixel,
// and the PNG is written with node:zlib. electron-builder turns this PNG into icon.ico (Windows),
// icon.icns (macOS) and the Linux icon sizes when it builds an installer.
//
//   node build/scripts/make-icon.mjs [out.png] [size]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const out = process.argv[2] ?? 'build/icon.png';
const size = Number(process.argv[3] ?? 512);

const blue = [11, 92, 173];
const white = [255, 255, 255];

// All geometry in a 0..1 square.
function roundedBox(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

function segment(x, y, ax, ay, bx, by, r) {
  const px = x - ax,
    py = y - ay,
    dx = bx - ax,
    dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - r;
}

/** distance to the headset: head band (upper half ring), two ear cups, microphone boom */
function headset(x, y) {
  const cx = 0.5,
    cy = 0.52,
    radius = 0.27,
    band = 0.035;
  const ring = Math.abs(Math.hypot(x - cx, y - cy) - radius) - band;
  const upper = y <= cy ? ring : Math.hypot(Math.abs(x - cx) - radius, y - cy) - band;
  const left = roundedBox(x, y, cx - radius, cy + 0.06, 0.07, 0.11, 0.05);
  const right = roundedBox(x, y, cx + radius, cy + 0.06, 0.07, 0.11, 0.05);
  // boom from the left cup down and round to the mouth, ending in the microphone
  const boom = Math.min(
    segment(x, y, cx - radius + 0.02, cy + 0.15, cx - 0.12, cy + 0.27, 0.022),
    segment(x, y, cx - 0.12, cy + 0.27, cx - 0.02, cy + 0.27, 0.022),
  );
  const mic = roundedBox(x, y, cx + 0.0, cy + 0.27, 0.05, 0.035, 0.035);
  return Math.min(upper, left, right, boom, mic);
}

const coverage = (d, px) => Math.max(0, Math.min(1, 0.5 - d / px));

const pixels = Buffer.alloc(size * (size * 4 + 1));
const px = 1 / size;
for (let row = 0; row < size; row++) {
  const line = row * (size * 4 + 1);
  pixels[line] = 0; // PNG filter: none
  for (let col = 0; col < size; col++) {
    const x = (col + 0.5) / size,
      y = (row + 0.5) / size;
    const back = coverage(roundedBox(x, y, 0.5, 0.5, 0.46, 0.46, 0.1), px);
    const fore = coverage(headset(x, y), px);
    const rgb = blue.map((c, i) => Math.round(c + (white[i] - c) * fore));
    const o = line + 1 + col * 4;
    pixels[o] = rgb[0];
    pixels[o + 1] = rgb[1];
    pixels[o + 2] = rgb[2];
    pixels[o + 3] = Math.round(255 * back);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`make-icon: wrote ${out} (${size}×${size}, ${png.length} bytes)`);
