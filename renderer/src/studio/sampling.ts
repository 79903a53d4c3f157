// The sampling fields both studio forms share: temperature ("model defaults" leaves it
// out, so each element keeps the engine's default draw) and the seed
// (blank: the engine picks one and reports it).

import { MAX_SEED } from '../../../engine/api/limits.js';

export interface SamplingChoice {
  /** Leave the temperature to the model. */
  modelDefaults: boolean;
  temperature: number;
  /** As typed. */
  seed: string;
}

export const TEMPERATURE = { min: 0.1, max: 2, step: 0.05, initial: 1 };

/** A form's choice at first: the model's temperatures, a seed the engine picks. */
export const initialSampling = (): SamplingChoice => ({ modelDefaults: true, temperature: TEMPERATURE.initial, seed: '' });

/** What the forms say while samplingArgs refuses the seed. */
export const SEED_PROBLEM = `The seed is a whole number from 0 to ${MAX_SEED}, or blank.`;

/** The arguments to send, or null while the seed is not a whole number in 0..2^32-1. */
export function samplingArgs(c: SamplingChoice): { temperature?: number; seed?: number } | null {
  const text = c.seed.trim();
  const seed = text === '' ? undefined : Number(text);
  if (seed !== undefined && (!/^\d+$/.test(text) || seed > MAX_SEED)) return null;
  return { ...(c.modelDefaults ? {} : { temperature: c.temperature }), ...(seed === undefined ? {} : { seed }) };
}
