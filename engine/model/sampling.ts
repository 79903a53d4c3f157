// Choosing one value from a row of logits: greedy, or temperature + nucleus (top-p)
// sampling as evaluate.py's sample(): keep the most likely values while the mass before
// each is below top-p (so the top value is always kept), renormalize, draw.

import type { Rng } from './rng.js';

export interface Sampling {
  temperature: number;
  topP: number;
  greedy: boolean;
}

export const DEFAULT_SAMPLING: Sampling = { temperature: 1, topP: 0.9, greedy: false };

/** Fill in defaults and check ranges; temperature 0 means greedy (as in evaluate.py). */
export function samplingOf(s: Partial<Sampling> = {}): Sampling {
  const d = DEFAULT_SAMPLING;
  const out = { temperature: s.temperature ?? d.temperature, topP: s.topP ?? d.topP, greedy: s.greedy ?? d.greedy };
  if (!(out.temperature >= 0) || !Number.isFinite(out.temperature)) throw new RangeError(`temperature must be >= 0, got ${out.temperature}`);
  if (!(out.topP > 0 && out.topP <= 1)) throw new RangeError(`top-p must be in (0, 1], got ${out.topP}`);
  return out.temperature === 0 ? { ...out, greedy: true } : out;
}

/**
 * Index chosen from logits[offset .. offset+size), never one in `banned`.
 * Ties go to the lower index, so greedy decoding is deterministic.
 */
export function sampleIndex(logits: Float32Array, offset: number, size: number, banned: readonly number[], s: Sampling, rng: Rng): number {
  let best = -1;
  for (let i = 0; i < size; i++) if (!banned.includes(i) && (best < 0 || logits[offset + i] > logits[offset + best])) best = i;
  if (s.greedy) return best;
  const probs = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) {
    if (banned.includes(i)) continue;
    probs[i] = Math.exp((logits[offset + i] - logits[offset + best]) / s.temperature);
    total += probs[i];
  }
  const order = Array.from({ length: size }, (_, i) => i).filter((i) => probs[i] > 0);
  order.sort((a, b) => probs[b] - probs[a] || a - b);
  let kept = 0;
  let mass = 0;
  while (kept < order.length && mass < s.topP * total) mass += probs[order[kept++]];
  let r = rng() * mass;
  for (let k = 0; k < kept; k++) {
    r -= probs[order[k]];
    if (r < 0) return order[k];
  }
  return order[kept - 1];
}
