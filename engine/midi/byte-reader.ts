// A cursor over bytes that never reads past its end. Every read checks the bytes that
// are actually there, so a length or quantity in a damaged file can make the reader
// fail, but never loop, allocate beyond the input, or invent data past the end.

export class ByteReader {
  private at: number;

  constructor(
    private readonly bytes: Uint8Array,
    start = 0,
    private readonly end = bytes.length,
    /** Added to positions in messages, so they count from the start of the file. */
    private readonly origin = 0,
  ) {
    this.at = start;
  }

  /** Position in the file, for messages. */
  get position(): number {
    return this.origin + this.at;
  }

  get remaining(): number {
    return this.end - this.at;
  }

  get done(): boolean {
    return this.at >= this.end;
  }

  /** A reader over the next `length` bytes (checked), advancing past them. */
  sub(length: number, what: string): ByteReader {
    this.need(length, what);
    const r = new ByteReader(this.bytes, this.at, this.at + length, this.origin);
    this.at += length;
    return r;
  }

  u8(what: string): number {
    this.need(1, what);
    return this.bytes[this.at++];
  }

  /** Looks at the next byte without consuming it. */
  peek(what: string): number {
    this.need(1, what);
    return this.bytes[this.at];
  }

  u16(what: string): number {
    this.need(2, what);
    const v = (this.bytes[this.at] << 8) | this.bytes[this.at + 1];
    this.at += 2;
    return v;
  }

  u24(what: string): number {
    this.need(3, what);
    const v = (this.bytes[this.at] << 16) | (this.bytes[this.at + 1] << 8) | this.bytes[this.at + 2];
    this.at += 3;
    return v;
  }

  u32(what: string): number {
    this.need(4, what);
    const b = this.bytes;
    const v = b[this.at] * 0x1000000 + ((b[this.at + 1] << 16) | (b[this.at + 2] << 8) | b[this.at + 3]);
    this.at += 4;
    return v;
  }

  /**
   * A variable-length quantity: at most four bytes (28 bits), as the MIDI standard
   * defines it. A fifth continuation byte is a lie about the data, not a longer number.
   */
  vlq(what: string): number {
    const start = this.position;
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.u8(what);
      value = value * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) return value;
    }
    throw `${what} at byte ${start} runs over four bytes (a variable-length quantity has at most four)`;
  }

  ascii(length: number, what: string): string {
    this.need(length, what);
    let s = '';
    for (let i = 0; i < length; i++) s += String.fromCharCode(this.bytes[this.at + i]);
    this.at += length;
    return s;
  }

  skip(length: number, what: string): void {
    this.need(length, what);
    this.at += length;
  }

  private need(length: number, what: string): void {
    if (length > this.end - this.at) {
      throw `${what} at byte ${this.position} needs ${length} byte${length === 1 ? '' : 's'} but only ${this.end - this.at} remain`;
    }
  }
}
