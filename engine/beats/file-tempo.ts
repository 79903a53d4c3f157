// A performance's own tempo map, where its notes follow it. Played to a click, or
// tempo-mapped in a DAW after recording, a file's tempo map places every beat even
// though the notes keep performance timing (they are not on its tick grid). When the
// tracked beats keep to the map's beats at one phase, the map is the better grid: it
// does not drift, drop a beat or slip a level where the notes thin out. Tracking still
// says where in the map's beat the music's beat falls (the file's tick 0 need not be on
// a beat).

import { gridPhase } from './grid-phase.js';
import type { PerformedNote } from './performed-note.js';

/** A tempo map the file's author set, as a conversion between seconds and its beats. */
export interface FileTempo {
  /** The first tempo, BPM: it also tells the notated level where tracking agrees. */
  bpm: number;
  toBeats(seconds: number): number;
  toSeconds(beats: number): number;
}

/** How far from the map's beat (in its beats) a tracked beat still keeps to it. */
const PHASE_TOLERANCE = 0.1;
/**
 * Share of the tracked beats that must keep to the map at one phase: twice what chance
 * gives (2 x PHASE_TOLERANCE) a performance free of the map, which drifts through every
 * phase. One played to the map keeps to it nearly everywhere, less where the tracker
 * itself goes astray (a stretch on the off-beat or at another tempo).
 */
const MIN_SHARE = 0.4;
/** Largest |log2| of the median tracked interval in map beats: the same level, about ±7 %. */
const LEVEL_TOLERANCE = 0.1;
/** Too few beats to judge. */
const MIN_BEATS = 16;
/** How far from a 16th (in 16ths) a played onset still counts as on it: performance timing
 *  strays further than a grid file's ticks. */
const PERFORMED_ON_STEP = 1 / 4;
/** Phases tried, per beat. */
const PHASE_STEPS = 100;

/**
 * The map's beats where the music has them, from the first tracked beat to the last, in
 * seconds; undefined where the tracked beats do not keep to the map. The tracked beats
 * give the phase; where the tracker sat a 16th or an 8th off the beat for most of the
 * piece, onsets and harmonic change on the map's 16ths move it (as for a grid file).
 */
export function followedBeats(tracked: readonly number[], notes: readonly PerformedNote[], map: FileTempo): number[] | undefined {
  if (tracked.length < MIN_BEATS) return undefined;
  const at = tracked.map((t) => map.toBeats(t));
  const intervals = at.slice(1).map((b, i) => b - at[i]).sort((a, b) => a - b);
  if (Math.abs(Math.log2(intervals[intervals.length >> 1])) > LEVEL_TOLERANCE) return undefined;
  const kept = keptPhase(at);
  if (kept.share < MIN_SHARE) return undefined;
  const placed = notes.map((n) => ({ pitch: n.pitch, velocity: n.velocity, onsetBeat: map.toBeats(n.onset) - kept.offset, offsetBeat: map.toBeats(n.offset) - kept.offset }));
  const offset = kept.offset + gridPhase(placed, PERFORMED_ON_STEP) / 4;
  const beats: number[] = [];
  const last = Math.round(at[at.length - 1] - offset);
  for (let k = Math.round(at[0] - offset); k <= last; k++) beats.push(map.toSeconds(k + offset));
  return beats;
}

/** Signed distance from x to the nearest integer. */
function wrap(x: number): number {
  return x - Math.round(x);
}

/**
 * The phase (0-1 of a map beat) most tracked beats keep to, refined to the circular mean
 * of those near it, and the share of beats within PHASE_TOLERANCE of it.
 */
function keptPhase(at: readonly number[]): { offset: number; share: number } {
  const count = (offset: number) => at.filter((b) => Math.abs(wrap(b - offset)) <= PHASE_TOLERANCE).length;
  let offset = 0;
  let most = -1;
  for (let s = 0; s < PHASE_STEPS; s++) {
    const n = count(s / PHASE_STEPS);
    if (n > most) (most = n), (offset = s / PHASE_STEPS);
  }
  // the first phase of a plateau of equal counts may sit at its edge: centre twice
  for (let pass = 0; pass < 2; pass++) offset += meanDeviation(at, offset);
  return { offset, share: count(offset) / at.length };
}

/** Circular mean of the deviations from `offset` of the positions within PHASE_TOLERANCE of it. */
function meanDeviation(at: readonly number[], offset: number): number {
  let x = 0;
  let y = 0;
  for (const b of at) {
    const d = wrap(b - offset);
    if (Math.abs(d) > PHASE_TOLERANCE) continue;
    x += Math.cos(2 * Math.PI * d);
    y += Math.sin(2 * Math.PI * d);
  }
  return Math.atan2(y, x) / (2 * Math.PI);
}
