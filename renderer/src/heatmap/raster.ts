// Paints the heatmap cells as RGBA pixels at device resolution: each device pixel shows
// the dim of its row in the columns its span covers on the shared time axis (their mean,
// weighted by time, where it spans several: zoomed out, no token is skipped). A pixel
// whose centre is over no column is background, so the piece's edges stay sharp.

import { xToTime, type TimeView } from '../time/time-axis.js';
import { columnAt, columnsOver, meanValues, type HeatColumn } from './columns.js';
import { writeColour } from './colour.js';
import { cellAt, type HeatLayout } from './layout.js';

export interface Raster {
  layout: HeatLayout;
  view: TimeView;
  columns: readonly HeatColumn[];
  range: number;
  /** Device pixels per CSS pixel. */
  dpr: number;
  /** Where there is no cell: the gutter, the gaps, outside the piece. */
  background: [number, number, number];
}

export function rasterSize(layout: HeatLayout, dpr: number): { width: number; height: number } {
  return { width: Math.round(layout.width * dpr), height: Math.round(layout.height * dpr) };
}

export function rasterize(r: Raster): Uint8ClampedArray<ArrayBuffer> {
  const { layout, dpr } = r;
  const { width, height } = rasterSize(layout, dpr);
  const valuesOf: (number[][] | null)[] = [];
  for (let x = 0; x < width; x++) {
    const left = x / dpr - layout.gutter;
    const centre = left + 0.5 / dpr;
    const t0 = xToTime(r.view, Math.max(0, left));
    const t1 = xToTime(r.view, left + 1 / dpr);
    const inside = centre >= 0 && columnAt(r.columns, xToTime(r.view, centre)) >= 0;
    valuesOf.push(inside ? meanValues(r.columns, columnsOver(r.columns, t0, t1)) : null);
  }
  const pixels = new Uint8ClampedArray(width * height * 4);
  const [br, bg, bb] = r.background;
  for (let y = 0; y < height; y++) {
    const cell = cellAt(layout, (y + 0.5) / dpr);
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const values = valuesOf[x];
      if (cell && values) writeColour(pixels, o, values[cell.element][cell.dim], r.range);
      else {
        pixels[o] = br;
        pixels[o + 1] = bg;
        pixels[o + 2] = bb;
        pixels[o + 3] = 255;
      }
    }
  }
  return pixels;
}
