// What the heatmap's tooltip says about the cell under the pointer.

import type { HeatColumn, HeatMode } from './columns.js';

/** Two decimals (one from 10 up), with a real minus sign. */
export function formatValue(v: number): string {
  return (Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)).replace('-', '−');
}

function barName(bar: number): string {
  return bar < 0 ? 'Before bar 1' : `Bar ${bar + 1}`;
}

/** Where a column is and what it encodes: "Bar 2 · token 37", then its label. */
function place(c: HeatColumn, unit: HeatMode): string {
  return `${unit === 'token' ? `${barName(c.bar)} · token ${c.index}` : barName(c.bar)} · ${c.label}`;
}

/** The cell of `column` at `element` (its name in `elementName`) and `dim`. */
export function tooltipLines(c: HeatColumn, unit: HeatMode, element: number, elementName: string, dim: number): string[] {
  const cell = `${elementName} · dim ${dim}`;
  if (!c.pair) return [place(c, unit), cell, `value ${formatValue(c.values[element][dim])}`];
  const { a, b } = c.pair;
  return [
    `A: ${place(a, unit)}`,
    `B: ${place(b, unit)}`,
    cell,
    `A − B = ${formatValue(c.values[element][dim])} (A ${formatValue(a.values[element][dim])}, B ${formatValue(b.values[element][dim])})`,
  ];
}

/** Zoomed out, the pixel under the pointer shows the mean of several columns: says so. */
export function pixelLine(count: number, unit: HeatMode, value: number): string {
  return `this pixel: mean of ${count} ${unit === 'token' ? 'tokens' : 'bars'}, ${formatValue(value)}`;
}
