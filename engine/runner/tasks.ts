// The tasks the decoding worker runs, and the messages between it and the main thread.
// The worker runs them through runTask here, so it holds no logic of its own.

import { decodeLatents, type DecodeHooks, type DecodeInput } from '../inference/decode.js';
import { sampleCodes, type Guidance } from '../inference/prior.js';
import type { SamplingPlan } from '../inference/sampling.js';
import type { Graphs } from '../onnx/graphs.js';
import type { Fallback, Provider } from '../onnx/providers.js';
import { xorshift32 } from '../rng.js';
import type { Vocab } from '../tokens/vocab.js';

export interface DecodeTask {
  kind: 'decode';
  input: DecodeInput;
  seed: number;
}

export interface GenerateTask {
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

export type Task = DecodeTask | GenerateTask;

export type ToWorker = { kind: 'task'; id: number; task: Task } | { kind: 'cancel'; id: number };

export type FromWorker =
  | { kind: 'ready'; provider: Provider; fallbacks: Fallback[] }
  | { kind: 'failed'; message: string }
  | { kind: 'step'; id: number; index: number; tokens: (number[] | null)[] }
  | { kind: 'latent'; id: number; index: number }
  | { kind: 'done'; id: number; sequences: number[][][] }
  | { kind: 'aborted'; id: number }
  | { kind: 'error'; id: number; message: string };

/** Variation b draws from stream b of the seed, so it does not depend on the batch size. */
export async function runTask(graphs: Graphs, vocab: Vocab, task: Task, hooks: DecodeHooks): Promise<number[][][]> {
  if (task.kind === 'decode') {
    const rngs = Array.from({ length: task.input.batch }, (_, b) => xorshift32(task.seed, b));
    return decodeLatents(graphs, vocab, task.input, rngs, hooks);
  }
  const rngs = Array.from({ length: task.count }, (_, b) => xorshift32(task.seed, b));
  const emotion = new Array<number>(task.count).fill(task.emotion);
  const codes = await sampleCodes(graphs, emotion, task.length, task.sampling, rngs, hooks, task.guidance);
  const latents = await graphs.dequantize(codes, task.count, task.length);
  return decodeLatents(graphs, vocab, { latents, batch: task.count, length: task.length, emotion, sampling: task.sampling, maxBars: task.maxBars, forwardOnly: true }, rngs, hooks);
}
