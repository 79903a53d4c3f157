// The work the decoding worker does, and the messages between it and the main thread.
// Both run the same function here, so the worker holds no logic of its own.

import { decodeLatents, type DecodeHooks, type DecodeInput } from '../inference/decode.js';
import { sampleCodes, type Guidance } from '../inference/prior.js';
import type { SamplingPlan } from '../inference/sampling.js';
import type { Graphs } from '../onnx/graphs.js';
import type { Fallback, Provider } from '../onnx/providers.js';
import { xorshift32 } from '../rng.js';
import type { Vocab } from '../tokens/vocab.js';

export interface DecodeJob {
  kind: 'decode';
  input: DecodeInput;
  seed: number;
}

export interface GenerateJob {
  kind: 'generate';
  /** Emotion field value (2 + quadrant index) shared by every variation. */
  emotion: number;
  count: number;
  /** Tokens per variation, the emotion token included. */
  length: number;
  sampling: SamplingPlan;
  guidance: Guidance;
  seed: number;
  maxBars?: number;
}

export type Job = DecodeJob | GenerateJob;

export type ToWorker = { kind: 'job'; id: number; job: Job } | { kind: 'cancel'; id: number };

export type FromWorker =
  | { kind: 'ready'; provider: Provider; fallbacks: Fallback[] }
  | { kind: 'failed'; message: string }
  | { kind: 'step'; id: number; index: number; tokens: (number[] | null)[] }
  | { kind: 'latent'; id: number; index: number }
  | { kind: 'done'; id: number; sequences: number[][][] }
  | { kind: 'aborted'; id: number }
  | { kind: 'error'; id: number; message: string };

/** Variation b draws from stream b of the seed, so it does not depend on the batch size. */
export async function runJob(graphs: Graphs, vocab: Vocab, job: Job, hooks: DecodeHooks): Promise<number[][][]> {
  if (job.kind === 'decode') {
    const rngs = Array.from({ length: job.input.batch }, (_, b) => xorshift32(job.seed, b));
    return decodeLatents(graphs, vocab, job.input, rngs, hooks);
  }
  const rngs = Array.from({ length: job.count }, (_, b) => xorshift32(job.seed, b));
  const emotion = new Array<number>(job.count).fill(job.emotion);
  const codes = await sampleCodes(graphs, emotion, job.length, job.sampling, rngs, hooks, job.guidance);
  const latents = await graphs.dequantize(codes, job.count, job.length);
  return decodeLatents(graphs, vocab, { latents, batch: job.count, length: job.length, emotion, sampling: job.sampling, maxBars: job.maxBars, forwardOnly: true }, rngs, hooks);
}
