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

/** One value's temperature and top-p. */
export interface Draw {
  temperature: number;
  topP: number;
}

/**
 * Per-element draws of the compound-word and EMOPIA generation code that MusER's paper
 * follows (hotter for tempo, bar-beat, duration and velocity, where a model writing on
 * its own sounds livelier with variety); offered for comparison, not the app's default.
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
} as const satisfies Record<string, Draw>;

export type SampledValue = keyof typeof PAPER_SAMPLING;
export type Draws = Record<SampledValue, Draw>;

/**
 * The app's default for every decode (reconstruction, transfer, generate, re-mood,
 * continue): each value at temperature 1 from its likeliest 0.9 of mass. Here a latent
 * slice decides its element, so a hotter draw only adds what the latent did not say: the
 * paper's velocity at temperature 5 doubled a reconstruction's velocity spread, and the
 * emotion judge heard every result as calm (chosen on the validation clips; model card).
 */
export const DEFAULT_SAMPLING: Draws = Object.fromEntries(
  Object.keys(PAPER_SAMPLING).map((value) => [value, { temperature: 1, topP: 0.9 }]),
) as Draws;

/** What a caller asks for: what it leaves unset takes each value's default. */
export interface SamplingRequest {
  /** Every value's temperature (0: greedy). */
  temperature?: number;
  /** Every value's top-p. */
  topP?: number;
  greedy?: boolean;
  /** Some values' own, over the settings for every value. */
  values?: Partial<Record<SampledValue, Partial<Draw>>>;
}

/** A checked request: how every value is drawn, over DEFAULT_SAMPLING. */
export interface SamplingPlan extends SamplingRequest {
  greedy: boolean;
}

/** Check a request's ranges and set it over the app's defaults (another draw is a request's `values`, as PAPER_SAMPLING). */
export function samplingOf(s: SamplingRequest = {}): SamplingPlan {
  for (const d of [s, ...Object.values(s.values ?? {})]) {
    if (d.temperature !== undefined && !(d.temperature >= 0 && Number.isFinite(d.temperature))) throw new RangeError(`temperature must be >= 0, got ${d.temperature}`);
    if (d.topP !== undefined && !(d.topP > 0 && d.topP <= 1)) throw new RangeError(`top-p must be in (0, 1], got ${d.topP}`);
  }
  return { ...s, greedy: s.greedy ?? false };
}

/** The draw for one value: its own setting, else the one for every value, else its default; temperature 0 means greedy (as in evaluate.py). */
export function drawFor(plan: SamplingPlan, value: SampledValue): Sampling {
  const own = plan.values?.[value];
  const d = DEFAULT_SAMPLING[value];
  const temperature = own?.temperature ?? plan.temperature ?? d.temperature;
  return { temperature, topP: own?.topP ?? plan.topP ?? d.topP, greedy: plan.greedy || temperature === 0 };
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
