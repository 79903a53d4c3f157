// A crashed or hung input, saved so it can be replayed and studied: the bytes as
// <kind>-<seed>-<index>.mid and, beside them, how they were made and what happened.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzInput } from './mutate.js';
import type { Outcome } from './outcome.js';

export function saveFailure(dir: string, seed: number, input: FuzzInput, outcome: Outcome): string {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `${outcome.kind}-${seed}-${input.index}`);
  writeFileSync(`${base}.mid`, input.bytes);
  const record = { seed, index: input.index, seedFile: input.seedFile, mutations: input.mutations, bytes: input.bytes.length, kind: outcome.kind, error: outcome.message, ms: Math.round(outcome.ms) };
  writeFileSync(`${base}.json`, `${JSON.stringify(record, null, 2)}\n`);
  return `${base}.mid`;
}
