// One atlas panel's axes: its data bounds (reference clips and library pieces of one
// element, with a margin) mapped into the plot box, y up; and which point is under the
// pointer.

export type Point = readonly [number, number];

export interface PanelBox {
  /** The whole canvas, CSS pixels. */
  width: number;
  height: number;
  /** The plot area inside it. */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PanelScale {
  box: PanelBox;
  x: [number, number];
  y: [number, number];
}

/** Room around the data: a share of its extent, and pixels so edge markers show whole. */
const MARGIN = 0.04;
const INSET = 10;

function extent(values: readonly number[]): [number, number] {
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = [-1, 1];
  if (hi - lo < 1e-9) [lo, hi] = [lo - 1, hi + 1];
  const m = (hi - lo) * MARGIN;
  return [lo - m, hi + m];
}

export function panelScale(points: readonly Point[], box: PanelBox): PanelScale {
  return { box, x: extent(points.map((p) => p[0])), y: extent(points.map((p) => p[1])) };
}

export function toPixel(s: PanelScale, [x, y]: Point): [number, number] {
  const { box } = s;
  return [
    box.left + INSET + ((x - s.x[0]) / (s.x[1] - s.x[0])) * (box.right - box.left - 2 * INSET),
    box.bottom - INSET - ((y - s.y[0]) / (s.y[1] - s.y[0])) * (box.bottom - box.top - 2 * INSET),
  ];
}

/** Index of the pixel point nearest (x, y) within `radius`, or -1. */
export function nearest(pixels: readonly Point[], x: number, y: number, radius: number): number {
  let best = -1;
  let bestDistance = radius * radius;
  pixels.forEach(([px, py], i) => {
    const d = (px - x) ** 2 + (py - y) ** 2;
    if (d <= bestDistance) {
      best = i;
      bestDistance = d;
    }
  });
  return best;
}

/** The plot box of a panel `width` x `height`: room for the title above and the axis labels below and left. */
export function panelBox(width: number, height: number): PanelBox {
  return { width, height, left: 24, top: 24, right: Math.max(25, width - 8), bottom: Math.max(25, height - 24) };
}
