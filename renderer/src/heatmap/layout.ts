// Where the heatmap's rows sit: one band per element, `slice` dims high, dim 0 at the
// band's top, bands a few pixels apart. The time area starts after the gutter, as the
// piano roll's does, so columns fall under the notes they encode.

export interface HeatLayout {
  /** The whole canvas, CSS pixels. */
  width: number;
  height: number;
  /** Element labels at the left; the time area starts after them. */
  gutter: number;
  elements: number;
  slice: number;
}

export const BAND_GAP = 3;

export function bandHeight(layout: HeatLayout): number {
  return Math.max(0, (layout.height - BAND_GAP * (layout.elements - 1)) / layout.elements);
}

export function bandTop(layout: HeatLayout, element: number): number {
  return element * (bandHeight(layout) + BAND_GAP);
}

/** The element and dim at height y, or null in a gap or outside. */
export function cellAt(layout: HeatLayout, y: number): { element: number; dim: number } | null {
  const band = bandHeight(layout);
  if (band <= 0 || y < 0) return null;
  const element = Math.floor(y / (band + BAND_GAP));
  const inside = y - bandTop(layout, element);
  if (element >= layout.elements || inside >= band) return null;
  return { element, dim: Math.min(layout.slice - 1, Math.floor((inside / band) * layout.slice)) };
}
