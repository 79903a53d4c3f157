// The zoom and scroll of the time axis, shared by every view drawn against the piece's
// time (the piano roll now, the latent heatmaps later): same object, same pixels. A
// view lines up with the roll by starting its time area GUTTER_WIDTH (time-axis.ts)
// from the left, as the scrollbar does.

import { clampScroll, fitView, timeToX, zoomAt, type TimeView } from './time-axis.js';

export interface SharedTimeView extends TimeView {
  /** Width of the time area in CSS pixels (set by the roll, which owns the layout). */
  width: number;
  /** Seconds of the piece shown. */
  duration: number;
}

export const timeView: SharedTimeView = $state({ secondsPerPixel: 1 / 100, scrollSeconds: 0, width: 0, duration: 0 });

/** Applies a new zoom/scroll, kept inside the piece. */
export function setTimeView(next: TimeView): void {
  const v = clampScroll(next, timeView.duration, timeView.width);
  timeView.secondsPerPixel = v.secondsPerPixel;
  timeView.scrollSeconds = v.scrollSeconds;
}

/** Zooms around the playhead when it is in view, else around the middle. */
export function zoomBy(factor: number, playhead: number): void {
  const x = timeToX(timeView, playhead);
  const anchor = x >= 0 && x <= timeView.width ? x : timeView.width / 2;
  setTimeView(zoomAt(timeView, factor, anchor));
}

export function fitPiece(): void {
  setTimeView(fitView(timeView.duration, timeView.width));
}

export function scrollBySeconds(seconds: number): void {
  setTimeView({ secondsPerPixel: timeView.secondsPerPixel, scrollSeconds: timeView.scrollSeconds + seconds });
}
