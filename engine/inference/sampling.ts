// Choosing one value from a row of logits: greedy, or temperature + nucleus (top-p)
// sampling as generation.py's sample(): keep the most likely values while the mass before
// each is below top-p (so the top value is always kept), renormalize, draw.

import type { Rng } from '../rng.js';

/** How one value is drawn. */
export interface Sampling {
  temperature: number;
  topP: number;
  greedy: boolean;
}

/** What a caller asks for: a temperature or top-p left unset takes each element's own default. */
export interface SamplingPlan {
  temperature?: number;
  topP?: number;
  greedy: boolean;
}

/**
 * Per-element defaults of the compound-word and EMOPIA generation code that MusER's
 * decoding follows (hotter for tempo, bar-beat, duration and velocity, where variety
 * sounds natural); the prior's codes use the plain 1.0 / 0.9.
 */
export const PAPER_SAMPLING = {
  tempo: { temperature: 1.2, topP: 0.9 },
  chord: { temperature: 1, topP: 0.99 },
  'bar-beat': { temperature: 1.2, topP: 1 },
  type: { temperature: 1, topP: 0.9 },
  pitch: { temperature: 1, topP: 0.9 },
  duration: { temperature: 2, topP: 0.9 },
  velocity: { temperature: 5, topP: 1 },
  codes: { temperature: 1, topP: 0.9 },
} as const;

export type SampledValue = keyof typeof PAPER_SAMPLING;

/** Check a request's ranges; temperature 0 means greedy (as in generation.py). */
export function samplingOf(s: Partial<SamplingPlan> = {}): SamplingPlan {
  const out: SamplingPlan = { temperature: s.temperature, topP: s.topP, greedy: s.greedy ?? false };
  if (out.temperature !== undefined && !(out.temperature >= 0 && Number.isFinite(out.temperature))) throw new RangeError(`temperature must be >= 0, got ${out.temperature}`);
  if (out.topP !== undefined && !(out.topP > 0 && out.topP <= 1)) throw new RangeError(`top-p must be in (0, 1], got ${out.topP}`);
  return out.temperature === 0 ? { ...out, greedy: true } : out;
}

/** The draw for one element under a plan. */
export function drawFor(plan: SamplingPlan, value: SampledValue): Sampling {
  const d = PAPER_SAMPLING[value];
  return { temperature: plan.temperature ?? d.temperature, topP: plan.topP ?? d.topP, greedy: plan.greedy };
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
