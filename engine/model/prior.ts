// Code sequences from the emotion-conditioned prior, as generation.py's generate(): the
// first `prev` is the start index (the codebook size, "no code yet"), position t reads
// the codes of t-1, a position's codebooks are chosen in the manifest's order (each seeing
// those chosen before it), every one with the same temperature and top-p (the plan's, else 1.0 / 0.9).
// With guidance above 1 each item also runs without its emotion (the emotion "none") and
// its codes are drawn from free + scale * (conditioned - free): classifier-free guidance.

import type { Graphs } from './graphs.js';
import { abortError, type DecodeHooks } from './decode.js';
import type { Rng } from './rng.js';
import { drawFor, sampleIndex, type SamplingPlan } from './sampling.js';
import { int64 } from './tensors.js';

/** Classifier-free guidance: `scale` (1 = none) and the emotion field value meaning "none". */
export interface Guidance {
  scale: number;
  free: number;
}

/** Codes [n, length, codebooks] for n items with the given emotion field values. */
export async function sampleCodes(
  graphs: Graphs,
  emotion: number[],
  length: number,
  sampling: SamplingPlan,
  rngs: Rng[],
  hooks: Pick<DecodeHooks, 'cancelled' | 'onLatent'> = {},
  guidance: Guidance = { scale: 1, free: 0 },
): Promise<Int32Array> {
  const n = emotion.length;
  const guided = guidance.scale !== 1;
  const rows = guided ? 2 * n : n; // rows n.. are the same items without their emotion
  const { count: books, size, order } = graphs.manifest.codebooks;
  const codes = new Int32Array(n * length * books);
  let prev = new Array<number>(rows * books).fill(size);
  const emotionT = int64(guided ? [...emotion, ...emotion.map(() => guidance.free)] : emotion, [rows]);
  const draw = drawFor(sampling, 'codes');
  const mixed = new Float32Array(size);
  let state = graphs.zeroState(graphs.manifest.prior_state, rows);
  for (let t = 0; t < length; t++) {
    if (hooks.cancelled?.()) throw abortError();
    const step = await graphs.priorStep(int64(prev, [rows, books]), emotionT, int64(new Array(rows).fill(t), [rows]), state);
    state = step.state;
    // a position's codes one codebook at a time, each seeing those chosen before it
    const chosen = new Array<number>(rows * books).fill(0);
    for (const k of order) {
      const logits = await graphs.priorHeads(step.hidden, int64(chosen, [rows, books]));
      for (let b = 0; b < n; b++) {
        const at = (b * books + k) * size;
        let c: number;
        if (guided) {
          const freeAt = ((n + b) * books + k) * size;
          for (let i = 0; i < size; i++) mixed[i] = logits[freeAt + i] + guidance.scale * (logits[at + i] - logits[freeAt + i]);
          c = sampleIndex(mixed, 0, size, [], draw, rngs[b]);
          chosen[(n + b) * books + k] = c;
        } else c = sampleIndex(logits, at, size, [], draw, rngs[b]);
        chosen[b * books + k] = c;
        codes[(b * length + t) * books + k] = c;
      }
    }
    prev = chosen;
    hooks.onLatent?.(t);
  }
  return codes;
}
