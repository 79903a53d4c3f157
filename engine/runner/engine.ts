// The inference engine: load a model folder once, then encode, estimate emotion (on the
// calling thread: one forward pass each) and decode, transfer, generate (in the decoding
// worker, first in first out). Engine.open caches one engine per folder and providers.

import { resolve } from 'node:path';
import type { Key } from '../harmony/scale.js';
import { estimateEmotion, type ClassifierEstimate } from '../inference/classifier.js';
import type { DecodeStep } from '../inference/decode.js';
import { encodeTokens, type Encoding } from '../inference/encoding.js';
import type { KeyPlan } from '../inference/key-plan.js';
import { alignCovering, changedTokens, DEFAULT_ALIGNMENT, defaultCover, ELEMENTS, transferLatents, type Alignment, type Cover, type Element } from '../inference/latent-transfer.js';
import { samplingOf, type SamplingRequest } from '../inference/sampling.js';
import type { Graphs } from '../onnx/graphs.js';
import { defaultModelDir, loadGraphs } from '../onnx/load.js';
import { guidanceProblem, priorGuidance, trainingCrop, type Manifest } from '../onnx/manifest.js';
import type { Fallback, Provider } from '../onnx/providers.js';
import { randomSeed } from '../rng.js';
import { QUADRANTS, type Quadrant } from '../tokens/quadrants.js';
import { barToken } from '../tokens/tokenize.js';
import { loadVocab, type Vocab } from '../tokens/vocab.js';
import { DecodeQueue, type WorkerInfo } from './decode-queue.js';
import { ModelUnavailable } from '../errors.js';
import type { GivenPiece } from './tasks.js';

export interface EngineOptions {
  dir?: string;
  providers?: Provider[];
}

export interface EngineInfo {
  dir: string;
  /** The provider the sessions run on. */
  provider: Provider;
  /** Providers tried before it, with the reason each was passed over. */
  fallbacks: Fallback[];
  /** Milliseconds to read, verify and open the models on this thread. */
  loadMs: number;
}

export interface DecodeOptions {
  sampling?: SamplingRequest;
  /** Same seed, same result; without one a random seed is drawn and returned. */
  seed?: number;
  /** Called for every generated token (batch item, index in its sequence, the token). */
  onToken?(item: number, index: number, token: number[]): void;
  /** Generation: the prior has sampled the latents up to this position (every 16 positions). */
  onLatent?(index: number): void;
  signal?: AbortSignal;
}

export interface Decoded {
  /** Token sequences, one per batch item, emotion token first. */
  sequences: number[][][];
  /** The key each item's new pitches kept to (null: none asked). */
  keys: (Key | null)[];
  seed: number;
}

/** Whose emotion conditions a transfer: A's (default), B's, or a given quadrant / none. */
export type EmotionChoice = 'A' | 'B' | Quadrant | 'none';

export interface TransferOptions {
  elements: readonly Element[];
  align?: Alignment;
  emotion?: EmotionChoice;
  /** Which of A's tokens take B's slices (a passage, see tokens/bar-range.ts); default all. */
  only?: readonly boolean[];
  /** How a B shorter than A covers it; default 'repeat' when B has fewer bars. */
  cover?: Cover;
}

export interface Transferred extends Decoded {
  cover: Cover;
  /** Which of A's tokens took something of B. */
  changed: boolean[];
}

export interface GenerateOptions {
  quadrant: Quadrant;
  /** Tokens per variation, the emotion token included (the latent length). */
  tokens: number;
  /** Stop each variation when bar maxBars + 1 would start. */
  maxBars?: number;
  count?: number;
  /** Classifier-free guidance scale for the prior (1 = none); default the manifest's. */
  guidance?: number;
  /** The key new pitches keep to (none: any pitch). */
  key?: KeyPlan;
}

export interface RemoodOptions {
  /** The quadrant the prior samples the chosen elements for. */
  quadrant: Quadrant;
  elements: readonly Element[];
  /** Which of A's tokens may change (a passage, see tokens/bar-range.ts); default all. */
  only?: readonly boolean[];
  /** Whose emotion conditions the decoder: A's (default, as in transfer) or a quadrant / none. */
  emotion?: EmotionChoice;
  /** Classifier-free guidance scale for the prior (1 = none); default the manifest's. */
  guidance?: number;
  /** The key new pitches keep to (none: any pitch). */
  key?: KeyPlan;
}

export interface ContinueOptions {
  quadrant: Quadrant;
  /** Tokens to add after A's (the latent length of the new bars). */
  tokens: number;
  /** Stop each variation when bar maxBars + 1 would start (A's bars and the new ones). */
  maxBars: number;
  count?: number;
  guidance?: number;
  /** The key new pitches keep to (none: any pitch). */
  key?: KeyPlan;
}

const engines = new Map<string, Promise<Engine>>();

export class Engine {
  private constructor(
    readonly info: EngineInfo,
    readonly vocab: Vocab,
    private readonly graphs: Graphs,
    private readonly queue: DecodeQueue,
    private readonly key: string,
  ) {}

  /** The engine of a model folder, loaded on the first call and shared after. */
  static open(options: EngineOptions = {}): Promise<Engine> {
    const dir = resolve(options.dir ?? defaultModelDir());
    const key = `${dir}\u0000${options.providers?.join() ?? ''}`;
    let engine = engines.get(key);
    if (!engine) {
      engine = Engine.load(dir, options.providers, key);
      engines.set(key, engine);
      engine.catch(() => engines.delete(key)); // a failed load is retried next time
    }
    return engine;
  }

  private static async load(dir: string, providers: Provider[] | undefined, key: string): Promise<Engine> {
    const t0 = performance.now();
    const loaded = await loadGraphs({ dir, providers, graphs: ['encoder', 'classifier'] });
    const info = { dir, provider: loaded.provider, fallbacks: loaded.fallbacks, loadMs: performance.now() - t0 };
    return new Engine(info, loadVocab(), loaded.graphs, new DecodeQueue({ dir, provider: loaded.provider }), key);
  }

  get manifest(): Manifest {
    return this.graphs.manifest;
  }

  /** Start the decoding worker now rather than on the first task. */
  warmUp(): Promise<WorkerInfo> {
    return this.queue.start();
  }

  /** Encoder and classifier see windows of at most the training crop. */
  private get crop(): number {
    return trainingCrop(this.manifest);
  }

  encode(tokens: number[][]): Promise<Encoding> {
    return encodeTokens(this.graphs, this.vocab, tokens, this.crop);
  }

  estimateEmotion(tokens: number[][]): Promise<ClassifierEstimate> {
    return estimateEmotion(this.graphs, tokens, this.crop);
  }

  /** Decode one latent sequence [length, dims] under an emotion field value. */
  async decode(quantized: Float32Array, length: number, emotion: number, options: DecodeOptions = {}): Promise<Decoded> {
    const seed = options.seed ?? randomSeed();
    // A's latents (with B's slices in a transfer) are A's length: an EOS drawn from B's last token must not cut A's later bars
    const input = { latents: quantized, batch: 1, length, emotion: [emotion], sampling: samplingOf(options.sampling), fullLength: true };
    const { sequences, keys } = await this.queue.run(
      { kind: 'decode', seed, input },
      this.hooks(options),
    );
    return { sequences, keys, seed };
  }

  /** A's tokens as the model rebuilds them from A's own latents. */
  reconstruct(a: Encoding, options: DecodeOptions = {}): Promise<Decoded> {
    return this.decode(a.quantized, a.length, a.emotion, options);
  }

  /** A with the chosen elements' latent slices transferred from B; says how B covered A and which of A's bars changed. */
  async transfer(a: Encoding, b: Encoding, t: TransferOptions, options: DecodeOptions = {}): Promise<Transferred> {
    const cover = t.cover ?? defaultCover(a, b);
    const alignment = alignCovering(a, b, t.align ?? DEFAULT_ALIGNMENT, cover);
    const mixed = transferLatents(a, b, t.elements, alignment, this.manifest, t.only);
    const decoded = await this.decode(mixed, a.length, this.emotionOf(t.emotion ?? 'A', a.emotion, b.emotion), options);
    return { ...decoded, cover, changed: t.elements.length ? changedTokens(alignment, t.only) : alignment.map(() => false) };
  }

  /** `count` variations from the prior for a quadrant, decoded together as one batch. */
  async generate(g: GenerateOptions, options: DecodeOptions = {}): Promise<Decoded> {
    if (!(Number.isInteger(g.tokens) && g.tokens >= 2)) throw new RangeError(`tokens must be a whole number >= 2, got ${g.tokens}`);
    return this.sample(g, g.tokens, g.count ?? 1, g.maxBars, undefined, options);
  }

  /** A with the chosen elements' codes drawn anew by the prior for a quadrant, every other code A's own. */
  remood(a: Encoding, r: RemoodOptions, options: DecodeOptions = {}): Promise<Decoded> {
    const books = this.perElementBooks('re-mood');
    const chosen = new Set(r.elements.map((e) => ELEMENTS.indexOf(e)));
    const keep = new Uint8Array(a.length * books).fill(1);
    for (let t = 0; t < a.length; t++) if (!r.only || r.only[t]) for (const k of chosen) keep[t * books + k] = 0;
    const emotion = this.emotionOf(r.emotion ?? 'A', a.emotion, a.emotion);
    // fresh position codes may step back in a bar as the prior's own do; A's own decode freely, as transfers
    const forwardOnly = r.elements.includes('bar-beat');
    // fresh positions from the first token on are new music, which opens on a bar line with notes
    const opensWithNotes = forwardOnly && (!r.only || r.only[1] === true);
    return this.sample(r, a.length, 1, undefined, { codes: a.codes, keep, quantized: a.quantized, emotion, forwardOnly, opensWithNotes, fullLength: true }, options);
  }

  /** A followed by new bars the prior writes for a quadrant, primed with A's codes; the decoder reads A's tokens first. */
  continue(a: Encoding, c: ContinueOptions, options: DecodeOptions = {}): Promise<Decoded> {
    const books = this.perElementBooks('continue');
    if (!(Number.isInteger(c.tokens) && c.tokens >= 1)) throw new RangeError(`tokens must be a whole number >= 1, got ${c.tokens}`);
    const own = a.slots[a.length - 1]?.type === 'EOS' ? a.length - 1 : a.length; // A's EOS gives way to the new bars
    const given = {
      codes: a.codes.subarray(0, own * books),
      keep: new Uint8Array(own * books).fill(1),
      quantized: a.quantized.subarray(0, own * this.graphs.dims),
      // the new music starts with a bar of its own, after all of A's last bar
      tokens: [...a.tokens.slice(0, own), barToken(this.vocab)],
      forwardOnly: true,
      opensWithNotes: true,
      fullLength: false,
    };
    return this.sample(c, own + c.tokens, c.count ?? 1, c.maxBars, given, options);
  }

  /** The prior's codes for a quadrant (some given), decoded: generate, re-mood and continue. */
  private async sample(
    { quadrant, guidance, key }: { quadrant: Quadrant; guidance?: number; key?: KeyPlan },
    length: number,
    count: number,
    maxBars: number | undefined,
    given: GivenPiece | undefined,
    options: DecodeOptions,
  ): Promise<Decoded> {
    if (!QUADRANTS.includes(quadrant)) throw new RangeError(`quadrant must be one of ${QUADRANTS.join(', ')}, got ${quadrant}`);
    const scale = guidance ?? priorGuidance(this.manifest, quadrant);
    const problem = guidanceProblem(scale, 'guidance');
    if (problem) throw new RangeError(problem);
    const seed = options.seed ?? randomSeed();
    const task = {
      kind: 'generate' as const,
      emotion: this.vocab.id('emotion', quadrant),
      count,
      length,
      maxBars,
      sampling: samplingOf(options.sampling),
      guidance: { scale, free: this.vocab.id('emotion', 'none') },
      seed,
      given,
      key,
    };
    return { ...(await this.queue.run(task, this.hooks(options))), seed };
  }

  /** Codebooks per element, which re-mood and continue need (one shared codebook mixes the elements). */
  private perElementBooks(what: string): number {
    const { kind, count } = this.manifest.codebooks;
    if (kind !== 'per-element') throw new ModelUnavailable(`${what} needs models with a codebook per element; these have ${kind} codebooks`);
    return count;
  }

  /** The emotion field value an EmotionChoice names. */
  private emotionOf(choice: EmotionChoice, a: number, b: number): number {
    return choice === 'A' ? a : choice === 'B' ? b : this.vocab.id('emotion', choice);
  }

  /** Release the sessions and stop the worker; the next Engine.open loads afresh. */
  async close(): Promise<void> {
    engines.delete(this.key);
    await this.queue.close();
    await this.graphs.release();
  }

  private hooks(options: DecodeOptions) {
    const onToken = options.onToken;
    return {
      signal: options.signal,
      onLatent: options.onLatent,
      onStep: onToken && ((s: DecodeStep) => s.tokens.forEach((t, item) => t && onToken(item, s.index, t))),
    };
  }
}
