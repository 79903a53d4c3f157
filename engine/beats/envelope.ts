// Dense onset-strength envelope for the beat DP: each onset event becomes a Gaussian
// bump (its width absorbs performance jitter), sampled at FPS frames per second.

import type { OnsetEvent } from './onsets.js';

export const FPS = 100;
const SIGMA = 0.02; // seconds

/** Envelope over frames 0..length-1, frame 0 at `start` seconds. */
export function onsetEnvelope(
  events: readonly OnsetEvent[],
  start: number,
  length: number,
): Float64Array {
  const env = new Float64Array(length);
  const sigmaF = SIGMA * FPS;
  const r = Math.ceil(3 * sigmaF);
  for (const e of events) {
    const c = (e.time - start) * FPS;
    const lo = Math.max(0, Math.ceil(c - r));
    const hi = Math.min(length - 1, Math.floor(c + r));
    for (let f = lo; f <= hi; f++) {
      const d = (f - c) / sigmaF;
      env[f] += e.weight * Math.exp(-0.5 * d * d);
    }
  }
  return env;
}
