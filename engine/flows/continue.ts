// The continue flow, for the studio and `muser continue` alike: piece A followed by N new
// bars in a quadrant, the prior primed with A's codes and the decoder with A's tokens, as
// `count` variations decoded together, the new bars in a key (key-choice.ts). A's own bars stay as they are.

import { tokensTonic } from '../inference/key-plan.js';
import type { SamplingRequest } from '../inference/sampling.js';
import { priorGuidance } from '../onnx/manifest.js';
import type { Engine } from '../runner/engine.js';
import { sourceBars } from '../tokens/bar-range.js';
import { MOODS, type Quadrant } from '../tokens/quadrants.js';
import { tokenBarCount } from '../tokens/token-slots.js';
import type { EncodedPiece } from './encoded-piece.js';
import { TOKENS_PER_BAR } from './generate.js';
import { inKey, keyName, keyPlan, type KeyChoice } from './key-choice.js';
import { decodedMusic, type Made } from './made.js';
import { NoteProgress, type FlowHooks } from './progress.js';

export interface ContinueRequest {
  quadrant: Quadrant;
  /** New bars after A's last. */
  bars: number;
  /** Variations, decoded together (default 1). */
  count?: number;
  guidance?: number;
  sampling?: SamplingRequest;
  seed?: number;
  /** The key the new bars keep to (default 'auto': A's tonic in the quadrant's mode). */
  key?: KeyChoice;
}

export interface Continued {
  pieces: Made[];
  /** A's bars (as A numbers them); the new ones follow. */
  ownBars: number;
  seed: number;
}

export async function continuePiece(engine: Engine, a: EncodedPiece, r: ContinueRequest, hooks: FlowHooks = {}): Promise<Continued> {
  if (!(Number.isInteger(r.bars) && r.bars >= 1)) throw new RangeError(`bars to add must be a whole number >= 1, got ${r.bars}`);
  const tokens = r.bars * TOKENS_PER_BAR;
  const ownBars = tokenBarCount(a.encoding.slots);
  const total = a.encoding.length + tokens;
  const notes = hooks.progress && new NoteProgress(engine.vocab, hooks.progress, total, a.sequence.tokens[0], a.sequence.meters);
  const decoded = await engine.continue(
    a.encoding,
    { quadrant: r.quadrant, tokens, maxBars: ownBars + r.bars, count: r.count, guidance: r.guidance, key: keyPlan(r.key ?? 'auto', r.quadrant, () => tokensTonic(a.sequence.tokens, engine.vocab)) },
    {
      seed: r.seed,
      sampling: r.sampling,
      signal: hooks.signal,
      onLatent: hooks.progress && ((index) => hooks.progress!({ phase: 'latents', item: 0, done: index + 1, total, notes: [] })),
      onToken: notes && ((item, _index, token) => notes.token(item, token)),
    },
  );
  decoded.sequences.forEach((_, k) => notes?.finish(k));
  const mood = `${r.quadrant} ${MOODS[r.quadrant]}`;
  const guidance = r.guidance ?? priorGuidance(engine.manifest, r.quadrant);
  const pieces = decoded.sequences.map((seq, k): Made => {
    const key = keyName(decoded.keys[k]);
    const name = `${a.name} + ${r.bars} bars ${mood}${inKey(key)} #${k + 1} (seed ${decoded.seed})`;
    return {
      ...decodedMusic(engine.vocab, seq, name, a.sequence.meters, ownBars + r.bars),
      name,
      description: `${a.name} continued by ${r.bars} bars for ${mood}${inKey(key)}, variation ${k + 1} (mood strength ${guidance}, seed ${decoded.seed})`,
      seed: decoded.seed,
      key,
    };
  });
  return { pieces, ownBars: sourceBars(a.sequence, engine.vocab).count, seed: decoded.seed };
}
