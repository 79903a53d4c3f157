// The heatmap's colour scale: ColorBrewer RdBu (perceptual, diverging) through a lookup
// table, symmetric around 0 so that white means 0; positive is red, negative blue.

import { interpolateRdBu } from 'd3-scale-chromatic';

/** Odd, so that 0 gets the middle colour itself. */
const STEPS = 255;

/** STEPS rgb triples, from -range (blue) to +range (red). */
const TABLE: Uint8Array = (() => {
  const t = new Uint8Array(STEPS * 3);
  for (let i = 0; i < STEPS; i++) {
    // RdBu runs red to blue; read it backwards so larger is warmer
    const [r, g, b] = (interpolateRdBu(1 - i / (STEPS - 1)).match(/\d+/g) ?? []).map(Number);
    t.set([r, g, b], i * 3);
  }
  return t;
})();

/** Index into the table for a value: 0 at -range, STEPS - 1 at +range, clamped. */
export function colourStep(value: number, range: number): number {
  const f = range > 0 ? (value / range + 1) / 2 : 0.5;
  return Math.min(STEPS - 1, Math.max(0, Math.round(f * (STEPS - 1))));
}

/** [r, g, b] of a value. */
export function valueRgb(value: number, range: number): [number, number, number] {
  const i = colourStep(value, range) * 3;
  return [TABLE[i], TABLE[i + 1], TABLE[i + 2]];
}

/** Writes a value's colour, opaque, into RGBA `pixels` at `offset` (no allocation: rasters call it per pixel). */
export function writeColour(pixels: Uint8ClampedArray, offset: number, value: number, range: number): void {
  const i = colourStep(value, range) * 3;
  pixels[offset] = TABLE[i];
  pixels[offset + 1] = TABLE[i + 1];
  pixels[offset + 2] = TABLE[i + 2];
  pixels[offset + 3] = 255;
}

export function valueCss(value: number, range: number): string {
  const [r, g, b] = valueRgb(value, range);
  return `rgb(${r}, ${g}, ${b})`;
}
