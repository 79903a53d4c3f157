// A piece cut at the end of a bar. Generating "N bars" stops the tokens where bar N + 1
// would start, but a note in bar N may still be given a duration of several bars: cut
// here, it ends with bar N, and so does the piece.

import { barStarts } from './beat-map.js';
import { pieceFromBeats } from './from-beats.js';
import type { Piece } from './piece.js';

/** `piece` (on its tempo map's grid, as detokenized) with nothing sounding past the end of its first `bars` bars. */
export function endAtBar(piece: Piece, bars: number): Piece {
  const lastBeat = piece.notes.reduce((m, n) => Math.max(m, n.offsetBeat), 0);
  const end = barStarts(piece.meters, lastBeat)[bars];
  if (end === undefined) return piece; // the music ends within those bars
  const notes = piece.notes
    .filter((n) => n.onsetBeat < end)
    .map((n) => ({ pitch: n.pitch, velocity: n.velocity, onsetBeat: n.onsetBeat, offsetBeat: Math.min(n.offsetBeat, end) }));
  return pieceFromBeats(notes, piece.tempos.filter((t) => t.beat < end), piece.meters.filter((m) => m.beat < end), piece.timing, piece.source);
}
