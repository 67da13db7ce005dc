// Export text (sheet XML, CSV lines) as UTF-8 bytes, written piece by piece into large buffers.
// Concatenating a batch into one string and converting it with Buffer.from cost ~1 s per 100 000
// calls in the XLSX export (V8 first flattens a rope of tens of thousands of pieces, mixing one- and
// two-byte text, then encodes it) and made most of the garbage; writing each piece's bytes where
// they belong costs a fraction of that (test/bench/export.bench.ts). The hot writers (sheet XML,
// CSV fields) write bytes themselves after reserve(); add() is for anything else.

/** One chunk's size: large enough that deflate (on the thread pool) gets a whole batch per job. */
const CHUNK = 1 << 20;

export class Utf8Chunks {
  /** the buffer being filled; bytes go at `pos`, after reserve() made room for them */
  buf: Buffer;
  pos = 0;
  /** where the bytes not yet taken start */
  private start = 0;
  private readonly full: Buffer[] = [];

  constructor(private readonly chunkSize = CHUNK) {
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** Room for `bytes` more bytes at `pos` (a new buffer when this one is full; taken bytes stay untouched). */
  reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    if (this.pos > this.start) this.full.push(this.buf.subarray(this.start, this.pos));
    this.buf = Buffer.allocUnsafe(Math.max(this.chunkSize, bytes));
    this.start = this.pos = 0;
  }

  /** Any text, as UTF-8 (a lone surrogate becomes U+FFFD, as with Buffer.from). */
  add(text: string): void {
    // a UTF-16 code unit is at most 3 UTF-8 bytes (a surrogate pair, two units, is 4)
    this.reserve(text.length * 3);
    this.pos += this.buf.write(text, this.pos);
  }

  /** Text known to be ASCII (markup, numbers); the caller has reserved text.length bytes. */
  ascii(text: string): void {
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /**
   * The bytes added since the last take, in order. They are never written to again (later bytes
   * go after them, or to a new buffer), so a stream may keep them queued.
   */
  take(): Buffer[] {
    const out = this.full.splice(0);
    if (this.pos > this.start) out.push(this.buf.subarray(this.start, this.pos));
    this.start = this.pos;
    return out;
  }
}

/**
 * UTF-8 of one UTF-16 code unit that is not a surrogate, at `pos`; returns the new position.
 * (Surrogates are the caller's: a pair is one code point, a lone one has no UTF-8.)
 */
export function putUtf8(buf: Buffer, pos: number, c: number): number {
  if (c < 0x80) {
    buf[pos++] = c;
  } else if (c < 0x800) {
    buf[pos++] = 0xc0 | (c >> 6);
    buf[pos++] = 0x80 | (c & 63);
  } else {
    buf[pos++] = 0xe0 | (c >> 12);
    buf[pos++] = 0x80 | ((c >> 6) & 63);
    buf[pos++] = 0x80 | (c & 63);
  }
  return pos;
}

/** UTF-8 of the surrogate pair hi, lo at `pos` (4 bytes); returns the new position. */
export function putPair(buf: Buffer, pos: number, hi: number, lo: number): number {
  const cp = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
  buf[pos++] = 0xf0 | (cp >> 18);
  buf[pos++] = 0x80 | ((cp >> 12) & 63);
  buf[pos++] = 0x80 | ((cp >> 6) & 63);
  buf[pos++] = 0x80 | (cp & 63);
  return pos;
}
