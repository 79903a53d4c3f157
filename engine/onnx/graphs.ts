// Typed calls into the six ONNX graphs (see models/training/export.py for their contract).
// Inputs and outputs are flat row-major arrays; recurrent states stay ort tensors so a
// step's output state is fed to the next step without a copy.

import type ort from 'onnxruntime-node';
import type { GraphName, Manifest, StateShape } from './manifest.js';
import { float32, floats, int64, ints, tokenBatch } from './tensors.js';

export const TOKEN_FIELDS = 8;

/** The non-type elements decoder_heads predicts, in its output order (ELEMENTS without type). */
export const HEAD_ELEMENTS = ['tempo', 'chord', 'bar-beat', 'pitch', 'duration', 'velocity'] as const;

export interface Encoded {
  /** [B, L, dims] continuous encoder output. */
  latents: Float32Array;
  /** [B, L, dims] the latents after vector quantization (what the decoder reads). */
  quantized: Float32Array;
  /** [B, L, codebooks] code indices. */
  codes: Int32Array;
  length: number;
}

export interface RecurrentState {
  s: ort.Tensor;
  z: ort.Tensor;
}

export class Graphs {
  constructor(
    readonly manifest: Manifest,
    private readonly sessions: Partial<Record<GraphName, ort.InferenceSession>>,
  ) {}

  private session(name: GraphName): ort.InferenceSession {
    const s = this.sessions[name];
    if (!s) throw new Error(`graph ${name} is not loaded here`);
    return s;
  }

  get dims(): number {
    return this.manifest.latent.dims;
  }

  async encode(seqs: number[][][]): Promise<Encoded> {
    const { tokens, mask, length } = tokenBatch(seqs, TOKEN_FIELDS);
    const out = await this.session('encoder').run({ tokens, mask });
    return { latents: floats(out.latents), quantized: floats(out.quantized), codes: ints(out.codes), length };
  }

  /** codes [B, L, codebooks] -> quantized latents [B, L, dims]. */
  async dequantize(codes: ArrayLike<number>, batch: number, length: number): Promise<Float32Array> {
    const out = await this.session('dequantize').run({ codes: int64(codes, [batch, length, this.manifest.codebooks.count]) });
    return floats(out.quantized);
  }

  /** Classifier logits [B, 4] (Q1..Q4). */
  async classify(seqs: number[][][]): Promise<Float32Array> {
    const { tokens, mask } = tokenBatch(seqs, TOKEN_FIELDS);
    return floats((await this.session('classifier').run({ tokens, mask })).logits);
  }

  zeroState(shape: StateShape, batch: number): RecurrentState {
    const { layers, heads, head_dim: d } = shape;
    return {
      s: float32(new Float32Array(layers * batch * heads * d * d), [layers, batch, heads, d, d]),
      z: float32(new Float32Array(layers * batch * heads * d), [layers, batch, heads, d]),
    };
  }

  /** One decoder position: prev tokens [B, 8], latents [B, dims], emotion [B], pos [B]. */
  async decoderStep(prev: ort.Tensor, latent: ort.Tensor, emotion: ort.Tensor, pos: ort.Tensor, state: RecurrentState) {
    const out = await this.session('decoder_step').run({ prev, latent, emotion, pos, state_s: state.s, state_z: state.z });
    return { hidden: out.hidden, typeLogits: floats(out.type_logits), state: { s: out.state_s_out, z: out.state_z_out } };
  }

  /** Logits of the six non-type elements given the hidden state, latent and chosen type. */
  async decoderHeads(hidden: ort.Tensor, latent: ort.Tensor, type: ort.Tensor): Promise<Float32Array[]> {
    const out = await this.session('decoder_heads').run({ hidden, latent, type });
    return HEAD_ELEMENTS.map((e) => floats(out[`${e}_logits`]));
  }

  /** One prior position: prev codes [B, codebooks] -> hidden [B, d] for priorHeads. */
  async priorStep(prev: ort.Tensor, emotion: ort.Tensor, pos: ort.Tensor, state: RecurrentState) {
    const out = await this.session('prior_step').run({ prev, emotion, pos, state_s: state.s, state_z: state.z });
    return { hidden: out.hidden, state: { s: out.state_s_out, z: out.state_z_out } };
  }

  /** Logits [B, codebooks, size]: each codebook's given the codes chosen before it in codebooks.order. */
  async priorHeads(hidden: ort.Tensor, chosen: ort.Tensor): Promise<Float32Array> {
    return floats((await this.session('prior_heads').run({ hidden, chosen })).logits);
  }

  async release(): Promise<void> {
    await Promise.all(Object.values<ort.InferenceSession | undefined>(this.sessions).map((s) => s?.release()));
  }
}
