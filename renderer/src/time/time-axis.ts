// The time axis shared by every view drawn against the piece's time (the piano roll,
// later the latent heatmaps): x = 0 is the left edge of a view's time area.

/**
 * Where every view's time area starts, in CSS pixels from its left edge: after the
 * roll's keyboard, so the roll, its lanes, the heatmap and the scrollbar line up.
 */
export const GUTTER_WIDTH = 46;

export interface TimeView {
  /** Zoom: seconds one CSS pixel spans. */
  secondsPerPixel: number;
  /** Scroll: the time at x = 0. */
  scrollSeconds: number;
}

/** Zoom limits: 2000 px per second (single 16ths wide) to 1 px per second (long pieces). */
export const MIN_SECONDS_PER_PIXEL = 1 / 2000;
export const MAX_SECONDS_PER_PIXEL = 1;
/** Room after the last note, so its end and the release are visible. */
export const END_MARGIN_SECONDS = 1;

export function timeToX(view: TimeView, seconds: number): number {
  return (seconds - view.scrollSeconds) / view.secondsPerPixel;
}

export function xToTime(view: TimeView, x: number): number {
  return view.scrollSeconds + x * view.secondsPerPixel;
}

export function visibleSeconds(view: TimeView, width: number): number {
  return width * view.secondsPerPixel;
}

function clampZoom(secondsPerPixel: number): number {
  return Math.min(MAX_SECONDS_PER_PIXEL, Math.max(MIN_SECONDS_PER_PIXEL, secondsPerPixel));
}

/** Keeps the scroll inside the piece (plus its end margin) for a view `width` pixels wide. */
export function clampScroll(view: TimeView, duration: number, width: number): TimeView {
  const maxScroll = Math.max(0, duration + END_MARGIN_SECONDS - visibleSeconds(view, width));
  return { secondsPerPixel: view.secondsPerPixel, scrollSeconds: Math.min(maxScroll, Math.max(0, view.scrollSeconds)) };
}

/** Zooms by `factor` (> 1 zooms in) keeping the time under `anchorX` where it is. */
export function zoomAt(view: TimeView, factor: number, anchorX: number): TimeView {
  const secondsPerPixel = clampZoom(view.secondsPerPixel / factor);
  const anchor = xToTime(view, anchorX);
  return { secondsPerPixel, scrollSeconds: anchor - anchorX * secondsPerPixel };
}

/** The whole piece in the width. */
export function fitView(duration: number, width: number): TimeView {
  return { secondsPerPixel: clampZoom((Math.max(duration, 1) + END_MARGIN_SECONDS) / Math.max(width, 1)), scrollSeconds: 0 };
}

/**
 * While playing, turns the page when the playhead nears the right edge (or is out of
 * view), so it reappears near the left; otherwise the view stays put.
 */
export function followPlayhead(view: TimeView, seconds: number, width: number): TimeView {
  const visible = visibleSeconds(view, width);
  const end = view.scrollSeconds + visible * 0.92;
  if (seconds >= view.scrollSeconds && seconds <= end) return view;
  return { secondsPerPixel: view.secondsPerPixel, scrollSeconds: Math.max(0, seconds - visible * 0.05) };
}

/** Scrollbar thumb as fractions of the track: where it starts and how much it covers. */
export function scrollThumb(view: TimeView, duration: number, width: number): { start: number; size: number } {
  const total = Math.max(duration + END_MARGIN_SECONDS, visibleSeconds(view, width));
  const size = Math.min(1, visibleSeconds(view, width) / total);
  const start = Math.min(1 - size, Math.max(0, view.scrollSeconds / total));
  return { start, size };
}

/** Scroll for a thumb whose start was dragged to `start` (fraction of the track). */
export function scrollForThumb(view: TimeView, duration: number, width: number, start: number): TimeView {
  const total = Math.max(duration + END_MARGIN_SECONDS, visibleSeconds(view, width));
  return clampScroll({ secondsPerPixel: view.secondsPerPixel, scrollSeconds: start * total }, duration, width);
}
