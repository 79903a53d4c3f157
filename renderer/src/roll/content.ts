// What the piano roll shows: the selected piece, or the notes a job is decoding over
// its target's dimmed notes, or (A/B listening) the version playing over the other.

import type { Note, Piece } from '../../../engine/piece/piece.js';

export interface RollContent {
  /** The piece that gives the roll its grid, time span and name. */
  piece: Piece;
  /** Drawn in full colour. */
  notes: readonly Note[];
  /** Drawn dimmed underneath. */
  ghost: readonly Note[];
  /** Says what the roll shows when it is not simply the selected piece. */
  label: string | null;
}

/** A job decoding: its notes so far, over its target (a transfer's A) when it has one. */
export interface Streaming {
  base: Piece | null;
  notes: readonly Note[];
  label: string;
}

/** A transfer's result selected with its A at hand: which of the two plays. */
export interface Comparing {
  playing: 'original' | 'result';
  original: readonly Note[];
}

export function rollContent(selected: Piece, streaming: Streaming | null, comparing: Comparing | null): RollContent {
  if (streaming) {
    const piece = streaming.base ?? notesOnly(streaming.notes, streaming.label);
    return { piece, notes: streaming.notes, ghost: streaming.base?.notes ?? [], label: streaming.label };
  }
  if (comparing?.playing === 'original') return { piece: selected, notes: comparing.original, ghost: selected.notes, label: 'Playing the original (A) · the result dimmed' };
  return { piece: selected, notes: selected.notes, ghost: comparing?.original ?? [], label: comparing ? 'Dimmed: the original (A)' : null };
}

/** A piece with no grid yet: what a generation has decoded so far. */
function notesOnly(notes: readonly Note[], name: string): Piece {
  return { notes: [...notes], beats: [], downbeats: [], tempos: [], meters: [], timing: 'tokens', source: { name, format: 'tokens', tracks: [], adjustments: {} } };
}
