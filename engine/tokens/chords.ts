// Template-matching chord recognition, one label per window (a beat).
// Each window's pitch-class profile weighs every sounding note by how much of the
// window it covers, low notes more (the accompaniment's register carries the harmony,
// the melody's passing tones sit higher) and notes held over from before less. Triads
// and suspended chords are scored for all 12 roots, with a prior for major and minor
// (pop's common chords) and a bonus for the root in the bass (C6 and Am7 share notes:
// the bass decides). A Viterbi pass over the windows then picks the best sequence with a
// cost per change (chord-path.ts), and each run of one triad is promoted to a seventh
// chord when its seventh clearly sounds. N where no chord is eligible: nothing sounds, a
// lone pitch class, or a poor fit.

import { bestPath } from './chord-path.js';
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

/** Below this share of the window's weight on its tones, a chord is not eligible. */
const MIN_FIT = 0.4;
/** Weight outside the chord counts against it by this factor. */
const OUTSIDE_COST = 0.5;
/** Per chord tone that does not sound at all. */
const MISSING_COST = 0.2;
/** For the root as the lowest note: inversions exist, but root position is the norm. */
const BASS_BONUS = 0.3;
/** Cost of anything but major or minor: they are rarer in pop, and a passing tone turns a triad into sus or dim. */
const RARE_QUALITY_COST = 0.4;
/** Score of N: below every eligible chord's, so N wins only where no chord is eligible. */
const N_SCORE = -1;
/** Cost of a chord change between neighbouring windows (the Viterbi's transition). */
const SWITCH_COST = 0.25;
/** A note at C4 and above weighs 1, this much more per two octaves below. */
const LOW_WEIGHT = 1;
/**
 * Weight of a note held over from an earlier window against one struck in it: at a
 * chord change the old chord's held (or pedalled) notes still sound, but the new
 * chord is what is played.
 */
const HELD_WEIGHT = 0.25;
/** A seventh counts when it carries this share of the root's weight. */
const SEVENTH_SHARE = 0.3;

/** Every (root, triad) state; index STATES.length is N. */
const STATES = Array.from({ length: 12 }, (_, root) => Object.entries(TRIADS).map(([quality, tones]) => ({ root, quality, tones }))).flat();

/** The seventh a triad state carries in a profile: the strongest of its sevenths, when it clearly sounds. */
function seventhOf(root: number, quality: string, profile: readonly number[]): { label: string; weight: number } | null {
  let best: { label: string; weight: number } | null = null;
  for (const [triad, interval, label] of SEVENTHS) {
    const weight = profile[(root + interval) % 12];
    if (triad === quality && weight >= SEVENTH_SHARE * profile[root] && weight > (best?.weight ?? 0)) best = { label, weight };
  }
  return best;
}

/** Score of every state for one window's profile; -Infinity for chords not eligible. */
function chordScores(profile: readonly number[], bass: number): Float64Array {
  const scores = new Float64Array(STATES.length + 1).fill(-Infinity);
  scores[STATES.length] = N_SCORE;
  let total = 0;
  for (const w of profile) total += w;
  if (total <= 0) return scores;
  STATES.forEach(({ root, quality, tones }, i) => {
    let on = 0;
    let missing = 0;
    for (const t of tones) {
      const w = profile[(root + t) % 12];
      on += w;
      if (w === 0) missing++;
    }
    // a lone note (two chord tones silent) names no chord
    if (missing > 1 || on < MIN_FIT * total) return;
    // the seventh of the seventh chord the state spells is no evidence against it,
    // yet no evidence for it either: the Am7 notes over a C bass stay C (C6)
    const outside = total - on - (seventhOf(root, quality, profile)?.weight ?? 0);
    scores[i] =
      (on - OUTSIDE_COST * outside) / total -
      MISSING_COST * missing +
      (root === bass ? BASS_BONUS : 0) -
      (quality === 'maj' || quality === 'min' ? 0 : RARE_QUALITY_COST);
  });
  return scores;
}

/** The vocabulary label of a state in a window: its triad, or the seventh chord it spells. */
function labelOf(state: number, profile: readonly number[]): string {
  if (state === STATES.length) return 'N';
  const { root, quality } = STATES[state];
  return `${ROOTS[root]}:${seventhOf(root, quality, profile)?.label ?? quality}`;
}

/** The chord of one window on its own (no neighbours). */
export function chordOfProfile(profile: readonly number[], bass: number): string {
  return labelOf(bestPath([chordScores(profile, bass)], SWITCH_COST)[0], profile);
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
      const register = 1 + (LOW_WEIGHT * Math.max(0, 60 - n.pitch)) / 24;
      const struck = n.start >= bounds[w] ? 1 : HELD_WEIGHT;
      profiles[w][n.pitch % 12] += (overlap / (bounds[w + 1] - bounds[w])) * register * struck;
      bass[w] = Math.min(bass[w], n.pitch);
    }
  }
  const path = bestPath(
    profiles.map((p, w) => chordScores(p, Number.isFinite(bass[w]) ? bass[w] % 12 : -1)),
    SWITCH_COST,
  );
  // a run of one triad is one chord: whether it has a seventh is decided over the run
  const labels: string[] = [];
  for (let start = 0; start < path.length; ) {
    let end = start;
    const summed = new Array<number>(12).fill(0);
    for (; end < path.length && path[end] === path[start]; end++) profiles[end].forEach((w, pc) => (summed[pc] += w));
    const label = labelOf(path[start], summed);
    for (; start < end; start++) labels.push(label);
  }
  return labels;
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
