// One token sequence through the encoder: its element-wise latents and code indices,
// with each token's place in the music for alignment and per-bar views.

import { FIELDS, type Vocab } from '../tokens/vocab.js';
import type { Graphs } from './graphs.js';
import { tokenSlots, type TokenSlot } from './token-slots.js';

export interface Encoding {
  tokens: number[][];
  length: number;
  /** [length, dims] continuous latents (the heatmap shows these). */
  latents: Float32Array;
  /** [length, dims] quantized latents (the decoder reads these; transfer mixes these). */
  quantized: Float32Array;
  /** [length, codebooks] code indices. */
  codes: Int32Array;
  slots: TokenSlot[];
  /** The emotion field of the first token (vocabulary index). */
  emotion: number;
}

export async function encodeTokens(graphs: Graphs, vocab: Vocab, tokens: number[][]): Promise<Encoding> {
  if (tokens.length === 0) throw new Error('cannot encode an empty token sequence');
  const out = await graphs.encode([tokens]);
  return {
    tokens,
    length: tokens.length,
    latents: out.latents,
    quantized: out.quantized,
    codes: out.codes,
    slots: tokenSlots(tokens, vocab),
    emotion: tokens[0][FIELDS.indexOf('emotion')],
  };
}
