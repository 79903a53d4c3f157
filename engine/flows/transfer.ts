// The transfer flow, for the studio and `muser transfer` alike: piece A with the chosen
// elements' latents taken from piece B (in all of A, or in a passage of it), decoded and
// named for what it is: "A with pitch+duration of B".

import type { Encoding } from '../inference/encoding.js';
import type { Alignment, Element } from '../inference/latent-transfer.js';
import type { SamplingPlan } from '../inference/sampling.js';
import { passageName, type BarRange } from '../piece/passage.js';
import type { EmotionChoice, Engine } from '../runner/engine.js';
import { tokensInBars } from '../tokens/bar-range.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { decodedMusic, type Made } from './made.js';
import { NoteProgress, type FlowHooks } from './progress.js';

export interface TransferSource {
  sequence: TokenSequence;
  encoding: Encoding;
  /** What the result is named after. */
  name: string;
  /** How an error names it (a file's path); default the name. */
  file?: string;
}

export interface TransferRequest {
  elements: readonly Element[];
  align: Alignment;
  /** Whose emotion conditions the decoder (default A's). */
  emotion?: EmotionChoice;
  /** Only this passage of A takes B's elements. */
  bars?: BarRange;
  sampling?: Partial<SamplingPlan>;
  seed?: number;
}

export async function transfer(engine: Engine, a: TransferSource, b: TransferSource, r: TransferRequest, hooks: FlowHooks = {}): Promise<Made> {
  const only = r.bars && tokensInBars(a.sequence, engine.vocab, r.bars, a.file ?? a.name);
  const notes = hooks.progress && new NoteProgress(engine.vocab, hooks.progress, a.encoding.length, a.sequence.tokens[0], a.sequence.meters);
  const decoded = await engine.transfer(
    a.encoding,
    b.encoding,
    { elements: r.elements, align: r.align, emotion: r.emotion, only },
    { seed: r.seed, sampling: r.sampling, signal: hooks.signal, onToken: notes && ((item, _index, token) => notes.token(item, token)) },
  );
  notes?.finish(0);
  const what = r.elements.length ? r.elements.join('+') : 'nothing';
  const passage = r.bars ? ` in ${passageName(r.bars)}` : '';
  const name = `${a.name} with ${what} of ${b.name}${passage}`;
  return {
    ...decodedMusic(engine.vocab, decoded.sequences[0], name, a.sequence.meters),
    name,
    description: `the ${what} latents of ${b.name} transferred to ${a.name}${passage} (${r.align} alignment, seed ${decoded.seed})`,
    seed: decoded.seed,
  };
}
