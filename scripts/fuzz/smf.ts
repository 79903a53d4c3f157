// A lenient map of a Standard MIDI File's layout (chunks, and the events in each track),
// for the structure-aware mutators: it never throws, since the bytes it walks are often
// already damaged by an earlier mutation; it stops where the structure stops making sense.

export interface Chunk {
  id: string;
  /** Offset of the 4-byte id; the declared length follows it. */
  at: number;
  declared: number;
  /** First data byte. */
  data: number;
  /** Where the data ends in these bytes (the declared end, or the end of the file). */
  end: number;
}

export interface TrackEvent {
  /** Offset of the event's delta time. */
  at: number;
  deltaBytes: number;
  /** Offset of the status byte, or -1 when the event runs on the previous status. */
  statusAt: number;
  status: number;
  /** Meta type (status 0xFF only). */
  metaType?: number;
  /** Offset and size of the length quantity (meta and sysex events only). */
  lengthAt?: number;
  lengthBytes?: number;
  /** First data byte, and the byte after the event. */
  dataAt: number;
  end: number;
}

export function chunks(bytes: Uint8Array): Chunk[] {
  const out: Chunk[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    const declared = readU32(bytes, at + 4);
    const data = at + 8;
    const end = Math.min(data + declared, bytes.length);
    out.push({ id: String.fromCharCode(...bytes.subarray(at, at + 4)), at, declared, data, end });
    at = end;
  }
  return out;
}

/** A variable-length quantity: its value and size, or undefined past `end`. */
export function readVlq(bytes: Uint8Array, at: number, end: number): { value: number; size: number } | undefined {
  let value = 0;
  for (let i = at; i < end && i < at + 4; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) return { value, size: i - at + 1 };
  }
  return undefined;
}

export function vlq(value: number): number[] {
  const out = [value & 0x7f];
  for (let v = Math.floor(value / 128); v > 0; v = Math.floor(v / 128)) out.unshift((v & 0x7f) | 0x80);
  return out;
}

/** Bytes of data after a channel status (program change and channel pressure take one). */
const channelDataBytes = (status: number) => ((status & 0xf0) === 0xc0 || (status & 0xf0) === 0xd0 ? 1 : 2);

export function trackEvents(bytes: Uint8Array, chunk: Chunk): TrackEvent[] {
  const out: TrackEvent[] = [];
  let running = -1;
  for (let at = chunk.data; at < chunk.end; ) {
    const delta = readVlq(bytes, at, chunk.end);
    if (!delta) break;
    let p = at + delta.size;
    if (p >= chunk.end) break;
    let statusAt = -1;
    if (bytes[p] & 0x80) {
      statusAt = p;
      running = bytes[p++];
    }
    if (running < 0) break;
    const ev: TrackEvent = { at, deltaBytes: delta.size, statusAt, status: running, dataAt: p, end: p };
    if (running === 0xff || running === 0xf0 || running === 0xf7) {
      if (running === 0xff) ev.metaType = bytes[p++];
      const length = readVlq(bytes, p, chunk.end);
      if (!length) break;
      Object.assign(ev, { lengthAt: p, lengthBytes: length.size, dataAt: p + length.size, end: p + length.size + length.value });
      // meta and sysex events cancel running status
      running = -1;
    } else {
      ev.end = p + channelDataBytes(running);
    }
    if (ev.end > chunk.end) break;
    out.push(ev);
    at = ev.end;
  }
  return out;
}

export function readU32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

export function u32(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}
