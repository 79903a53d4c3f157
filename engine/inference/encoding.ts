// One token sequence through the encoder: its element-wise latents and code indices,
// with each token's place in the music for alignment and per-bar views.

import type { Graphs } from '../onnx/graphs.js';
import { tokenSlots, type TokenSlot } from '../tokens/token-slots.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';
import { tokenWindows, windowSlot } from './windows.js';

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

/** Encode in training-sized windows (windows.ts) and stitch the windows back into one sequence. */
export async function encodeTokens(graphs: Graphs, vocab: Vocab, tokens: number[][], crop: number): Promise<Encoding> {
  if (tokens.length === 0) throw new Error('cannot encode an empty token sequence');
  const out = await graphs.encode(tokenWindows(tokens, crop));
  const D = graphs.dims;
  const C = graphs.manifest.codebooks.count;
  const latents = new Float32Array(tokens.length * D);
  const quantized = new Float32Array(tokens.length * D);
  const codes = new Int32Array(tokens.length * C);
  for (let p = 0; p < tokens.length; p++) {
    const [w, i] = windowSlot(p, crop);
    const at = w * out.length + i;
    latents.set(out.latents.subarray(at * D, (at + 1) * D), p * D);
    quantized.set(out.quantized.subarray(at * D, (at + 1) * D), p * D);
    codes.set(out.codes.subarray(at * C, (at + 1) * C), p * C);
  }
  return {
    tokens,
    length: tokens.length,
    latents,
    quantized,
    codes,
    slots: tokenSlots(tokens, vocab),
    emotion: tokens[0][FIELDS.indexOf('emotion')],
  };
}
