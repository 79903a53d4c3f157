// Latents -> tokens, one token per latent position, as generation.py's decode(): at each
// position the type is sampled first (never <pad> or a second Emotion), then the six
// other elements from decoder_heads given that type (never <pad>); the elements a type
// does not carry are <pad>, the emotion field of generated tokens is <pad>; a sequence
// stops at EOS. With forwardOnly (the prior's latents) a position token only moves forward
// within its bar, as the tokenizer writes them: one that went back would stack notes on an
// earlier onset. A real piece's latents carry its positions, and there forcing the choice
// turns one misread position into a shifted bar line, so transfers decode freely.
// New music (opensWithNotes: a generation, a continuation's new bars) opens on a bar line
// with notes: until an item's first drawn note, its first token is a bar line, and it
// neither ends nor draws a second one. Notes before the first bar line would sound over
// the first bar's own, an empty opening bar is silence a listener waits through, and an
// empty piece is nothing.
// Given tokens (a piece being continued) are read, not sampled, so what follows them is
// decoded in their context. An item given a key keeps every drawn pitch to it (scale.ts).
// The decoder is recurrent (linear attention), so each token costs the same.
// Past the training crop it starts afresh, as the encoder's windows do (windows.ts): the
// window's first token is predicted from the emotion token at position 0, so positions
// never run beyond what the model was trained on.

import type ort from 'onnxruntime-node';
import { keepToScale, scaleOf, type Key } from '../harmony/scale.js';
import { HEAD_ELEMENTS, TOKEN_FIELDS, type Graphs } from '../onnx/graphs.js';
import { trainingCrop } from '../onnx/manifest.js';
import { float32, int64 } from '../onnx/tensors.js';
import type { Rng } from '../rng.js';
import { FIELDS, PAD, type Vocab } from '../tokens/vocab.js';
import { drawFor, sampleIndex, type SamplingPlan } from './sampling.js';

export interface DecodeInput {
  /** Quantized latents [batch, length, dims], row-major. */
  latents: Float32Array;
  batch: number;
  length: number;
  /** Emotion field value per item (vocabulary index): conditions the decoder and fills the first token. */
  emotion: number[];
  sampling: SamplingPlan;
  /** Stop an item at the start of bar maxBars + 1 (an EOS token takes that Bar token's place). */
  maxBars?: number;
  /** Never end before the last latent position, so every one is decoded: a piece's own latents, rebuilt, re-mooded or with B's slices, keep its length (the benchmark times whole lengths). */
  fullLength?: boolean;
  /** Never move a position token back within its bar (for latents sampled from the prior). */
  forwardOnly?: boolean;
  /** New music: a bar line first, then no EOS and no other bar line before the item's first drawn note. */
  opensWithNotes?: boolean;
  /** Tokens 1.. every item takes as they are rather than sampling them (a piece being continued). */
  given?: readonly (readonly number[])[];
  /** Per item, the key its drawn pitches keep to (none: any pitch). */
  keys?: readonly Key[];
  /** Positions whose pitch keeps to the key (default every one): a re-mood's drawn ones, not A's kept pitch codes. */
  keyed?: readonly boolean[];
}

/** The tokens of one decoding step: one per item, null for items already finished. */
export interface DecodeStep {
  index: number;
  tokens: (number[] | null)[];
}

export interface DecodeHooks {
  onStep?(step: DecodeStep): void;
  /** Generation only: the prior has sampled the latents of positions 0..index. */
  onLatent?(index: number): void;
  /** Checked before every step; true stops decoding with an AbortError. */
  cancelled?(): boolean;
}

/** Runs the decoder one position at a time; how it keeps (or recomputes) the past is its own business. */
export interface Stepper {
  step(prev: ort.Tensor, latent: ort.Tensor, pos: number): Promise<{ hidden: ort.Tensor; typeLogits: Float32Array }>;
}

export type StepperFactory = (graphs: Graphs, batch: number, emotion: ort.Tensor) => Stepper;

/** The constant-work decoder: the linear-attention state carries the whole prefix. */
export const recurrentStepper: StepperFactory = (graphs, batch, emotion) => {
  let state = graphs.zeroState(graphs.manifest.decoder_state, batch);
  const pos = int64(new Array(batch).fill(0), [batch]);
  return {
    async step(prev, latent, p) {
      (pos.data as BigInt64Array).fill(BigInt(p));
      const out = await graphs.decoderStep(prev, latent, emotion, pos, state);
      state = out.state;
      return out;
    },
  };
};

const TYPE = FIELDS.indexOf('type');
const BAR_BEAT = FIELDS.indexOf('bar-beat');
const EMOTION = FIELDS.indexOf('emotion');
const CARRIES: Record<string, readonly string[]> = { Metrical: ['tempo', 'chord', 'bar-beat'], Note: ['pitch', 'duration', 'velocity'] };

export function abortError(): DOMException {
  return new DOMException('decoding was cancelled', 'AbortError');
}

export function emotionToken(vocab: Vocab, emotion: number): number[] {
  const t = new Array<number>(TOKEN_FIELDS).fill(PAD);
  t[TYPE] = vocab.id('type', 'Emotion');
  t[EMOTION] = emotion;
  return t;
}

/** Token sequences per item, the emotion token first, EOS last when one was produced. */
export async function decodeLatents(
  graphs: Graphs,
  vocab: Vocab,
  input: DecodeInput,
  rngs: Rng[],
  hooks: DecodeHooks = {},
  makeStepper: StepperFactory = recurrentStepper,
): Promise<number[][][]> {
  const { batch: B, length: L, sampling } = input;
  const D = graphs.dims;
  const types = vocab.values.type;
  const nTypes = types.length;
  const eos = types.indexOf('EOS');
  const [metricalType, noteType] = [types.indexOf('Metrical'), types.indexOf('Note')];
  const bannedTypes = [PAD, types.indexOf('Emotion')];
  const barValue = vocab.id('bar-beat', 'Bar');
  const barBeats = vocab.values['bar-beat'];
  const steps = barBeats.map((v) => (v.startsWith('Beat_') ? Number(v.slice(5)) : -1));
  const lastStep = Math.max(...steps);
  const beats = steps.flatMap((s, i) => (s >= 0 ? [i] : []));
  /** The bar-beat values item b's position token may not take now. */
  const barBeatBans = (b: number) => {
    if (!opened[b] && bars[b] === 0) return [PAD, ...beats]; // new music's first token is its bar line
    const back = input.forwardOnly ? beats.filter((i) => steps[i] <= position[b]) : [];
    return [PAD, ...back, ...(opened[b] ? [] : [barValue])];
  };
  /** The types item b may not take now: new music neither ends nor writes a note before its bar line, nor a position token once none is left in its bar. */
  const typeBans = (b: number, t: number) => {
    const early = input.fullLength && t < L - 1 ? [eos] : [];
    if (opened[b]) return [...bannedTypes, ...early];
    const stuck = bars[b] === 0 ? [noteType] : position[b] >= lastStep ? [metricalType] : [];
    return [...bannedTypes, eos, ...stuck];
  };
  const heads = HEAD_ELEMENTS.map((e) => ({ field: FIELDS.indexOf(e), size: vocab.values[e].length, name: e, draw: drawFor(sampling, e) }));
  const typeDraw = drawFor(sampling, 'type');
  const pitchHead = heads.find((h) => h.name === 'pitch')!;
  const pitchClass = vocab.numbers.pitch.map((p) => (Number.isFinite(p) ? p % 12 : -1));
  const scales = input.keys?.map(scaleOf);

  const seqs = input.emotion.map((e) => [emotionToken(vocab, e)]);
  const done = new Array<boolean>(B).fill(false);
  const bars = new Array<number>(B).fill(0);
  const position = new Array<number>(B).fill(-1); // the current bar's last position so far
  const opened = new Array<boolean>(B).fill(!input.opensWithNotes); // a note drawn (or none needed)
  const emotionT = int64(input.emotion, [B]);
  const window = trainingCrop(graphs.manifest) - 1;
  let stepper = makeStepper(graphs, B, emotionT);
  const prev = new Array<number>(B * TOKEN_FIELDS);
  const typeOf = new Array<number>(B);

  for (let t = 1; t < L && !done.every(Boolean); t++) {
    if (hooks.cancelled?.()) throw abortError();
    const fresh = t > 1 && (t - 1) % window === 0;
    if (fresh) stepper = makeStepper(graphs, B, emotionT);
    for (let b = 0; b < B; b++) {
      const last = done[b] ? null : fresh ? seqs[b][0] : seqs[b][seqs[b].length - 1];
      for (let f = 0; f < TOKEN_FIELDS; f++) prev[b * TOKEN_FIELDS + f] = last ? last[f] : PAD;
    }
    const latent = new Float32Array(B * D);
    for (let b = 0; b < B; b++) latent.set(input.latents.subarray((b * L + t) * D, (b * L + t + 1) * D), b * D);
    const latentT = float32(latent, [B, D]);
    const { hidden, typeLogits } = await stepper.step(int64(prev, [B, TOKEN_FIELDS]), latentT, (t - 1) % window);

    const given = input.given && t < input.given.length ? input.given[t] : undefined;
    for (let b = 0; b < B; b++) typeOf[b] = done[b] ? PAD : given ? given[TYPE] : sampleIndex(typeLogits, b * nTypes, nTypes, typeBans(b, t), typeDraw, rngs[b]);
    const needHeads = !given && typeOf.some((ty, b) => !done[b] && CARRIES[types[ty]]);
    const logits = needHeads ? await graphs.decoderHeads(hidden, latentT, int64(typeOf, [B])) : [];

    const step: DecodeStep = { index: t, tokens: new Array(B).fill(null) };
    for (let b = 0; b < B; b++) {
      if (done[b]) continue;
      let token = given ? [...given] : new Array<number>(TOKEN_FIELDS).fill(PAD);
      token[TYPE] = typeOf[b];
      const carried = given ? [] : CARRIES[types[typeOf[b]]] ?? [];
      heads.forEach((h, k) => {
        if (!carried.includes(h.name)) return;
        const drawn = sampleIndex(logits[k], b * h.size, h.size, h.field === BAR_BEAT ? barBeatBans(b) : [PAD], h.draw, rngs[b]);
        const keyed = h === pitchHead && scales && (input.keyed?.[t] ?? true);
        token[h.field] = keyed ? keepToScale(drawn, pitchClass, scales[b], (i) => logits[k][b * h.size + i]) : drawn;
      });
      const metrical = token[TYPE] === types.indexOf('Metrical');
      if (metrical) position[b] = token[BAR_BEAT] === barValue ? -1 : Math.max(position[b], steps[token[BAR_BEAT]]);
      if (metrical && token[BAR_BEAT] === barValue && ++bars[b] > (input.maxBars ?? Infinity)) {
        token = new Array<number>(TOKEN_FIELDS).fill(PAD);
        token[TYPE] = eos;
      }
      if (token[TYPE] === eos) done[b] = true;
      if (!given && token[TYPE] === noteType) opened[b] = true;
      seqs[b].push(token);
      step.tokens[b] = token;
    }
    hooks.onStep?.(step);
  }
  return seqs;
}
