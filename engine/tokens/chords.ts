// Template-matching chord recognition, one label per beat window.
// Each window's pitch-class profile weighs every sounding note by how many steps of
// the window it covers. Triads and suspended chords are scored for all 12 roots; the
// best is promoted to a seventh chord when the seventh is clearly present, and the
// bass breaks near-ties (C6 and Am7 share notes: the bass decides). N when nothing fits.

import type { GridNote } from './quantize.js';

export const ROOTS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'];

const TRIADS: Record<string, number[]> = {
  maj: [0, 4, 7],
  min: [0, 3, 7],
  dim: [0, 3, 6],
  aug: [0, 4, 8],
  sus2: [0, 2, 7],
  sus4: [0, 5, 7],
};

/** Seventh chords: [triad, interval of the seventh, label]. */
const SEVENTHS: [string, number, string][] = [
  ['maj', 10, '7'],
  ['maj', 11, 'M7'],
  ['min', 10, 'm7'],
  ['dim', 9, 'o7'],
  ['dim', 10, 'hdim7'],
];

/** Below this share of the window's weight on the chord tones, the label is N. */
const MIN_FIT = 0.6;
/** A seventh counts when it carries this share of the root's weight. */
const SEVENTH_SHARE = 0.3;
const BASS_BONUS = 0.1;

const TRIAD_LIST = Object.entries(TRIADS);

/** Tones of `tones` over `root` that do not sound at all. */
function missingTones(profile: readonly number[], root: number, tones: readonly number[]): number {
  let missing = 0;
  for (const t of tones) if (profile[(root + t) % 12] === 0) missing++;
  return missing;
}

export function chordOfProfile(profile: readonly number[], bass: number): string {
  let total = 0;
  for (const w of profile) total += w;
  if (total <= 0) return 'N';
  let bestScore = -Infinity;
  let root = 0;
  let quality = '';
  let fit = 0;
  for (let r = 0; r < 12; r++) {
    for (const [q, tones] of TRIAD_LIST) {
      let on = 0;
      for (const t of tones) on += profile[(r + t) % 12];
      // weight outside the chord counts against it, and so does a silent chord tone
      const score = (2 * on - total) / total - 0.5 * missingTones(profile, r, tones) + (r === bass ? BASS_BONUS : 0);
      if (score > bestScore) {
        bestScore = score;
        root = r;
        quality = q;
        fit = on / total;
      }
    }
  }
  let seventh = '';
  let seventhWeight = 0;
  for (const [triad, interval, label] of SEVENTHS) {
    const w = profile[(root + interval) % 12];
    if (triad === quality && w > seventhWeight) {
      seventh = label;
      seventhWeight = w;
    }
  }
  if (seventh && seventhWeight >= SEVENTH_SHARE * profile[root] && fit + seventhWeight / total >= MIN_FIT) {
    return `${ROOTS[root]}:${seventh}`;
  }
  // a lone note (two chord tones silent) names no chord
  if (fit < MIN_FIT || missingTones(profile, root, TRIADS[quality]) > 1) return 'N';
  return `${ROOTS[root]}:${quality}`;
}

/** A sounding pitch over [start, end), in any time unit (beats, seconds). */
export interface TimedPitch {
  start: number;
  end: number;
  pitch: number;
}

/** One chord label per window [bounds[i], bounds[i+1]), for i = 0..bounds.length-2. */
export function chordsOfWindows(notes: readonly TimedPitch[], bounds: readonly number[]): string[] {
  const count = Math.max(bounds.length - 1, 0);
  const profiles = Array.from({ length: count }, () => new Array<number>(12).fill(0));
  const bass = new Array<number>(count).fill(Infinity);
  for (const n of notes) {
    for (let w = Math.max(windowAt(bounds, n.start), 0); w < count && bounds[w] < n.end; w++) {
      const overlap = Math.min(n.end, bounds[w + 1]) - Math.max(n.start, bounds[w]);
      if (overlap <= 0) continue;
      profiles[w][n.pitch % 12] += overlap / (bounds[w + 1] - bounds[w]);
      bass[w] = Math.min(bass[w], n.pitch);
    }
  }
  return profiles.map((p, w) => chordOfProfile(p, Number.isFinite(bass[w]) ? bass[w] % 12 : -1));
}

/** Index of the window containing t (-1 before the first bound). */
function windowAt(bounds: readonly number[], t: number): number {
  let lo = -1;
  let hi = bounds.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** One chord label per beat, for beats 0..beatCount-1 of grid notes. */
export function chordsPerBeat(notes: readonly GridNote[], beatCount: number, stepsPerBeat: number): string[] {
  const timed = notes.map((n) => ({ start: n.step / stepsPerBeat, end: (n.step + n.duration) / stepsPerBeat, pitch: n.pitch }));
  return chordsOfWindows(timed, Array.from({ length: beatCount + 1 }, (_, b) => b));
}
