// Make a merged note list well-formed for a single piano part: every pitch in the
// piano range, at most one sounding note per pitch, no zero-length notes.

import type { TickNote } from './sustain.js';

export const PIANO_LOW = 21;
export const PIANO_HIGH = 108;

export interface TidyCounts {
  foldedIntoRange: number;
  truncatedByRestrike: number;
  mergedDuplicates: number;
}

/** Fold by octaves into A0..C8: keeps the pitch class, which harmony depends on. */
export function foldPitch(pitch: number): number {
  let p = pitch;
  while (p < PIANO_LOW) p += 12;
  while (p > PIANO_HIGH) p -= 12;
  return p;
}

/** Returns the tidied notes sorted by start then pitch, and what was changed. */
export function tidyNotes(input: readonly TickNote[], minTicks: number): { notes: TickNote[]; counts: TidyCounts } {
  const counts: TidyCounts = { foldedIntoRange: 0, truncatedByRestrike: 0, mergedDuplicates: 0 };
  const notes = input.map((n) => {
    const pitch = foldPitch(n.pitch);
    if (pitch !== n.pitch) counts.foldedIntoRange++;
    return { ...n, pitch, end: Math.max(n.end, n.start + minTicks) };
  });
  notes.sort((a, b) => a.start - b.start || a.pitch - b.pitch || b.end - a.end);
  const out: TickNote[] = [];
  const sounding = new Map<number, TickNote>();
  for (const n of notes) {
    const prev = sounding.get(n.pitch);
    if (prev && prev.start === n.start) {
      // Same pitch struck twice at once (e.g. two tracks doubling): one note, the louder.
      prev.velocity = Math.max(prev.velocity, n.velocity);
      counts.mergedDuplicates++;
      continue;
    }
    if (prev && prev.end > n.start) {
      prev.end = n.start;
      counts.truncatedByRestrike++;
    }
    sounding.set(n.pitch, n);
    out.push(n);
  }
  return { notes: out, counts };
}
