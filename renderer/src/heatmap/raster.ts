// Paints the heatmap cells as RGBA pixels at device resolution: each device pixel takes
// the column under its centre on the shared time axis and the dim of its row. One pass
// over the pixels, however many tokens, so scrolling stays smooth on long pieces.

import { xToTime, type TimeView } from '../lib/time-axis.js';
import { columnAt, type HeatColumn } from './columns.js';
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
  const columnOf = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    const css = (x + 0.5) / dpr - layout.gutter;
    columnOf[x] = css < 0 ? -1 : columnAt(r.columns, xToTime(r.view, css));
  }
  const pixels = new Uint8ClampedArray(width * height * 4);
  const [br, bg, bb] = r.background;
  for (let y = 0; y < height; y++) {
    const cell = cellAt(layout, (y + 0.5) / dpr);
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const c = columnOf[x];
      if (cell && c >= 0) writeColour(pixels, o, r.columns[c].values[cell.element][cell.dim], r.range);
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
