// Code sequences from the emotion-conditioned prior, as evaluate.py's generate(): the
// first `prev` is the start index (the codebook size, "no code yet"), position t reads
// the codes of t-1, a position's codebooks are chosen in the manifest's order (each seeing
// those chosen before it), every one with the same temperature and top-p (the plan's, else 1.0 / 0.9).

import type { Graphs } from './graphs.js';
import { abortError, type DecodeHooks } from './decode.js';
import type { Rng } from './rng.js';
import { drawFor, sampleIndex, type SamplingPlan } from './sampling.js';
import { int64 } from './tensors.js';

/** Codes [n, length, codebooks] for n items with the given emotion field values. */
export async function sampleCodes(
  graphs: Graphs,
  emotion: number[],
  length: number,
  sampling: SamplingPlan,
  rngs: Rng[],
  hooks: Pick<DecodeHooks, 'cancelled' | 'onLatent'> = {},
): Promise<Int32Array> {
  const n = emotion.length;
  const { count: books, size, order } = graphs.manifest.codebooks;
  const codes = new Int32Array(n * length * books);
  let prev = new Array<number>(n * books).fill(size);
  const emotionT = int64(emotion, [n]);
  const draw = drawFor(sampling, 'codes');
  let state = graphs.zeroState(graphs.manifest.prior_state, n);
  for (let t = 0; t < length; t++) {
    if (hooks.cancelled?.()) throw abortError();
    const step = await graphs.priorStep(int64(prev, [n, books]), emotionT, int64(new Array(n).fill(t), [n]), state);
    state = step.state;
    // a position's codes one codebook at a time, each seeing those chosen before it
    const chosen = new Array<number>(n * books).fill(0);
    for (const k of order) {
      const logits = await graphs.priorHeads(step.hidden, int64(chosen, [n, books]));
      for (let b = 0; b < n; b++) chosen[b * books + k] = sampleIndex(logits, (b * books + k) * size, size, [], draw, rngs[b]);
    }
    chosen.forEach((c, i) => (codes[(Math.floor(i / books) * length + t) * books + (i % books)] = c));
    prev = chosen;
    hooks.onLatent?.(t);
  }
  return codes;
}
