// Where things sit on the valence–arousal plane, in CSS pixels: valence 0..1 left to
// right, arousal 0..1 bottom to top, inside a plot area that leaves room for the names
// and titles around it.

export interface PlaneLayout {
  width: number;
  height: number;
}

export interface XY {
  x: number;
  y: number;
}

/** Room around the plot: the quadrant names above and below, the arousal title at the left. */
export const PAD = { left: 20, right: 8, top: 20, bottom: 20 };
export const POINT_RADIUS = 5;

export function plotArea(layout: PlaneLayout): { left: number; top: number; width: number; height: number } {
  return {
    left: PAD.left,
    top: PAD.top,
    width: Math.max(0, layout.width - PAD.left - PAD.right),
    height: Math.max(0, layout.height - PAD.top - PAD.bottom),
  };
}

/** A (valence, arousal) estimate on the canvas; values outside 0..1 are held at the edge. */
export function toPlane(layout: PlaneLayout, valence: number, arousal: number): XY {
  const a = plotArea(layout);
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x: a.left + clamp(valence) * a.width, y: a.top + (1 - clamp(arousal)) * a.height };
}

/** The point under the pointer: the nearest within `reach` pixels, the later one on a tie (it is drawn on top). */
export function pointAt<P extends XY>(points: readonly P[], at: XY, reach: number): P | null {
  let best: P | null = null;
  let bestDistance = reach * reach;
  for (const p of points) {
    const d = (p.x - at.x) ** 2 + (p.y - at.y) ** 2;
    if (d <= bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

export interface ArrowShape {
  from: XY;
  to: XY;
  /** The head's triangle: tip, then the two back corners. */
  head: [XY, XY, XY];
}

/**
 * An arrow from one point to another, starting and ending at the points' rims so both
 * stay visible. Points closer than two rims get a head only, pointing at the target
 * from the side it came from (rightwards when they coincide).
 */
export function arrowShape(from: XY, to: XY, radius: number, headLength: number): ArrowShape {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const [ux, uy] = length > 1e-9 ? [dx / length, dy / length] : [1, 0];
  const tip = { x: to.x - ux * radius, y: to.y - uy * radius };
  const start = length > 2 * radius ? { x: from.x + ux * radius, y: from.y + uy * radius } : { x: tip.x - ux * headLength, y: tip.y - uy * headLength };
  const back = { x: tip.x - ux * headLength, y: tip.y - uy * headLength };
  const half = headLength * 0.5;
  return { from: start, to: tip, head: [tip, { x: back.x - uy * half, y: back.y + ux * half }, { x: back.x + uy * half, y: back.y - ux * half }] };
}

/** The arrow under the pointer: the one whose shaft (tail to tip) passes nearest, within `reach` pixels. */
export function arrowAt<A extends ArrowShape>(arrows: readonly A[], at: XY, reach: number): A | null {
  let best: A | null = null;
  let bestDistance = reach;
  for (const a of arrows) {
    const d = segmentDistance(at, a.from, a.to);
    if (d <= bestDistance) {
      best = a;
      bestDistance = d;
    }
  }
  return best;
}

function segmentDistance(p: XY, from: XY, to: XY): number {
  const [dx, dy] = [to.x - from.x, to.y - from.y];
  const squared = dx * dx + dy * dy;
  const t = squared === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - from.x) * dx + (p.y - from.y) * dy) / squared));
  return Math.hypot(p.x - (from.x + t * dx), p.y - (from.y + t * dy));
}
