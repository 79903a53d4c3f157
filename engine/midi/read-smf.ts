// Standard MIDI File bytes -> header and per-track events, bounded by construction.
// Every chunk length, variable-length quantity, meta or sysex length and running
// status is checked against the bytes actually there (ByteReader) before it is used,
// and every loop consumes at least one byte, so a damaged file is refused with a
// message and can neither hang the reader nor make it allocate beyond its input.
// Replaces @tonejs/midi's parsing (midi-file), which trusts the lengths it reads: a
// text event whose length says 200 MB makes it build that string byte by byte.

import { ByteReader } from './byte-reader.js';

export const MAX_MIDI_BYTES = 4 * 1024 * 1024;

/** Why a file of `size` bytes is refused; the UI says the same before sending one. */
export function tooLargeMessage(size: number): string {
  return `the file is ${(size / 1048576).toFixed(1)} MB; MIDI files over ${MAX_MIDI_BYTES / 1048576} MB are refused`;
}

/**
 * More notes than any piano piece holds (two hours at a dense 12 notes a second is about
 * 86,000); the limit keeps a crafted file's memory and time bounded.
 */
export const MAX_NOTES = 100_000;

export interface SmfHeader {
  format: number;
  /** Tracks the header announces. */
  tracks: number;
  ticksPerBeat: number;
}

/** The events the importer uses; the others are read (lengths checked) and skipped. */
export type SmfEvent =
  | { tick: number; type: 'noteOn'; channel: number; pitch: number; velocity: number }
  | { tick: number; type: 'noteOff'; channel: number; pitch: number }
  | { tick: number; type: 'controller'; channel: number; controller: number; value: number }
  | { tick: number; type: 'program'; channel: number; program: number }
  | { tick: number; type: 'tempo'; microsecondsPerBeat: number }
  | { tick: number; type: 'meter'; numerator: number; denominator: number }
  | { tick: number; type: 'trackName'; text: string }
  | { tick: number; type: 'text'; text: string };

export interface Smf {
  header: SmfHeader;
  /** One list per MTrk chunk, in file order, each in event order (ticks never decrease). */
  tracks: SmfEvent[][];
}

/** Parses the file, or throws a string describing what is wrong. */
export function readSmf(bytes: Uint8Array): Smf {
  if (bytes.length === 0) throw 'the file is empty';
  if (bytes.length > MAX_MIDI_BYTES) throw tooLargeMessage(bytes.length);
  const file = new ByteReader(bytes);
  if (bytes.length < 14 || file.ascii(4, 'header') !== 'MThd') throw 'not a MIDI file (no MThd header)';
  const headerLength = file.u32('header length');
  if (headerLength < 6) throw `bad MIDI header length ${headerLength}`;
  const head = file.sub(headerLength, 'header chunk');
  const format = head.u16('format');
  const tracks = head.u16('track count');
  const division = head.u16('time division');
  if (format > 2) throw `unknown MIDI format ${format}`;
  if (format === 2) throw 'MIDI format 2 (independent sequences) is not supported';
  if (division & 0x8000) throw 'SMPTE time division is not supported (only ticks per beat)';
  if (division === 0) throw '0 ticks per beat';

  const events: SmfEvent[][] = [];
  const notes = { count: 0 };
  let chunk = 0;
  while (events.length < tracks) {
    if (file.remaining < 8) throw `truncated: the header announces ${tracks} tracks but the file ends after ${events.length}`;
    chunk++;
    const id = file.ascii(4, 'chunk type');
    const length = file.u32('chunk length');
    if (length > file.remaining) {
      throw `truncated: chunk ${chunk} ("${printable(id)}") declares ${length} bytes but only ${file.remaining} remain`;
    }
    const body = file.sub(length, 'chunk');
    // Chunks of other types are allowed by the standard and skipped.
    if (id !== 'MTrk') continue;
    try {
      events.push(readTrack(body, notes));
    } catch (problem) {
      throw `track ${events.length + 1}: ${problem}`;
    }
  }
  return { header: { format, tracks, ticksPerBeat: division }, tracks: events };
}

function readTrack(r: ByteReader, notes: { count: number }): SmfEvent[] {
  const out: SmfEvent[] = [];
  let tick = 0;
  let status: number | null = null;
  while (!r.done) {
    tick += r.vlq('a delta time');
    const at = r.position;
    let byte = r.u8('an event');
    if (byte === 0xff) {
      const type = r.u8('a meta event type');
      const length = r.vlq('a meta event length');
      if (length > r.remaining) throw `a meta event at byte ${at} declares ${length} bytes but the track has only ${r.remaining} left`;
      const data = r.sub(length, 'a meta event');
      if (type === 0x2f) return out; // end of track: what follows is not part of it
      const meta = metaEvent(type, data, length, at, tick);
      if (meta) out.push(meta);
      continue;
    }
    if (byte === 0xf0 || byte === 0xf7) {
      const length = r.vlq('a sysex length');
      if (length > r.remaining) throw `a sysex event at byte ${at} declares ${length} bytes but the track has only ${r.remaining} left`;
      r.skip(length, 'a sysex event');
      continue;
    }
    if (byte >= 0xf0) throw `byte ${at} (0x${byte.toString(16)}) is not a MIDI file event`;
    let first: number;
    if (byte & 0x80) {
      status = byte;
      first = r.u8('a channel event');
    } else {
      // running status: this byte is the first data byte of an event like the last one
      if (status === null) throw `running status at byte ${at} with no status byte before it`;
      first = byte;
      byte = status;
    }
    const channel = byte & 0x0f;
    const kind = byte >> 4;
    const what = kind === 0x8 || kind === 0x9 ? 'corrupt note data' : 'a channel event';
    if (first > 0x7f) throw `${what} at byte ${at}: a data byte over 127`;
    switch (kind) {
      case 0x8:
        dataByte(r, what, at);
        out.push({ tick, type: 'noteOff', channel, pitch: first });
        break;
      case 0x9: {
        const velocity = dataByte(r, what, at);
        if (velocity === 0) out.push({ tick, type: 'noteOff', channel, pitch: first });
        else {
          if (++notes.count > MAX_NOTES) throw `over ${MAX_NOTES} notes`;
          out.push({ tick, type: 'noteOn', channel, pitch: first, velocity });
        }
        break;
      }
      case 0xb:
        out.push({ tick, type: 'controller', channel, controller: first, value: dataByte(r, what, at) });
        break;
      case 0xc:
        out.push({ tick, type: 'program', channel, program: first });
        break;
      case 0xd:
        break; // channel pressure: one data byte, already read
      default:
        dataByte(r, what, at); // key pressure, pitch bend: a second data byte
    }
  }
  // A track without its end-of-track event is common enough to accept as it is.
  return out;
}

function dataByte(r: ByteReader, what: string, at: number): number {
  const b = r.u8(what);
  if (b > 0x7f) throw `${what} at byte ${at}: a data byte over 127`;
  return b;
}

function metaEvent(type: number, data: ByteReader, length: number, at: number, tick: number): SmfEvent | null {
  switch (type) {
    case 0x01:
      return { tick, type: 'text', text: data.ascii(length, 'a text event') };
    case 0x03:
      return { tick, type: 'trackName', text: data.ascii(length, 'a track name') };
    case 0x51:
      if (length !== 3) throw `a tempo event at byte ${at} has ${length} bytes instead of 3`;
      return { tick, type: 'tempo', microsecondsPerBeat: data.u24('a tempo') };
    case 0x58: {
      if (length !== 2 && length !== 4) throw `a time signature at byte ${at} has ${length} bytes instead of 4`;
      const numerator = data.u8('a time signature');
      const power = data.u8('a time signature');
      // past 2^31 the value only has to be refused; keep it a finite number for the message
      return { tick, type: 'meter', numerator, denominator: 2 ** Math.min(power, 31) };
    }
    default:
      return null;
  }
}

function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, '?');
}
