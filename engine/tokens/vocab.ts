// The one CP vocabulary (models/vocab.json), read here and by the Python training code.

import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import { FIELDS, type Field } from './fields.js';

export { FIELDS, type Field };

export const PAD = 0;

export interface Vocab {
  version: string;
  stepsPerBeat: number;
  maxBarSteps: number;
  values: Record<Field, string[]>;
  /** Numeric values of the numeric fields (NaN for <pad>/<conti>), index-aligned with `values`. */
  numbers: Record<'tempo' | 'pitch' | 'duration' | 'velocity', number[]>;
  id(field: Field, value: string): number;
}

let cached: Vocab | undefined;

export function loadVocab(path = projectPath('models', 'vocab.json')): Vocab {
  if (cached && path === projectPath('models', 'vocab.json')) return cached;
  const raw = JSON.parse(readFileSync(path, 'utf8'));
  const fields: string[] = raw.fields;
  if (fields.join() !== FIELDS.join()) throw new Error(`${path}: fields ${fields.join()} differ from the engine's ${FIELDS.join()}`);
  const index = new Map<string, number>();
  for (const f of FIELDS) raw.values[f].forEach((v: string, i: number) => index.set(`${f}\u0000${v}`, i));
  const num = (f: Field) => (raw.values[f] as string[]).map((v) => (/^\d+$/.test(v) ? Number(v) : NaN));
  const vocab: Vocab = {
    version: raw.version,
    stepsPerBeat: raw.steps_per_beat,
    maxBarSteps: raw.max_bar_steps,
    values: raw.values,
    numbers: { tempo: num('tempo'), pitch: num('pitch'), duration: num('duration'), velocity: num('velocity') },
    id(field, value) {
      const i = index.get(`${field}\u0000${value}`);
      if (i === undefined) throw new Error(`no ${field} value "${value}" in vocabulary ${raw.version}`);
      return i;
    },
  };
  if (path === projectPath('models', 'vocab.json')) cached = vocab;
  return vocab;
}

/** Index of the numeric value nearest to x (ties go to the smaller value). */
export function nearestId(numbers: readonly number[], x: number): number {
  let best = -1;
  for (let i = 0; i < numbers.length; i++) {
    if (Number.isNaN(numbers[i])) continue;
    if (best < 0 || Math.abs(numbers[i] - x) < Math.abs(numbers[best] - x)) best = i;
  }
  return best;
}
