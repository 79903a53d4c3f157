// Options shared by the commands that run the models: the model folder, --json, and
// sampling (seed, temperature, top-p, greedy).

import { KEY_CHOICE_HELP, parseKeyChoice, type KeyChoice } from '../flows/key-choice.js';
import { samplingOf, type SamplingRequest } from '../inference/sampling.js';
import { guidanceProblem, MAX_GUIDANCE } from '../onnx/manifest.js';
import { Engine } from '../runner/engine.js';
import { QUADRANTS, type Quadrant } from '../tokens/quadrants.js';
import { UsageError, type Options, type ParsedArgs } from './command.js';

export const MODEL_OPTIONS: Options = { models: { type: 'string' }, json: { type: 'boolean' } };
export const MODEL_HELP: [string, string][] = [
  ['--models DIR', 'model folder with manifest.json (default: the project\'s models/)'],
  ['--json', 'print the result as JSON'],
];

export const SAMPLING_OPTIONS: Options = {
  seed: { type: 'string' },
  temperature: { type: 'string' },
  'top-p': { type: 'string' },
  greedy: { type: 'boolean' },
};
export const SAMPLING_HELP: [string, string][] = [
  ['--seed N', 'seed for sampling: the same seed gives the same result (default: random, reported)'],
  ['--temperature T', 'sampling temperature for every element, > 0 (default 1)'],
  ['--top-p P', 'nucleus sampling mass for every element, 0 < P <= 1 (default 0.9)'],
  ['--greedy', 'take the most likely value everywhere instead of sampling'],
];

export function openEngine(args: ParsedArgs): Promise<Engine> {
  return Engine.open({ dir: args.values.models as string | undefined });
}

export function number(args: ParsedArgs, name: string): number | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  const x = Number(v);
  if (typeof v !== 'string' || v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${name} takes a number, got "${v}"`);
  return x;
}

export function wholeNumber(args: ParsedArgs, name: string, min: number): number | undefined {
  const x = number(args, name);
  if (x !== undefined && !(Number.isInteger(x) && x >= min)) throw new UsageError(`--${name} takes a whole number >= ${min}, got ${x}`);
  return x;
}

export function samplingArgs(args: ParsedArgs): { sampling: SamplingRequest; seed?: number } {
  const temperature = number(args, 'temperature');
  if (temperature !== undefined && temperature <= 0) throw new UsageError('--temperature must be > 0 (use --greedy for the most likely values)');
  const topP = number(args, 'top-p');
  const seed = wholeNumber(args, 'seed', 0);
  const sampling = { temperature, topP, greedy: Boolean(args.values.greedy) };
  try {
    samplingOf(sampling);
    return { sampling, seed };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function quadrantArg(value: string | boolean | undefined, option: string): Quadrant | undefined {
  if (value === undefined) return undefined;
  if (!QUADRANTS.includes(value as Quadrant)) throw new UsageError(`--${option} must be one of ${QUADRANTS.join(', ')}`);
  return value as Quadrant;
}

export const GUIDANCE_HELP: [string, string] = ['--guidance W', `mood strength: how strongly the quadrant steers the prior, 0..${MAX_GUIDANCE}: 1 plain conditional sampling, above 1 classifier-free guidance (default: the model's for the quadrant, in its manifest)`];

export const KEY_HELP: [string, string] = ['--key K', `the key new pitches keep to: ${KEY_CHOICE_HELP} (default auto)`];

export function keyArg(args: ParsedArgs): KeyChoice | undefined {
  const text = args.values.key;
  if (text === undefined) return undefined;
  try {
    return parseKeyChoice(String(text));
  } catch (err) {
    throw new UsageError(`--key: ${(err as Error).message}`);
  }
}

export function guidanceArg(args: ParsedArgs): number | undefined {
  const guidance = number(args, 'guidance');
  const problem = guidance === undefined ? null : guidanceProblem(guidance, '--guidance');
  if (problem) throw new UsageError(problem);
  return guidance;
}
