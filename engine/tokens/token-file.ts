// The token file: what `muser tokenize` writes and `muser detokenize` reads.
// {"vocab": version, "fields": [names], "tokens": [[one int per field], ...]} plus
// the metadata detokenizing needs (the source's meter map restores its bars).

import { InputError } from '../errors.js';
import type { MeterEvent } from '../piece/piece.js';
import { FIELDS, type Vocab } from './vocab.js';

export interface TokenSequence {
  vocab: string;
  fields: string[];
  tokens: number[][];
  /** Source name, for the rebuilt piece. */
  name?: string;
  /** Source meter map; without it bars are 16 steps (4/4). */
  meters?: MeterEvent[];
  emotion?: string | null;
}

/** Parse and check a token file's text against the vocabulary. */
export function parseTokenFile(text: string, file: string, vocab: Vocab): TokenSequence {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, `not JSON (${(err as Error).message})`);
  }
  const seq = raw as Partial<TokenSequence>;
  if (!seq || typeof seq !== 'object' || !Array.isArray(seq.tokens)) throw new InputError(file, 'not a token file (no "tokens" array)');
  if (seq.vocab !== vocab.version) {
    throw new InputError(file, `made with vocabulary "${seq.vocab}", but this engine uses "${vocab.version}"`);
  }
  if (!Array.isArray(seq.fields) || seq.fields.join() !== FIELDS.join()) {
    throw new InputError(file, `fields must be ${FIELDS.join(', ')}`);
  }
  seq.tokens.forEach((t, i) => {
    const ok = Array.isArray(t) && t.length === FIELDS.length && t.every((v, f) => Number.isInteger(v) && v >= 0 && v < vocab.values[FIELDS[f]].length);
    if (!ok) throw new InputError(file, `token ${i} is not ${FIELDS.length} in-range integers: ${JSON.stringify(t)}`);
  });
  if (seq.meters !== undefined) {
    // Real time signatures only (as MIDI import allows): an absurd meter (1/1000000,
    // 100000000/1) would make detokenizing loop over billions of bars.
    const ok =
      Array.isArray(seq.meters) &&
      seq.meters.length > 0 &&
      seq.meters.every(
        (m, i, all) =>
          m &&
          Number.isFinite(m.beat) &&
          m.beat >= (i > 0 ? all[i - 1].beat : 0) &&
          Number.isInteger(m.numerator) &&
          m.numerator >= 1 &&
          m.numerator <= 32 &&
          [1, 2, 4, 8, 16, 32].includes(m.denominator),
      );
    if (!ok) {
      throw new InputError(file, '"meters" must be a non-empty list of {beat, numerator, denominator}, beats ascending from 0 or later, numerator 1..32, denominator 1, 2, 4, 8, 16 or 32');
    }
  }
  return seq as TokenSequence;
}

/** Compact JSON: one token per line, readable and diffable. */
export function formatTokenFile(seq: TokenSequence): string {
  const { tokens, ...meta } = seq;
  const head = JSON.stringify(meta).slice(0, -1);
  return `${head},"tokens":[\n${tokens.map((t) => JSON.stringify(t)).join(',\n')}\n]}\n`;
}
