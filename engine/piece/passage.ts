// A passage of a piece: bars first..last, counted from 1 as the piano roll numbers them.
// Plain data, safe for the renderer; which tokens fall in it is tokens/bar-range.ts.

export interface BarRange {
  first: number;
  last: number;
}

/** The highest bar number a range may name, meaning "to the end" (a piece holds at most 50,000 beats). */
export const MAX_BAR = 50_000;

/** "bars 5–8", "bar 5", or "bars 5 to the end". */
export function passageName(range: BarRange): string {
  if (range.last >= MAX_BAR) return `bars ${range.first} to the end`;
  return range.first === range.last ? `bar ${range.first}` : `bars ${range.first}–${range.last}`;
}
