// Where things sit on the piano roll, in CSS pixels: time runs left to right through
// the shared time axis, pitch bottom to top, one row per semitone.

import type { Note } from '../../../engine/piece/piece.js';
import { timeToX, type TimeView } from '../time/time-axis.js';

export interface RollLayout {
  /** The whole canvas. */
  width: number;
  height: number;
  /** The keyboard at the left; the time area starts after it. */
  gutter: number;
  /** The bar-number strip at the top. */
  ruler: number;
  /** Lowest and highest pitch shown, inclusive. */
  low: number;
  high: number;
}

export const RULER_HEIGHT = 22;
const MIN_SPAN = 24;
const PIANO_LOW = 21;
const PIANO_HIGH = 108;

/** The pitches to show: the notes' range with a little room, at least two octaves, within the piano. */
export function pitchSpan(notes: readonly Note[]): { low: number; high: number } {
  if (notes.length === 0) return { low: 48, high: 48 + MIN_SPAN - 1 };
  let low = PIANO_HIGH;
  let high = PIANO_LOW;
  for (const n of notes) {
    low = Math.min(low, n.pitch);
    high = Math.max(high, n.pitch);
  }
  low -= 2;
  high += 2;
  const missing = MIN_SPAN - (high - low + 1);
  if (missing > 0) {
    low -= Math.floor(missing / 2);
    high += Math.ceil(missing / 2);
  }
  if (low < PIANO_LOW) [low, high] = [PIANO_LOW, high + PIANO_LOW - low];
  if (high > PIANO_HIGH) [low, high] = [Math.max(PIANO_LOW, low - (high - PIANO_HIGH)), PIANO_HIGH];
  return { low, high };
}

export function timeAreaWidth(layout: RollLayout): number {
  return Math.max(0, layout.width - layout.gutter);
}

export function rowHeight(layout: RollLayout): number {
  return (layout.height - layout.ruler) / (layout.high - layout.low + 1);
}

/** Top edge of a pitch's row. */
export function pitchTop(layout: RollLayout, pitch: number): number {
  return layout.ruler + (layout.high - pitch) * rowHeight(layout);
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A note's rectangle on the canvas (x includes the gutter). Very short notes stay visible. */
export function noteRect(layout: RollLayout, view: TimeView, note: Note): Rect {
  const row = rowHeight(layout);
  const x = layout.gutter + timeToX(view, note.onset);
  const w = Math.max(2, (note.offset - note.onset) / view.secondsPerPixel - 1);
  const gap = row > 4 ? 1 : 0;
  return { x, y: pitchTop(layout, note.pitch) + gap / 2, w, h: Math.max(1, row - gap) };
}

/** Note colour: one hue, louder notes lighter and more saturated. */
export function velocityColor(velocity: number): string {
  const v = Math.min(127, Math.max(1, velocity)) / 127;
  return `hsl(199 ${Math.round(35 + 60 * v)}% ${Math.round(22 + 56 * v)}%)`;
}

export interface GridLines {
  /** Bar starts: x in the time area and the bar number (1-based). */
  bars: { x: number; bar: number; label: boolean }[];
  /** Beats that are not bar starts, when they are far enough apart to read. */
  beats: number[];
}

const MIN_BEAT_GAP = 6;
const MIN_LABEL_GAP = 28;

/** Bar and beat lines inside the time area [0, width). */
export function gridLines(view: TimeView, width: number, beats: readonly number[], downbeats: readonly number[]): GridLines {
  const inView = (x: number) => x >= -1 && x <= width + 1;
  const averageGap = (times: readonly number[]) =>
    times.length > 1 ? (times[times.length - 1] - times[0]) / (times.length - 1) / view.secondsPerPixel : Infinity;
  // label every bar, every 2nd, 4th, ... so the numbers never collide
  const barGap = averageGap(downbeats);
  let every = 1;
  while (barGap * every < MIN_LABEL_GAP && every < 1024) every *= 2;
  const bars: GridLines['bars'] = [];
  downbeats.forEach((t, i) => {
    const x = timeToX(view, t);
    if (inView(x)) bars.push({ x, bar: i + 1, label: i % every === 0 });
  });
  const out: number[] = [];
  if (averageGap(beats) >= MIN_BEAT_GAP) {
    const barTimes = new Set(downbeats);
    for (const t of beats) {
      const x = timeToX(view, t);
      if (inView(x) && !barTimes.has(t)) out.push(x);
    }
  }
  return { bars, beats: out };
}
