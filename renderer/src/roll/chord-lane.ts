// Where the chord names sit in the lane above the piano roll: each chord's span through
// the shared time axis, clipped to the visible time area (x from its left edge).

import type { ChordSpan } from '../../../engine/piece/chord-spans.js';
import { timeToX, type TimeView } from '../lib/time-axis.js';

export interface ChordBox {
  x: number;
  width: number;
  label: string;
}

/** The visible chords of a time area `width` pixels wide, left to right. */
export function chordBoxes(chords: readonly ChordSpan[], view: TimeView, width: number): ChordBox[] {
  const boxes: ChordBox[] = [];
  for (const c of chords) {
    const left = Math.max(0, timeToX(view, c.start));
    const right = Math.min(width, timeToX(view, c.end));
    if (right > left) boxes.push({ x: left, width: right - left, label: c.label });
  }
  return boxes;
}
