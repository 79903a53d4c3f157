// Variations and bars, as the Generate and Continue forms ask for them: whole numbers
// within the limits the API checks too.

import { GENERATE_BARS, GENERATE_COUNT } from '../../../engine/api/limits.js';

export { GENERATE_BARS, GENERATE_COUNT };

const within = (v: number, r: { min: number; max: number }) => Number.isInteger(v) && v >= r.min && v <= r.max;

/** Null when both are fine, else what to fix, in a sentence. */
export function variationsProblem(count: number, bars: number): string | null {
  if (within(count, GENERATE_COUNT) && within(bars, GENERATE_BARS)) return null;
  return `Variations: ${GENERATE_COUNT.min} to ${GENERATE_COUNT.max}; bars: ${GENERATE_BARS.min} to ${GENERATE_BARS.max}.`;
}
