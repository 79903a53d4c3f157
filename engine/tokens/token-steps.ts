// Where each token sits in the music, in 16th steps from the piece's start: its bar's
// start (Bar token) or its position (Beat and Note tokens), counted like the detokenizer.

import { tokenBars } from './bars.js';
import { meterMap } from './detokenize.js';
import type { TokenSequence } from './token-file.js';
import { FIELDS, type Vocab } from './vocab.js';

const TYPE = FIELDS.indexOf('type');
const BAR_BEAT = FIELDS.indexOf('bar-beat');

/** Absolute 16th step of every token; tokens before the first bar get step 0. */
export function tokenSteps(seq: Pick<TokenSequence, 'tokens' | 'meters'>, vocab: Vocab): number[] {
  const bars = tokenBars(meterMap(seq), vocab.stepsPerBeat, vocab.maxBarSteps);
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
