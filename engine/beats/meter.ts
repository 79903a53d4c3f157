// Duple or triple meter: 4/4 or 3/4. Bar lines are tracked both ways, and the meter
// whose bar starts stand out more from the other beats (mean downbeat salience on
// them minus off them) wins. 4/4 is pop's default, so 3/4 must stand out by a margin.

import { trackBars } from './bars.js';

/** How much more a 3-beat bar's starts must stand out than a 4-beat bar's. */
const TRIPLE_MARGIN = 1.5;

export interface Meter {
  beatsPerBar: number;
  /** Indices of the bar starts. */
  starts: number[];
}

export function trackMeter(salience: readonly number[]): Meter {
  const quadruple = { beatsPerBar: 4, starts: trackBars(salience, 4) };
  const triple = { beatsPerBar: 3, starts: trackBars(salience, 3) };
  return contrast(salience, triple.starts) > TRIPLE_MARGIN * contrast(salience, quadruple.starts) ? triple : quadruple;
}

/** Mean salience on the bar starts minus the mean off them. */
function contrast(salience: readonly number[], starts: readonly number[]): number {
  const on = starts.reduce((s, i) => s + salience[i], 0);
  const total = salience.reduce((s, x) => s + x, 0);
  const off = salience.length - starts.length;
  return starts.length > 0 && off > 0 ? on / starts.length - (total - on) / off : 0;
}
