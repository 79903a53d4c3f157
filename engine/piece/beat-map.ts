// Conversions between seconds and beats, and between tempo maps and beat times.
// Beat times are the primary grid: seconds <-> beats interpolates linearly between
// them and extrapolates with the nearest interval outside.

import type { MeterEvent, TempoEvent } from './piece.js';

/** Fractional beat number of a time in seconds. `beats` must be increasing, length >= 2. */
export function secondsToBeats(beats: readonly number[], t: number): number {
  const n = beats.length;
  if (n < 2) throw new Error('a beat grid needs at least two beats');
  let i: number;
  if (t <= beats[0]) i = 0;
  else if (t >= beats[n - 1]) i = n - 2;
  else {
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (beats[mid] <= t) lo = mid;
      else hi = mid;
    }
    i = lo;
  }
  return i + (t - beats[i]) / (beats[i + 1] - beats[i]);
}

/** Time in seconds of a fractional beat number. */
export function beatsToSeconds(beats: readonly number[], b: number): number {
  const n = beats.length;
  if (n < 2) throw new Error('a beat grid needs at least two beats');
  const i = Math.min(Math.max(Math.floor(b), 0), n - 2);
  return beats[i] + (b - i) * (beats[i + 1] - beats[i]);
}

/** Tempo in effect at a beat. */
export function tempoAt(tempos: readonly TempoEvent[], beat: number): number {
  let bpm = tempos[0].bpm;
  for (const t of tempos) {
    if (t.beat > beat + 1e-9) break;
    bpm = t.bpm;
  }
  return bpm;
}

/** Seconds of beat `b` under a tempo map (exact, piecewise constant tempo). */
export function tempoMapSeconds(tempos: readonly TempoEvent[], b: number): number {
  let t = 0;
  for (let i = 0; i < tempos.length; i++) {
    const start = tempos[i].beat;
    const end = i + 1 < tempos.length ? Math.min(tempos[i + 1].beat, b) : b;
    if (end <= start) break;
    t += ((end - start) * 60) / tempos[i].bpm;
  }
  return t;
}

/** Seconds of beats 0..count-1 under a tempo map. */
export function beatTimesFromTempos(tempos: readonly TempoEvent[], count: number): number[] {
  const out = new Array<number>(count);
  let k = 0;
  let t = 0;
  let at = 0; // beat of `t`
  for (let b = 0; b < count; b++) {
    // advance through tempo segments up to beat b
    while (at < b) {
      const next = k + 1 < tempos.length ? tempos[k + 1].beat : Infinity;
      const step = Math.min(next, b) - at;
      t += (step * 60) / tempos[k].bpm;
      at += step;
      if (at >= next) k++;
    }
    out[b] = t;
  }
  return out;
}

/** Length of a bar in quarter-note beats. */
export function barBeats(m: Pick<MeterEvent, 'numerator' | 'denominator'>): number {
  return (m.numerator * 4) / m.denominator;
}

/** Beat numbers of every bar start from beat 0 up to (not including) `endBeat`. */
export function barStarts(meters: readonly MeterEvent[], endBeat: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < meters.length; i++) {
    const len = barBeats(meters[i]);
    const stop = i + 1 < meters.length ? meters[i + 1].beat : endBeat;
    for (let b = meters[i].beat; b < stop - 1e-9 && b < endBeat; b += len) out.push(b);
  }
  return out;
}
