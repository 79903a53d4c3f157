// Note onsets grouped into onset events (a chord, a bass note with its melody note)
// with a salience weight. Tracking works on events, not notes, so a ten-note chord
// is one strong event instead of ten, and jittered chord notes do not smear into
// several weak ones.

import type { PerformedNote } from './performed-note.js';

export interface OnsetEvent {
  /** Seconds: salience-weighted mean onset of the notes in the event. */
  time: number;
  /** Salience: grows with velocity, bass register and chord size (saturating). */
  weight: number;
}

/** Notes whose onsets lie within this many seconds of an event's first note join it. */
const CHORD_SPREAD = 0.035;

/** How much a note counts: louder and lower notes mark the beat more often. */
export function noteSalience(pitch: number, velocity: number): number {
  const loud = 0.3 + (0.7 * Math.min(Math.max(velocity, 1), 127)) / 127;
  const bass = 1 + Math.min(Math.max((64 - pitch) / 24, 0), 1);
  return loud * bass;
}

/** Events sorted by time. Chord size saturates: 1 - exp(-sum) keeps big chords from dominating. */
export function onsetEvents(notes: readonly PerformedNote[]): OnsetEvent[] {
  const onsets = notes
    .filter((n) => Number.isFinite(n.onset))
    .map((n) => ({ t: n.onset, w: noteSalience(n.pitch, n.velocity) }))
    .sort((a, b) => a.t - b.t);
  const events: OnsetEvent[] = [];
  let i = 0;
  while (i < onsets.length) {
    const start = onsets[i].t;
    let sum = 0;
    let tw = 0;
    for (; i < onsets.length && onsets[i].t - start <= CHORD_SPREAD; i++) {
      sum += onsets[i].w;
      tw += onsets[i].t * onsets[i].w;
    }
    events.push({ time: tw / sum, weight: 1 - Math.exp(-sum) });
  }
  return events;
}
