// Where the spans of a lane beside the piano roll sit (chords above it, the emotion per
// bar below it): each span through the shared time axis, clipped to the visible time
// area (x from its left edge), keeping what the span says.

import { timeToX, type TimeView } from '../time/time-axis.js';

export interface TimeSpan {
  start: number;
  end: number;
}

export type LaneBox<T extends TimeSpan> = Omit<T, 'start' | 'end'> & { x: number; width: number };

/** The visible spans of a time area `width` pixels wide, left to right. */
export function laneBoxes<T extends TimeSpan>(spans: readonly T[], view: TimeView, width: number): LaneBox<T>[] {
  const boxes: LaneBox<T>[] = [];
  for (const { start, end, ...rest } of spans) {
    const left = Math.max(0, timeToX(view, start));
    const right = Math.min(width, timeToX(view, end));
    if (right > left) boxes.push({ ...rest, x: left, width: right - left });
  }
  return boxes;
}
