// Which tokens of a piece fall in a passage (bars first..last, the source's own bars,
// even where a long bar is split into two token bars): a transfer can be limited
// to a passage.

import { InputError } from '../errors.js';
import { barStarts } from '../piece/beat-map.js';
import type { BarRange } from '../piece/passage.js';
import { meterMap } from './detokenize.js';
import type { TokenSequence } from './token-file.js';
import { tokenSteps } from './token-steps.js';
import { FIELDS, type Vocab } from './vocab.js';

const TYPE = FIELDS.indexOf('type');
/** The tokens that sit in a bar; the emotion token and EOS belong to none. */
const IN_BARS = ['Metrical', 'Note'];

/** For each token of `piece` (named for errors), whether it sits in bars range.first..range.last. */
export function tokensInBars(seq: Pick<TokenSequence, 'tokens' | 'meters'>, vocab: Vocab, range: BarRange, piece: string): boolean[] {
  if (!(Number.isInteger(range.first) && Number.isInteger(range.last) && range.first >= 1 && range.last >= range.first)) {
    throw new InputError(piece, `bars ${range.first}–${range.last} are not a passage: give whole bar numbers from 1, the first not after the last`);
  }
  const steps = tokenSteps(seq, vocab);
  const spb = vocab.stepsPerBeat;
  const lastStep = Math.max(0, ...steps);
  const starts = barStarts(meterMap(seq), lastStep / spb + 1e-9).map((b) => Math.round(b * spb));
  if (range.first > starts.length) throw new InputError(piece, `bar ${range.first} is past its end (it has ${starts.length} bars)`);
  const from = starts[range.first - 1];
  const to = starts[range.last] ?? Infinity;
  return seq.tokens.map((t, i) => IN_BARS.includes(vocab.values.type[t[TYPE]]) && steps[i] >= from && steps[i] < to);
}
