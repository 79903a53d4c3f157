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

/** Each token's bar, counted from 1 as the source numbers them (0: the emotion token and EOS), and how many bars there are. */
export function sourceBars(seq: Pick<TokenSequence, 'tokens' | 'meters'>, vocab: Vocab): { bars: number[]; count: number } {
  const steps = tokenSteps(seq, vocab);
  const spb = vocab.stepsPerBeat;
  const lastStep = Math.max(0, ...steps);
  // up to one step past the last token: a piece whose last note starts a bar has that bar
  const starts = barStarts(meterMap(seq), (lastStep + 1) / spb).map((b) => Math.round(b * spb));
  let bar = 0;
  const bars = seq.tokens.map((t, i) => {
    if (!IN_BARS.includes(vocab.values.type[t[TYPE]])) return 0;
    while (bar < starts.length - 1 && steps[i] >= starts[bar + 1]) bar++;
    while (bar > 0 && steps[i] < starts[bar]) bar--; // a token that steps back in time
    return bar + 1;
  });
  return { bars, count: starts.length };
}

/** For each token of `piece` (named for errors), whether it sits in bars range.first..range.last. */
export function tokensInBars(seq: Pick<TokenSequence, 'tokens' | 'meters'>, vocab: Vocab, range: BarRange, piece: string): boolean[] {
  if (!(Number.isInteger(range.first) && Number.isInteger(range.last) && range.first >= 1 && range.last >= range.first)) {
    throw new InputError(piece, `bars ${range.first}–${range.last} are not a passage: give whole bar numbers from 1, the first not after the last`);
  }
  const { bars, count } = sourceBars(seq, vocab);
  if (range.first > count) throw new InputError(piece, `bar ${range.first} is past its end (it has ${count} bars)`);
  return bars.map((b) => b >= range.first && b <= range.last);
}

/** Bar numbers as the fewest ranges: [1, 2, 3, 7] -> 1–3, 7. */
export function barRanges(bars: Iterable<number>): BarRange[] {
  const sorted = [...new Set(bars)].sort((x, y) => x - y);
  const ranges: BarRange[] = [];
  for (const b of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && b === last.last + 1) last.last = b;
    else ranges.push({ first: b, last: b });
  }
  return ranges;
}
