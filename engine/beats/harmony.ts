// Harmonic change on a beat grid. Pop harmony changes on beats, mostly at bar starts,
// so how much the pitch-class content changes at each grid point tells on-beats from
// off-beats, a bar start from the other beats, and a quarter-note grid from an 8th one.

import { BASS_PITCH, type PerformedNote } from './performed-note.js';

/** Pitch-class profile of each grid interval [grid[i], grid[i+1]): sounding time x salience. */
export function gridChroma(notes: readonly PerformedNote[], grid: readonly number[]): Float64Array[] {
  const n = Math.max(grid.length - 1, 0);
  const chroma = Array.from({ length: n }, () => new Float64Array(12));
  for (const note of notes) {
    // bass notes define the harmony more than melody notes
    const w = (note.velocity / 127) * (note.pitch < BASS_PITCH ? 2 : 1);
    const pc = ((Math.round(note.pitch) % 12) + 12) % 12;
    for (let i = Math.max(firstInterval(grid, note.onset), 0); i < n && grid[i] < note.offset; i++) {
      const overlap = Math.min(note.offset, grid[i + 1]) - Math.max(note.onset, grid[i]);
      if (overlap > 0) chroma[i][pc] += (w * overlap) / (grid[i + 1] - grid[i]);
    }
  }
  return chroma;
}

/** Index of the interval containing t (-1 before the grid). */
function firstInterval(grid: readonly number[], t: number): number {
  let lo = 0;
  let hi = grid.length - 1;
  if (hi < 0 || t < grid[0]) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (grid[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Change entering each grid point: 1 - cosine(previous interval, next interval); 0 at the ends. */
export function harmonicNovelty(notes: readonly PerformedNote[], grid: readonly number[]): number[] {
  const chroma = gridChroma(notes, grid);
  const out = new Array<number>(grid.length).fill(0);
  for (let i = 1; i < chroma.length; i++) out[i] = 1 - cosine(chroma[i - 1], chroma[i]);
  return out;
}

function cosine(a: Float64Array, b: Float64Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < 12; k++) {
    ab += a[k] * b[k];
    aa += a[k] * a[k];
    bb += b[k] * b[k];
  }
  // silence on either side is no evidence of change
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 1;
}

/** Mean of `values` at each index modulo `period`. */
export function fold(values: readonly number[], period: number): number[] {
  const sum = new Array<number>(period).fill(0);
  const count = new Array<number>(period).fill(0);
  values.forEach((v, i) => {
    sum[i % period] += v;
    count[i % period]++;
  });
  return sum.map((s, k) => (count[k] > 0 ? s / count[k] : 0));
}
