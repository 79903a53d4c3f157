// Where the beat sits on a grid file's tick grid. A file whose notes sit on its 16th
// grid keeps its tempo map, but its beat grid may be phase-shifted against the music:
// an arranger who started recording on an off-beat, or a pickup placed on tick 0, puts
// every beat of the music on the file's off-8ths or off-16ths. The beat is where notes
// start most (bass notes most of all) and where the harmony changes, so each of the
// four 16th phases is scored on those cues, and the grid moves only when another phase
// clearly beats the file's own.

import { harmonicNovelty } from './harmony.js';
import { BASS_PITCH, type PerformedNote } from './performed-note.js';

/**
 * How much more evidence another phase needs than the file's own to move the grid. On
 * grid-pop's DAW files no other phase comes within 1.05 of the file's own; on the
 * shifted POP909 files the music's phase has 1.3 to 4 times the file's.
 */
export const PHASE_MARGIN = 1.2;
/** Too few beats to judge: keep the file's grid. */
const MIN_BEATS = 16;
/** How far from a 16th (in 16ths) an onset still counts as on it: grid.ts's ticksPerBeat / 64. */
const ON_STEP = 1 / 16;

/** A note placed in beats of the file's tempo map. */
export interface GridNote {
  pitch: number;
  velocity: number;
  onsetBeat: number;
  offsetBeat: number;
}

/**
 * The shift, in 16ths of a beat (0-3), that puts the beats where the music has them:
 * beat k of the music sits at file beat k + shift / 4.
 */
export function gridPhase(notes: readonly GridNote[], onStep = ON_STEP): number {
  const evidence = phaseEvidence(notes, onStep);
  if (!evidence) return 0;
  let best = 0;
  for (let q = 1; q < 4; q++) if (evidence[q] > evidence[best]) best = q;
  return evidence[best] > PHASE_MARGIN * evidence[0] ? best : 0;
}

/** Evidence for each 16th phase (mean 2 over the four), undefined when too short or silent to judge. */
export function phaseEvidence(notes: readonly GridNote[], onStep = ON_STEP): number[] | undefined {
  const last = notes.reduce((m, n) => Math.max(m, n.offsetBeat), 0);
  if (last < MIN_BEATS) return undefined;
  const scores = [0, 1, 2, 3].map((q) => ({ onsets: onsetWeight(notes, q, onStep), change: meanChange(notes, q / 4, last) }));
  const onsetMean = scores.reduce((s, x) => s + x.onsets, 0) / 4;
  const changeMean = scores.reduce((s, x) => s + x.change, 0) / 4;
  if (onsetMean === 0 || changeMean === 0) return undefined;
  return scores.map((x) => x.onsets / onsetMean + x.change / changeMean);
}

/** Onset weight (velocity, bass counted twice) within onStep (in 16ths) of the 16th phase q of every beat. */
function onsetWeight(notes: readonly GridNote[], q: number, onStep: number): number {
  let w = 0;
  for (const n of notes) {
    const step = Math.round(n.onsetBeat * 4);
    if (Math.abs(n.onsetBeat * 4 - step) <= onStep && ((step % 4) + 4) % 4 === q) w += (n.velocity / 127) * (n.pitch < BASS_PITCH ? 2 : 1);
  }
  return w;
}

/** Mean harmonic change entering the beats of a grid at `offset` beats past each file beat. */
function meanChange(notes: readonly GridNote[], offset: number, last: number): number {
  const grid: number[] = [];
  for (let b = offset; b <= last + 1; b++) grid.push(b);
  // harmonicNovelty only compares sounding time between grid points, so beats serve as its time unit
  const timed: PerformedNote[] = notes.map((n) => ({ pitch: n.pitch, velocity: n.velocity, onset: n.onsetBeat, offset: n.offsetBeat }));
  const novelty = harmonicNovelty(timed, grid);
  return novelty.reduce((s, x) => s + x, 0) / Math.max(novelty.length - 2, 1);
}
