// The tasks the decoding worker runs, and the messages between it and the main thread.
// The worker runs them through runTask here, so it holds no logic of its own.

import type { Key } from '../harmony/scale.js';
import { decodeLatents, type DecodeHooks, type DecodeInput } from '../inference/decode.js';
import { keysOf, tokensTonic, type KeyPlan } from '../inference/key-plan.js';
import { sampleCodes, type GivenCodes, type Guidance } from '../inference/prior.js';
import type { SamplingPlan } from '../inference/sampling.js';
import type { Graphs } from '../onnx/graphs.js';
import type { Manifest } from '../onnx/manifest.js';
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
  /** A piece's own codes the prior reads rather than draws (re-mood, continue). */
  given?: GivenPiece;
  /** The key the drawn pitches keep to (none: any pitch). */
  key?: KeyPlan;
}

/** What a task decoded: token sequences per item, and the key each item's pitches kept to (null: none). */
export interface TaskResult {
  sequences: number[][][];
  keys: (Key | null)[];
}

/** What a piece gives a generation: the prior keeps its codes where `keep` says, the decoder its latents there, and its `tokens` (1..) as they are. */
export interface GivenPiece extends GivenCodes {
  /** [length, dims] the piece's quantized latents; kept codes decode from exactly these. */
  quantized: Float32Array;
  /** Conditions the decoder in place of the task's emotion (re-mood decodes under A's own by default). */
  emotion?: number;
  tokens?: number[][];
  /** As the prior's own music: position tokens only move forward (continue); re-mood decodes freely, as transfers do. */
  forwardOnly: boolean;
  /** As new music: it opens on a bar line with notes (continue; a re-mood that draws the positions from the start). */
  opensWithNotes: boolean;
  /** Decoded over the whole length (a re-mood is A's length: a drawn type code that says EOS must not cut A's later bars). */
  fullLength: boolean;
}

export type Task = DecodeTask | GenerateTask;

export type ToWorker = { kind: 'task'; id: number; task: Task } | { kind: 'cancel'; id: number };

export type FromWorker =
  | { kind: 'ready'; provider: Provider; fallbacks: Fallback[] }
  | { kind: 'failed'; message: string }
  | { kind: 'step'; id: number; index: number; tokens: (number[] | null)[] }
  | { kind: 'latent'; id: number; index: number }
  | ({ kind: 'done'; id: number } & TaskResult)
  | { kind: 'aborted'; id: number }
  | { kind: 'error'; id: number; message: string };

/** The prior draws from streams of its own, so the decoder's draws (stream b, as a decode task's) do not depend on how many codes were drawn: a re-mood decodes like A's reconstruction up to the first code it changed. */
const PRIOR_STREAMS = 1 << 16;

/** Variation b draws from stream b of the seed, so it does not depend on the batch size. */
export async function runTask(graphs: Graphs, vocab: Vocab, task: Task, hooks: DecodeHooks): Promise<TaskResult> {
  const streams = (n: number) => Array.from({ length: n }, (_, b) => xorshift32(task.seed, b));
  if (task.kind === 'decode') return { sequences: await decodeLatents(graphs, vocab, task.input, streams(task.input.batch), hooks), keys: new Array(task.input.batch).fill(null) };
  const priorRngs = Array.from({ length: task.count }, (_, b) => xorshift32(task.seed, PRIOR_STREAMS + b));
  const emotion = new Array<number>(task.count).fill(task.emotion);
  const given = task.given;
  const codes = await sampleCodes(graphs, emotion, task.length, task.sampling, priorRngs, hooks, task.guidance, given && padGiven(given, task.length, graphs.manifest.codebooks.count));
  const latents = await graphs.dequantize(codes, task.count, task.length);
  if (given) keepGivenLatents(latents, given, task.count, task.length, graphs.manifest);
  const decodeEmotion = new Array<number>(task.count).fill(given?.emotion ?? task.emotion);
  const input = { latents, batch: task.count, length: task.length, emotion: decodeEmotion, sampling: task.sampling, maxBars: task.maxBars, forwardOnly: given?.forwardOnly ?? true, opensWithNotes: given?.opensWithNotes ?? true, fullLength: given?.fullLength ?? false, given: given?.tokens };
  // a free decoding only finds the tonic the music leans to: it draws from the same streams and reports nothing
  const leaning = task.key?.tonic === null ? (await decodeLatents(graphs, vocab, input, streams(task.count), { cancelled: hooks.cancelled })).map((seq) => tokensTonic(seq, vocab)) : undefined;
  const keys = task.key && keysOf(task.key, task.count, leaning);
  const keyed = given && drawnPitch(given, task.length, graphs.manifest);
  return { sequences: await decodeLatents(graphs, vocab, { ...input, keys, keyed }, streams(task.count), hooks), keys: keys ?? new Array<null>(task.count).fill(null) };
}

/** Positions whose pitch code is drawn rather than the piece's own: only there does a key move the pitch. */
function drawnPitch(given: GivenCodes, length: number, manifest: Manifest): boolean[] {
  const books = manifest.codebooks.count;
  const pitch = manifest.latent.elements.indexOf('pitch');
  return Array.from({ length }, (_, t) => given.keep[t * books + pitch] !== 1);
}

/** The given codes over the task's whole length: positions past the piece's are all drawn. */
function padGiven(given: GivenCodes, length: number, books: number): GivenCodes {
  const codes = new Int32Array(length * books);
  const keep = new Uint8Array(length * books);
  codes.set(given.codes.subarray(0, Math.min(given.codes.length, codes.length)));
  keep.set(given.keep.subarray(0, Math.min(given.keep.length, keep.length)));
  return { codes, keep };
}

/** Where a code was kept, the piece's own latent slice, bit for bit (not its codebook entry read back). */
function keepGivenLatents(latents: Float32Array, given: GivenPiece, count: number, length: number, manifest: Manifest): void {
  const { dims, elements, layout } = manifest.latent;
  const books = manifest.codebooks.count;
  const givenLength = given.quantized.length / dims;
  for (let t = 0; t < Math.min(length, givenLength); t++) {
    elements.forEach((e, k) => {
      if (given.keep[t * books + k] !== 1) return;
      const [lo, hi] = layout[e];
      for (let b = 0; b < count; b++) latents.set(given.quantized.subarray(t * dims + lo, t * dims + hi), (b * length + t) * dims + lo);
    });
  }
}
