// A − B: two pieces' latents paired by position (token i with token i, or bar i with
// bar i), drawn on A's time axis. Position is the only pairing both pieces always have.

import { maxAbs, type HeatColumn, type HeatData, type HeatMode } from './columns.js';

export function differenceData(a: HeatData, b: HeatData): HeatData {
  const n = Math.min(a.columns.length, b.columns.length);
  const columns: HeatColumn[] = a.columns.slice(0, n).map((ca, i) => {
    const cb = b.columns[i];
    return { ...ca, values: ca.values.map((row, k) => row.map((v, d) => v - cb.values[k][d])), pair: { a: ca, b: cb } };
  });
  return { elements: a.elements, slice: a.slice, columns, range: maxAbs(columns) };
}

/** Says in words how the two pieces were paired, for the line above the heatmap. */
export function differenceNote(a: HeatData, b: HeatData, mode: HeatMode): string {
  const [na, nb] = [a.columns.length, b.columns.length];
  const pairing = `A − B by ${mode} position: ${mode} i of A minus ${mode} i of B, drawn on A's time axis`;
  if (na === nb) return `${pairing} (${na} ${mode}s each).`;
  return `${pairing}; A has ${na} ${mode}s, B ${nb}: the first ${Math.min(na, nb)} are compared.`;
}
