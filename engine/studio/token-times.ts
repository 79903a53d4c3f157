// Where each token of a piece sounds, in seconds on the piece's own beat grid, so the
// latent heatmap lines up with the piano roll's time axis.

import { beatsToSeconds } from '../piece/beat-map.js';
import type { Piece } from '../piece/piece.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { tokenSteps } from '../tokens/token-steps.js';
import type { Vocab } from '../tokens/vocab.js';

/** Seconds of every token in `piece` (the piece the tokens were made from). */
export function tokenSeconds(seq: TokenSequence, vocab: Vocab, piece: Piece): number[] {
  const spb = vocab.stepsPerBeat;
  return tokenSteps(seq, vocab).map((s) => (piece.beats.length >= 2 ? beatsToSeconds(piece.beats, s / spb) : 0));
}
