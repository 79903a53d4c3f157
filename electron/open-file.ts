// Files the shell opens itself (Open Recent, a file the OS hands to the app): read
// with the engine's size limit, sent to the renderer as bytes, imported through the
// API like any upload. The engine checks the content and names the file on errors.

import { basename, resolve } from 'node:path';
import { toBase64, type FileData } from '../engine/api/wire.js';
import { readBytes } from '../engine/io/read-piece.js';
import { MAX_MIDI_BYTES } from '../engine/midi/read-smf.js';

const MIDI_FILE = /\.(mid|midi|kar|smf)$/i;

/** Throws an InputError naming the path when it is missing, a folder, unreadable or over 4 MB. */
export function readForImport(path: string): FileData {
  return { fileName: basename(path), base64: toBase64(readBytes(path, MAX_MIDI_BYTES)) };
}

/** MIDI files named on a command line (the OS opening files with the app), made absolute against `cwd`. */
export function midiPathsIn(argv: readonly string[], cwd: string): string[] {
  return argv.filter((a) => !a.startsWith('-') && MIDI_FILE.test(a)).map((a) => resolve(cwd, a));
}
