// Writing music a flow made: a token file when the name ends in .json, else MIDI.

import type { Music } from '../flows/made.js';
import { isTokenFile } from '../io/read-tokens.js';
import { exportMidi } from '../midi/export.js';
import { formatTokenFile } from '../tokens/token-file.js';
import { writeOutput } from './output.js';

/** Write `music` to `out`; returns the number of notes written. */
export function writeMusic(out: string, music: Music, inputs: string[]): number {
  writeOutput(out, isTokenFile(out) ? formatTokenFile(music.sequence) : exportMidi(music.piece), inputs);
  return music.piece.notes.length;
}
