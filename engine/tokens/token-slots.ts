// Where each token sits in the music: its bar, its position in the bar, and a slot key
// naming "the same place" in another piece (the k-th note at bar b, position p; the
// metrical token of that position; the bar's own Bar token). Bar alignment of element
// transfer and the per-bar heatmap read these.

import { FIELDS } from './fields.js';
import type { Vocab } from './vocab.js';

export interface TokenSlot {
  /** The token's type in the vocabulary: Metrical (a Bar or Beat), Note, Emotion, EOS. */
  type: string;
  /** Bar number from 0; -1 for the tokens outside bars (emotion, EOS). */
  bar: number;
  /** Position in the bar in steps (16ths); -1 for the Bar token itself and tokens outside bars. */
  position: number;
  key: string;
}

const TYPE = FIELDS.indexOf('type');
const BAR_BEAT = FIELDS.indexOf('bar-beat');

export function tokenSlots(tokens: readonly (readonly number[])[], vocab: Vocab): TokenSlot[] {
  let bar = -1;
  let position = -1;
  let notesHere = 0;
  return tokens.map((t) => {
    const type = vocab.values.type[t[TYPE]];
    if (type === 'Metrical') {
      const bb = vocab.values['bar-beat'][t[BAR_BEAT]];
      notesHere = 0;
      if (bb === 'Bar') {
        bar++;
        position = -1;
        return { type, bar, position, key: `bar ${bar}` };
      }
      if (bb.startsWith('Beat_')) position = Number(bb.slice(5));
      return { type, bar, position, key: `metrical ${bar} ${position}` };
    }
    if (type === 'Note') return { type, bar, position, key: `note ${bar} ${position} ${notesHere++}` };
    // the emotion token and EOS have one place each; anything else (<pad>) has none
    return { type, bar: -1, position: -1, key: type === 'Emotion' || type === 'EOS' ? type : '' };
  });
}

/** Bars holding tokens (the Bar token counts), from 0; the emotion token and EOS are outside. */
export function tokenBarCount(slots: readonly TokenSlot[]): number {
  return slots.reduce((n, s) => Math.max(n, s.bar + 1), 0);
}
