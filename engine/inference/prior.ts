// Code sequences from the emotion-conditioned prior, as generation.py's generate(): the
// first `prev` is the start index (the codebook size, "no code yet"), position t reads
// the codes of t-1, a position's codebooks are chosen in the manifest's order (each seeing
// those chosen before it), every one with the plan's draw for codes.
// With guidance above 1 each item also runs without its emotion (the emotion "none") and
// its codes are drawn from free + scale * (conditioned - free): classifier-free guidance.
// Some codes may be given (a piece's own, for re-mood and continue): those are read, not
// drawn, so every code drawn is conditioned on the given codes before it in the order.
// Past the training crop the prior starts a fresh window, as it was trained: position 0
// holds the emotion token's codes, then the last OVERLAP codes so far are read again
// before drawing resumes, so the music keeps its context across windows.

import type { Graphs } from '../onnx/graphs.js';
import { trainingCrop } from '../onnx/manifest.js';
import { int64 } from '../onnx/tensors.js';
import type { Rng } from '../rng.js';
import { abortError, type DecodeHooks } from './decode.js';
import { drawFor, sampleIndex, type SamplingPlan } from './sampling.js';

/** Classifier-free guidance: `scale` (1 = none) and the emotion field value meaning "none". */
export interface Guidance {
  scale: number;
  free: number;
}

/** Codes every item shares and takes as they are where `keep` is 1 ([length, codebooks] each). */
export interface GivenCodes {
  codes: Int32Array;
  keep: Uint8Array;
}

/** Positions a new window reads again from the one before (half a training crop). */
export function windowOverlap(crop: number): number {
  return Math.floor(crop / 2);
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
  given?: GivenCodes,
): Promise<Int32Array> {
  const n = emotion.length;
  const guided = guidance.scale !== 1;
  const rows = guided ? 2 * n : n; // rows n.. are the same items without their emotion
  const { count: books, size, order } = graphs.manifest.codebooks;
  const codes = new Int32Array(n * length * books);
  const emotionT = int64(guided ? [...emotion, ...emotion.map(() => guidance.free)] : emotion, [rows]);
  const draw = drawFor(sampling, 'codes');
  const mixed = new Float32Array(size);
  const crop = trainingCrop(graphs.manifest);
  const isGiven = (t: number, k: number) => given !== undefined && given.keep[t * books + k] === 1;
  for (let b = 0; b < n; b++) for (let t = 0; t < length; t++) for (let k = 0; k < books; k++) if (isGiven(t, k)) codes[(b * length + t) * books + k] = given!.codes[t * books + k];
  /** The codes of sequence position t for every row, as the prior reads them. */
  const rowCodes = (t: number) => Array.from({ length: rows * books }, (_, i) => codes[((Math.floor(i / books) % n) * length + t) * books + (i % books)]);

  // a window reads sequence positions [from, to) at window positions 1.. (position 0 is the
  // emotion token's); a piece's own opening (continue) is read only by the window that draws after it
  const firstDrawn = given ? range(0, length).find((t) => order.some((k) => !isGiven(t, k))) ?? length : 0;
  for (let fresh = firstDrawn, from = fresh < crop ? 1 : fresh - windowOverlap(crop); fresh < length; ) {
    const to = Math.min(length, from + crop - 1);
    const seq = [0, ...range(from, to)];
    let state = graphs.zeroState(graphs.manifest.prior_state, rows);
    let prev = new Array<number>(rows * books).fill(size);
    for (let p = 0; p < seq.length; p++) {
      const t = seq[p];
      if (hooks.cancelled?.()) throw abortError();
      const step = await graphs.priorStep(int64(prev, [rows, books]), emotionT, int64(new Array(rows).fill(p), [rows]), state);
      state = step.state;
      const drawn = t >= fresh; // earlier positions were drawn (or given) in a window before
      if (drawn && order.some((k) => !isGiven(t, k))) {
        // a position's codes one codebook at a time, each seeing those chosen before it
        const chosen = rowCodes(t);
        for (const k of order) {
          if (isGiven(t, k)) continue;
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
      }
      if (drawn) hooks.onLatent?.(t);
      prev = rowCodes(t);
    }
    fresh = to;
    from = Math.max(from + 1, to - windowOverlap(crop));
  }
  return codes;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
