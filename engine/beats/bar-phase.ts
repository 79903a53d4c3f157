// Where a steady meter's bars start. A grid file's time signature is the author's
// statement of the bar length, and usually of the bar lines too, but a pickup placed
// on tick 0 puts every bar line on the wrong beat. Folded over the whole piece,
// downbeat salience (harmonic change, bass entries and moves) peaks on the beat where
// the music's bars start.

import { fold } from './harmony.js';

/**
 * How many times the author's beat another beat of the bar must weigh to move the bar
 * lines. On grid-pop's DAW files the author's beat always weighs most; on the POP909
 * files whose bar lines sit a beat or two off the annotated ones, another beat weighs
 * 3.7-6.6 times theirs.
 */
export const BAR_PHASE_MARGIN = 2;

/**
 * The beat (0 to perBar - 1) where the bars start: the author's (0) unless another beat
 * of the bar clearly outweighs it over the whole piece.
 */
export function authorBarBeat(salience: readonly number[], perBar: number): number {
  const folded = fold(salience, perBar);
  let best = 0;
  for (let k = 1; k < perBar; k++) if (folded[k] > folded[best]) best = k;
  return folded[best] > BAR_PHASE_MARGIN * folded[0] ? best : 0;
}
