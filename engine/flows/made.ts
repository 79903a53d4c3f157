// What a flow makes: the decoded tokens as a named token sequence and the piece they play,
// with a sentence on how it was made. Every door (the library, `muser transfer` and
// `muser generate`, the bundled examples) turns decoded tokens into a piece here.

import { endAtBar } from '../piece/end-at-bar.js';
import type { MeterEvent, Piece } from '../piece/piece.js';
import { detokenize } from '../tokens/detokenize.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';

export interface Music {
  /** The tokens as decoded, with the name and meters they were read with. */
  sequence: TokenSequence;
  piece: Piece;
}

export interface Made extends Music {
  name: string;
  /** How it was made, in a sentence (the library keeps it as the piece's origin). */
  description: string;
  seed: number;
  /** The key its new pitches kept to ("D minor"); null when they kept to none. */
  key: string | null;
}

/**
 * Decoded tokens as music on `meters` (default 4/4). With `bars`, nothing sounds past the end
 * of bar `bars`: a generation of N bars stops its tokens where bar N + 1 would start, but a
 * note may still be held past it.
 */
export function decodedMusic(vocab: Vocab, tokens: number[][], name: string, meters?: MeterEvent[], bars?: number): Music {
  const sequence: TokenSequence = { vocab: vocab.version, fields: [...FIELDS], tokens, name, meters };
  const piece = detokenize(sequence, vocab);
  return { sequence, piece: bars === undefined ? piece : endAtBar(piece, bars) };
}
