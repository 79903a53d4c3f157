// The heatmap's columns: one per token (or per bar), placed in seconds on the piece's
// own time axis — the piano roll's — and the column under a given time.

import type { LatentView } from '../../../engine/studio/latent-view.js';

export type HeatMode = 'token' | 'bar';

export interface HeatColumn {
  /** Token or bar index in its piece. */
  index: number;
  /** Seconds on the piece's time axis, [start, end). */
  start: number;
  end: number;
  /** 0-based bar; -1 before the first bar. */
  bar: number;
  label: string;
  /** Latents [element][dim]. */
  values: number[][];
  /** A difference column's two sides. */
  pair?: { a: HeatColumn; b: HeatColumn };
}

export interface HeatData {
  elements: string[];
  slice: number;
  columns: HeatColumn[];
  /** Largest |value|: the colour scale runs symmetric from -range to +range. */
  range: number;
}

/**
 * One column per token. Tokens at one onset (a Beat and its notes) share that onset's
 * span [start, end); each gets an equal slice of it, in token order.
 */
export function tokenColumns(view: LatentView): HeatColumn[] {
  const { tokens, latents } = view;
  const out: HeatColumn[] = [];
  for (let t = 0; t < tokens.length; ) {
    const { start, end } = tokens[t];
    let n = 1;
    while (t + n < tokens.length && tokens[t + n].start === start) n++;
    const width = (end - start) / n;
    for (let i = 0; i < n; i++) {
      const k = t + i;
      out.push({ index: k, start: start + i * width, end: start + (i + 1) * width, bar: tokens[k].bar, label: tokens[k].label, values: latents[k] });
    }
    t += n;
  }
  return out;
}

/** One column per bar: the bar's mean latent over its whole span. */
export function barColumns(view: LatentView): HeatColumn[] {
  return view.bars.map((b, i) => ({ index: i, start: b.start, end: b.end, bar: b.bar, label: 'mean of its tokens', values: b.mean }));
}

export function maxAbs(columns: readonly HeatColumn[]): number {
  let m = 0;
  for (const c of columns) for (const row of c.values) for (const v of row) m = Math.max(m, Math.abs(v));
  return m;
}

export function heatData(view: LatentView, mode: HeatMode): HeatData {
  const columns = mode === 'token' ? tokenColumns(view) : barColumns(view);
  // the engine's range is over tokens; bar means are smaller, so they get their own
  return { elements: view.elements, slice: view.slice, columns, range: mode === 'token' ? view.range : maxAbs(columns) };
}

/** The column sounding at `seconds` (columns sorted by start), or -1. */
export function columnAt(columns: readonly HeatColumn[], seconds: number): number {
  let lo = 0;
  let hi = columns.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (columns[mid].start <= seconds) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && seconds < columns[found].end ? found : -1;
}

/** A column's share of a span of time, e.g. of one pixel. */
export interface Overlap {
  column: number;
  /** Seconds of the span it covers. */
  seconds: number;
}

/** The columns overlapping [t0, t1) (columns sorted by start, not overlapping), in order. */
export function columnsOver(columns: readonly HeatColumn[], t0: number, t1: number): Overlap[] {
  let lo = 0;
  let hi = columns.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (columns[mid].end <= t0) lo = mid + 1;
    else hi = mid;
  }
  const out: Overlap[] = [];
  for (let c = lo; c < columns.length && columns[c].start < t1; c++) {
    const seconds = Math.min(t1, columns[c].end) - Math.max(t0, columns[c].start);
    if (seconds > 0) out.push({ column: c, seconds });
  }
  return out;
}

/**
 * What a pixel spanning `overlaps` shows: each cell's mean over those columns, weighted by
 * the time each covers ([element][dim]). Zoomed out, a pixel spans many tokens, and
 * showing one of them would hide the others.
 */
export function meanValues(columns: readonly HeatColumn[], overlaps: readonly Overlap[]): number[][] {
  if (overlaps.length === 1) return columns[overlaps[0].column].values;
  const total = overlaps.reduce((s, o) => s + o.seconds, 0);
  return columns[overlaps[0].column].values.map((row, e) =>
    row.map((_v, d) => overlaps.reduce((s, o) => s + columns[o.column].values[e][d] * o.seconds, 0) / total));
}

/** How many of the piece's tokens the columns show: a token column one, a bar column its bar's tokens. */
export function tokensShown(view: LatentView, columns: readonly HeatColumn[], unit: HeatMode): number {
  if (unit === 'token') return columns.length;
  const bars = new Set(columns.map((c) => c.bar));
  return view.tokens.filter((t) => bars.has(t.bar)).length;
}
