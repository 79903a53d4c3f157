import { interpolateRdBu } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import type { Note } from '../../engine/piece/piece.js';
import type { LatentView } from '../../engine/studio/latent-view.js';
import { barColumns, columnAt, columnsOver, heatData, meanValues, tokenColumns, tokensShown, type HeatColumn, type HeatData } from '../../renderer/src/heatmap/columns.js';
import { colourStep, valueRgb } from '../../renderer/src/heatmap/colour.js';
import { differenceData, differenceNote } from '../../renderer/src/heatmap/difference.js';
import { BAND_GAP, bandHeight, bandTop, cellAt, type HeatLayout } from '../../renderer/src/heatmap/layout.js';
import { rasterize } from '../../renderer/src/heatmap/raster.js';
import { formatValue, pixelLine, tooltipLines } from '../../renderer/src/heatmap/tooltip.js';
import { noteRect, type RollLayout } from '../../renderer/src/roll/geometry.js';
import { GUTTER_WIDTH } from '../../renderer/src/time/time-axis.js';

const ELEMENTS = ['tempo', 'chord', 'bar-beat', 'type', 'pitch', 'duration', 'velocity'];

/** A latent whose every dim is `v`. */
const flat = (v: number) => ELEMENTS.map(() => new Array(16).fill(v));

function latentView(tokens: { start: number; end: number; bar: number }[], values: number[]): LatentView {
  return {
    elements: ELEMENTS,
    slice: 16,
    latents: values.map(flat),
    tokens: tokens.map((t, i) => ({ ...t, label: `token ${i}` })),
    bars: [
      { bar: 0, start: 0, end: 2, mean: flat(0.5) },
      { bar: 1, start: 2, end: 4, mean: flat(-0.25) },
    ],
    range: Math.max(...values.map(Math.abs)),
  };
}

// a Bar, a Beat and two notes at 0 s; a Beat and a note at 1 s; a note at 3 s
const view = latentView(
  [
    { start: 0, end: 1, bar: 0 },
    { start: 0, end: 1, bar: 0 },
    { start: 0, end: 1, bar: 0 },
    { start: 0, end: 1, bar: 0 },
    { start: 1, end: 3, bar: 0 },
    { start: 1, end: 3, bar: 0 },
    { start: 3, end: 4, bar: 1 },
  ],
  [1, 2, 3, 4, 5, 6, -7],
);

describe('heatmap columns', () => {
  it('splits the span of the tokens at one onset evenly among them, in token order', () => {
    const spans = tokenColumns(view).map((c) => [c.index, c.start, c.end]);
    expect(spans).toEqual([
      [0, 0, 0.25],
      [1, 0.25, 0.5],
      [2, 0.5, 0.75],
      [3, 0.75, 1],
      [4, 1, 2],
      [5, 2, 3],
      [6, 3, 4],
    ]);
  });

  it('gives each bar one column with its mean over the whole bar', () => {
    expect(barColumns(view).map((c) => [c.bar, c.start, c.end, c.values[3][7]])).toEqual([
      [0, 0, 2, 0.5],
      [1, 2, 4, -0.25],
    ]);
  });

  it('scales tokens by the engine range and bars by their own largest mean', () => {
    expect(heatData(view, 'token').range).toBe(7);
    expect(heatData(view, 'bar').range).toBe(0.5);
  });

  it('finds the column under a time, and none outside the piece', () => {
    const columns = tokenColumns(view);
    expect(columnAt(columns, 0)).toBe(0);
    expect(columnAt(columns, 0.3)).toBe(1);
    expect(columnAt(columns, 0.9999)).toBe(3);
    expect(columnAt(columns, 2)).toBe(5);
    expect(columnAt(columns, 3.99)).toBe(6);
    expect(columnAt(columns, 4)).toBe(-1);
    expect(columnAt(columns, -0.1)).toBe(-1);
    expect(columnAt([], 1)).toBe(-1);
  });

  it('lists the columns a span of time covers, with the seconds of it each covers', () => {
    const columns = tokenColumns(view);
    expect(columnsOver(columns, 0.1, 0.2)).toEqual([{ column: 0, seconds: expect.closeTo(0.1) }]);
    expect(columnsOver(columns, 0.5, 2).map((o) => [o.column, o.seconds])).toEqual([[2, 0.25], [3, 0.25], [4, 1]]);
    expect(columnsOver(columns, 3.5, 9).map((o) => o.column)).toEqual([6]);
    expect(columnsOver(columns, 4, 9)).toEqual([]);
    expect(columnsOver(columns, -2, -1)).toEqual([]);
  });

  it('averages the columns a pixel spans, weighted by the time each covers', () => {
    const columns = tokenColumns(view);
    // a second each of tokens 4, 5 and 6
    const mean = meanValues(columns, columnsOver(columns, 1, 4));
    expect(mean[4][3]).toBeCloseTo((5 + 6 - 7) / 3);
    // one column: its own values
    expect(meanValues(columns, columnsOver(columns, 3.2, 3.3))).toBe(columns[6].values);
  });

  it('counts the tokens a view shows: a column each, or the tokens of the bars', () => {
    expect(tokensShown(view, tokenColumns(view), 'token')).toBe(7);
    expect(tokensShown(view, barColumns(view), 'bar')).toBe(7);
    expect(tokensShown(view, barColumns(view).slice(1), 'bar')).toBe(1);
  });
});

describe('heatmap rows', () => {
  const layout: HeatLayout = { width: 446, height: 7 * 32 + 6 * BAND_GAP, gutter: GUTTER_WIDTH, elements: 7, slice: 16 };

  it('stacks the 7 elements, 16 dims each, dim 0 at the top of its band', () => {
    expect(bandHeight(layout)).toBe(32);
    expect(bandTop(layout, 1)).toBe(32 + BAND_GAP);
    expect(cellAt(layout, 0)).toEqual({ element: 0, dim: 0 });
    expect(cellAt(layout, 31.9)).toEqual({ element: 0, dim: 15 });
    expect(cellAt(layout, 32 + BAND_GAP + 2)).toEqual({ element: 1, dim: 1 });
    expect(cellAt(layout, layout.height - 0.5)).toEqual({ element: 6, dim: 15 });
  });

  it('has no cell in the gaps or outside', () => {
    expect(cellAt(layout, 32.5)).toBeNull();
    expect(cellAt(layout, -1)).toBeNull();
    expect(cellAt(layout, layout.height + 1)).toBeNull();
  });
});

describe('heatmap raster on the roll time axis', () => {
  const rollLayout: RollLayout = { width: 1046, height: 262, gutter: GUTTER_WIDTH, ruler: 22, low: 48, high: 71 };
  const heatLayout: HeatLayout = { width: 1046, height: 7 * 16 + 6 * BAND_GAP, gutter: GUTTER_WIDTH, elements: 7, slice: 16 };
  const timeView = { secondsPerPixel: 0.01, scrollSeconds: 1 };
  const column = (start: number, end: number, v: number): HeatColumn => ({ index: 0, start, end, bar: 0, label: '', values: flat(v) });
  const background: [number, number, number] = [1, 2, 3];
  const pixel = (p: Uint8ClampedArray, x: number, y: number) => [...p.slice((y * heatLayout.width + x) * 4, (y * heatLayout.width + x) * 4 + 3)];

  it('starts a token column at the very pixel where the roll starts its note', () => {
    const note: Note = { pitch: 60, velocity: 80, onset: 2, offset: 2.5, onsetBeat: 4, offsetBeat: 5 };
    const x = noteRect(rollLayout, timeView, note).x;
    expect(x).toBeCloseTo(146);
    const pixels = rasterize({ layout: heatLayout, view: timeView, columns: [column(0, 2, -1), column(2, 2.5, 1)], range: 1, dpr: 1, background });
    expect(pixel(pixels, x - 1, 0)).toEqual(valueRgb(-1, 1));
    expect(pixel(pixels, x, 0)).toEqual(valueRgb(1, 1));
    // after the last column, the gutter and the gaps: background
    expect(pixel(pixels, x + 50, 0)).toEqual(background);
    expect(pixel(pixels, GUTTER_WIDTH - 1, 0)).toEqual(background);
    expect(pixel(pixels, x, 16)).toEqual(background);
  });

  it('paints a pixel spanning several columns with their time-weighted mean, so zooming out skips no token', () => {
    const out = { secondsPerPixel: 1, scrollSeconds: 0 };
    // three tokens inside the first pixel's second; a lone one in the next
    const columns = [column(0, 0.25, 1), column(0.25, 0.5, -1), column(0.5, 1, 0.5), column(1, 2, -0.5)];
    const pixels = rasterize({ layout: heatLayout, view: out, columns, range: 1, dpr: 1, background });
    expect(pixel(pixels, GUTTER_WIDTH, 0)).toEqual(valueRgb(0.25 * 1 + 0.25 * -1 + 0.5 * 0.5, 1));
    expect(pixel(pixels, GUTTER_WIDTH + 1, 0)).toEqual(valueRgb(-0.5, 1));
    expect(pixel(pixels, GUTTER_WIDTH + 2, 0)).toEqual(background);
  });

  it('paints at device resolution: twice the pixels at dpr 2, same places', () => {
    const pixels = rasterize({ layout: heatLayout, view: timeView, columns: [column(0, 2, -1), column(2, 2.5, 1)], range: 1, dpr: 2, background });
    expect(pixels.length).toBe(heatLayout.width * 2 * heatLayout.height * 2 * 4);
    const at = (x: number) => [...pixels.slice(x * 4, x * 4 + 3)];
    expect(at(2 * 146 - 1)).toEqual(valueRgb(-1, 1));
    expect(at(2 * 146)).toEqual(valueRgb(1, 1));
  });
});

describe('heatmap colours', () => {
  it('runs symmetric around 0 from -range to +range, clamped', () => {
    expect(colourStep(-2, 2)).toBe(0);
    expect(colourStep(2, 2)).toBe(254);
    expect(colourStep(5, 2)).toBe(254);
    expect(colourStep(-5, 2)).toBe(0);
    expect(colourStep(0, 2)).toBe(127);
    expect(colourStep(0.7, 2) + colourStep(-0.7, 2)).toBe(254);
    // a zero range (all values 0) is the middle, not NaN
    expect(colourStep(0, 0)).toBe(127);
  });

  it('is ColorBrewer RdBu: white at 0, red above, blue below', () => {
    const rgb = (c: string) => (c.match(/\d+/g) ?? []).map(Number);
    expect(valueRgb(3, 3)).toEqual(rgb(interpolateRdBu(0)));
    expect(valueRgb(-3, 3)).toEqual(rgb(interpolateRdBu(1)));
    const [r, g, b] = valueRgb(0, 3);
    expect(Math.min(r, g, b)).toBeGreaterThan(225);
    const [pr, , pb] = valueRgb(1.5, 3);
    const [nr, , nb] = valueRgb(-1.5, 3);
    expect(pr).toBeGreaterThan(pb);
    expect(nb).toBeGreaterThan(nr);
  });
});

describe('heatmap difference', () => {
  const a = heatData(view, 'token');
  const other = latentView(
    [
      { start: 0, end: 2, bar: 0 },
      { start: 0, end: 2, bar: 0 },
      { start: 2, end: 5, bar: 1 },
    ],
    [0.5, -1, 2],
  );
  const b = heatData(other, 'token');

  it('subtracts B from A token by token index, on A\'s times, as far as both go', () => {
    const d = differenceData(a, b);
    expect(d.columns.map((c) => c.values[0][0])).toEqual([0.5, 3, 1]);
    expect(d.columns.map((c) => [c.start, c.end])).toEqual(a.columns.slice(0, 3).map((c) => [c.start, c.end]));
    expect(d.range).toBe(3);
    expect(d.columns[1].pair).toEqual({ a: a.columns[1], b: b.columns[1] });
  });

  it('subtracts bar by bar in bar view', () => {
    const d = differenceData(heatData(view, 'bar'), heatData(other, 'bar'));
    expect(d.columns.map((c) => c.values[6][15])).toEqual([0, 0]);
  });

  it('says which pairing it uses', () => {
    expect(differenceNote(a, b, 'token')).toBe(
      "A − B by token position: token i of A minus token i of B, drawn on A's time axis; A has 7 tokens, B 3: the first 3 are compared.",
    );
    const bars: HeatData = heatData(view, 'bar');
    expect(differenceNote(bars, bars, 'bar')).toBe("A − B by bar position: bar i of A minus bar i of B, drawn on A's time axis (2 bars each).");
  });
});

describe('heatmap tooltip', () => {
  it('names the bar, the token, the element, the dim and the value', () => {
    const c = tokenColumns(view)[6];
    expect(tooltipLines(c, 'token', 4, 'pitch', 3)).toEqual(['Bar 2 · token 6 · token 6', 'pitch · dim 3', 'value −7.00']);
    expect(tooltipLines(barColumns(view)[0], 'bar', 0, 'tempo', 0)).toEqual(['Bar 1 · mean of its tokens', 'tempo · dim 0', 'value 0.50']);
  });

  it('shows both sides of a difference', () => {
    const d = differenceData(heatData(view, 'token'), heatData(view, 'token')).columns[0];
    expect(tooltipLines(d, 'token', 0, 'tempo', 0)).toEqual(['A: Bar 1 · token 0 · token 0', 'B: Bar 1 · token 0 · token 0', 'tempo · dim 0', 'A − B = 0.00 (A 1.00, B 1.00)']);
  });

  it('says when the pixel under the pointer shows the mean of several columns', () => {
    expect(pixelLine(3, 'token', -0.5)).toBe('this pixel: mean of 3 tokens, −0.50');
    expect(pixelLine(2, 'bar', 1)).toBe('this pixel: mean of 2 bars, 1.00');
  });

  it('formats values with a real minus sign', () => {
    expect(formatValue(-0.1234)).toBe('−0.12');
    expect(formatValue(12.345)).toBe('12.3');
  });
});
