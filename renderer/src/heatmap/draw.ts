// Paints what goes over the heatmap's cells — the element labels in the gutter, the bar
// lines and the playhead (the roll's own) — and the colour legend.

import { drawPlayhead } from '../roll/draw.js';
import { gridLines } from '../roll/geometry.js';
import type { TimeView } from '../time/time-axis.js';
import { valueCss } from './colour.js';
import { bandHeight, bandTop, type HeatLayout } from './layout.js';
import { formatValue } from './tooltip.js';

export const HEAT_COLOURS = {
  background: [21, 23, 28] as [number, number, number],
  gutter: '#1c1f26',
  label: '#9aa3b2',
  barLine: 'rgba(12, 14, 18, 0.6)',
};

export interface HeatOverlay {
  layout: HeatLayout;
  view: TimeView;
  elements: readonly string[];
  /** Seconds where bars start. */
  barStarts: readonly number[];
  /** Null on a piece that is not the one playing. */
  playhead: number | null;
}

export function drawHeatOverlay(ctx: CanvasRenderingContext2D, s: HeatOverlay): void {
  const { layout } = s;
  ctx.save();
  ctx.beginPath();
  ctx.rect(layout.gutter, 0, layout.width - layout.gutter, layout.height);
  ctx.clip();
  ctx.fillStyle = HEAT_COLOURS.barLine;
  for (const b of gridLines(s.view, layout.width - layout.gutter, [], s.barStarts).bars) ctx.fillRect(Math.round(layout.gutter + b.x), 0, 1, layout.height);
  ctx.restore();
  ctx.fillStyle = HEAT_COLOURS.gutter;
  ctx.fillRect(0, 0, layout.gutter, layout.height);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = HEAT_COLOURS.label;
  const band = bandHeight(layout);
  s.elements.forEach((name, k) => ctx.fillText(name, layout.gutter - 4, bandTop(layout, k) + band / 2, layout.gutter - 6));
  if (s.playhead !== null) drawPlayhead(ctx, { layout, view: s.view, playhead: s.playhead });
}

/** A horizontal colour bar from -range to +range with its ends and 0 labelled. */
export function drawLegend(ctx: CanvasRenderingContext2D, width: number, height: number, range: number): void {
  const pad = 14;
  const bar = Math.max(1, width - 2 * pad);
  ctx.fillStyle = HEAT_COLOURS.gutter;
  ctx.fillRect(0, 0, width, height);
  for (let x = 0; x < bar; x++) {
    ctx.fillStyle = valueCss(((x + 0.5) / bar) * 2 * range - range, range);
    ctx.fillRect(pad + x, 3, 1, 9);
  }
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  ctx.fillStyle = HEAT_COLOURS.label;
  ctx.fillText(formatValue(-range), pad, 14);
  ctx.fillText('0', pad + bar / 2, 14);
  ctx.fillText(formatValue(range), pad + bar, 14);
}
