// Long silences split a piece into segments tracked on their own: the DP has nothing
// to follow across a silence, and its cost grows with the frames it spans. The
// silences are then bridged with evenly spaced beats.

import type { OnsetEvent } from './onsets.js';

/** A silence longer than this (seconds between onset events) starts a new segment. */
export const MAX_GAP = 6;

export function splitAtGaps(events: readonly OnsetEvent[], maxGap = MAX_GAP): OnsetEvent[][] {
  const out: OnsetEvent[][] = [];
  for (const e of events) {
    const seg = out[out.length - 1];
    if (seg && e.time - seg[seg.length - 1].time <= maxGap) seg.push(e);
    else out.push([e]);
  }
  return out;
}

/** Beats strictly between `from` and `to`, spaced as close to `period` as fits evenly. */
export function bridge(from: number, to: number, period: number): number[] {
  const n = Math.max(1, Math.round((to - from) / period));
  const out: number[] = [];
  for (let k = 1; k < n; k++) out.push(from + ((to - from) * k) / n);
  return out;
}
