// Where each token of a piece sounds, in seconds on the piece's own beat grid, so the
// latent heatmap lines up with the piano roll's time axis. A token's step is its bar's
// start (Bar token) or its position (Beat and Note tokens), counted like the detokenizer.

import { beatsToSeconds } from '../piece/beat-map.js';
import type { Piece } from '../piece/piece.js';
import { tokenBars } from '../tokens/bars.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';

const TYPE = FIELDS.indexOf('type');
const BAR_BEAT = FIELDS.indexOf('bar-beat');

/** Absolute 16th step of every token; tokens before the first bar get step 0. */
export function tokenSteps(seq: TokenSequence, vocab: Vocab): number[] {
  const bars = tokenBars(seq.meters?.length ? seq.meters : [{ beat: 0, numerator: 4, denominator: 4 }], vocab.stepsPerBeat, vocab.maxBarSteps);
  let barStart = 0;
  let step = 0;
  return seq.tokens.map((t) => {
    if (vocab.values.type[t[TYPE]] === 'Metrical') {
      const bb = vocab.values['bar-beat'][t[BAR_BEAT]];
      if (bb === 'Bar') step = barStart = bars.next().value!.start;
      else if (bb.startsWith('Beat_')) step = barStart + Number(bb.slice(5));
    }
    return step;
  });
}

/** Seconds of every token in `piece` (the piece the tokens were made from). */
export function tokenSeconds(seq: TokenSequence, vocab: Vocab, piece: Piece): number[] {
  const spb = vocab.stepsPerBeat;
  return tokenSteps(seq, vocab).map((s) => (piece.beats.length >= 2 ? beatsToSeconds(piece.beats, s / spb) : 0));
}
