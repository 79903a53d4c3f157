// The generate flow, for the studio and `muser generate` alike: `count` new pieces for a
// quadrant, sampled from the prior and decoded together as one batch, each ending with its
// last bar when a length in bars is asked, each in a key (key-choice.ts).

import type { SamplingRequest } from '../inference/sampling.js';
import { priorGuidance } from '../onnx/manifest.js';
import type { Engine } from '../runner/engine.js';
import { MOODS, type Quadrant } from '../tokens/quadrants.js';
import { inKey, keyName, keyPlan, type KeyChoice } from './key-choice.js';
import { decodedMusic, type Made } from './made.js';
import { NoteProgress, type FlowHooks } from './progress.js';

/** Latent tokens budgeted per bar when a length is asked in bars; decoding stops at the bar limit, usually well before. */
export const TOKENS_PER_BAR = 48;
/** Tokens per piece, the emotion token included, when no length is asked. */
export const DEFAULT_TOKENS = 256;

export interface GenerateRequest {
  quadrant: Quadrant;
  /** Variations, decoded together (default 1). */
  count?: number;
  /** Each piece stops after this many bars. */
  bars?: number;
  /** Tokens per piece, the emotion token included (default: budgeted from `bars`, else DEFAULT_TOKENS). */
  tokens?: number;
  /** Classifier-free guidance scale (1 none); default the model's. */
  guidance?: number;
  sampling?: SamplingRequest;
  seed?: number;
  /** The key the pieces keep to (default 'auto'). */
  key?: KeyChoice;
}

export interface Generated {
  pieces: Made[];
  /** The latent length each piece was given. */
  tokens: number;
  /** The guidance scale used. */
  guidance: number;
  seed: number;
}

/** The latent length of each piece: as asked, or budgeted from its bars. */
function generationLength(r: Pick<GenerateRequest, 'bars' | 'tokens'>): number {
  return r.tokens ?? (r.bars !== undefined ? 2 + r.bars * TOKENS_PER_BAR : DEFAULT_TOKENS);
}

export async function generate(engine: Engine, r: GenerateRequest, hooks: FlowHooks = {}): Promise<Generated> {
  const tokens = generationLength(r);
  const progress = hooks.progress;
  const notes = progress && new NoteProgress(engine.vocab, progress, tokens);
  const decoded = await engine.generate(
    { quadrant: r.quadrant, tokens, maxBars: r.bars, count: r.count, guidance: r.guidance, key: keyPlan(r.key ?? 'auto', r.quadrant) },
    {
      seed: r.seed,
      sampling: r.sampling,
      signal: hooks.signal,
      onLatent: progress && ((index) => progress({ phase: 'latents', item: 0, done: index + 1, total: tokens, notes: [] })),
      onToken: notes && ((item, _index, token) => notes.token(item, token)),
    },
  );
  const guidance = r.guidance ?? priorGuidance(engine.manifest, r.quadrant);
  const { quadrant, bars } = r;
  const mood = MOODS[quadrant];
  const length = bars !== undefined ? `${bars} bars` : `${tokens} tokens`;
  const pieces = decoded.sequences.map((seq, k): Made => {
    const key = keyName(decoded.keys[k]);
    const name = `${quadrant} ${mood} ${length}${inKey(key)} #${k + 1} (seed ${decoded.seed})`;
    return {
      ...decodedMusic(engine.vocab, seq, name, undefined, bars),
      name,
      description: `generated for ${quadrant} (${mood})${inKey(key)}, variation ${k + 1}, seed ${decoded.seed}, mood strength ${guidance}`,
      seed: decoded.seed,
      key,
    };
  });
  return { pieces, tokens, guidance, seed: decoded.seed };
}
