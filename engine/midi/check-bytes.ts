// Structural check of a Standard MIDI File before the parser sees it. The parser
// (@tonejs/midi) reads past the end of a short buffer without complaint, so a
// truncated or mislabelled file must be caught here, with a message a user can act on.

export const MAX_MIDI_BYTES = 4 * 1024 * 1024;

export interface MidiHeaderInfo {
  format: number;
  tracks: number;
  ticksPerBeat: number;
}

/** Returns the header, or throws a string describing what is wrong. */
export function checkMidiBytes(bytes: Uint8Array): MidiHeaderInfo {
  if (bytes.length === 0) throw 'the file is empty';
  if (bytes.length > MAX_MIDI_BYTES) {
    throw `the file is ${(bytes.length / 1048576).toFixed(1)} MB; MIDI files over ${MAX_MIDI_BYTES / 1048576} MB are refused`;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const id = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 14 || id(0) !== 'MThd') throw 'not a MIDI file (no MThd header)';
  const headerLength = view.getUint32(4);
  if (headerLength < 6) throw `bad MIDI header length ${headerLength}`;
  const format = view.getUint16(8);
  const tracks = view.getUint16(10);
  const division = view.getUint16(12);
  if (format > 2) throw `unknown MIDI format ${format}`;
  if (format === 2) throw 'MIDI format 2 (independent sequences) is not supported';
  if (division & 0x8000) throw 'SMPTE time division is not supported (only ticks per beat)';
  if (division === 0) throw '0 ticks per beat';
  let at = 8 + headerLength;
  let found = 0;
  while (found < tracks) {
    if (at + 8 > bytes.length) {
      throw `truncated: the header announces ${tracks} tracks but the file ends after ${found}`;
    }
    const length = view.getUint32(at + 4);
    if (at + 8 + length > bytes.length) {
      throw `truncated: chunk ${found + 1} ("${id(at)}") declares ${length} bytes but only ${bytes.length - at - 8} remain`;
    }
    if (id(at) === 'MTrk') found++;
    at += 8 + length;
  }
  return { format, tracks, ticksPerBeat: division };
}
