// Read a MIDI file from disk into a Piece, with errors that name the file.

import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import { MAX_MIDI_BYTES } from '../midi/read-smf.js';
import { importMidi } from '../midi/import.js';
import type { Piece } from '../piece/piece.js';

export function readBytes(path: string, maxBytes: number): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(path, 'is a directory, not a file');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(path, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read (${(err as Error).message})`);
  }
  // refuse before reading, so a huge file costs nothing
  if (size > maxBytes) throw new InputError(path, `the file is ${(size / 1048576).toFixed(1)} MB; the limit is ${maxBytes / 1048576} MB`);
  return readFileSync(path);
}

export function readPiece(path: string): Piece {
  const bytes = readBytes(path, MAX_MIDI_BYTES);
  try {
    return importMidi(bytes, basename(path));
  } catch (err) {
    // name the path the user gave, not only the base name
    if (err instanceof InputError) throw new InputError(path, err.problem);
    throw err;
  }
}
