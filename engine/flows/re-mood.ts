// The re-mood flow, for the studio and `muser transfer --to` alike: piece A with the chosen
// elements drawn anew by the prior for a quadrant, position by position, conditioned on
// A's own codes for every other element (in all of A or in a passage of it), drawn pitches
// kept to a key (key-choice.ts); named for what was done: "A, pitch toward Q3 sad".

import { tokensTonic } from '../inference/key-plan.js';
import type { Element } from '../inference/latent-transfer.js';
import type { SamplingRequest } from '../inference/sampling.js';
import { priorGuidance } from '../onnx/manifest.js';
import { passageName, type BarRange } from '../piece/passage.js';
import type { EmotionChoice, Engine } from '../runner/engine.js';
import { tokensInBars } from '../tokens/bar-range.js';
import { MOODS, type Quadrant } from '../tokens/quadrants.js';
import type { EncodedPiece } from './encoded-piece.js';
import { inKey, keyName, keyPlan, remoodKeyProblem, type KeyChoice } from './key-choice.js';
import { decodedMusic } from './made.js';
import { NoteProgress, type FlowHooks } from './progress.js';
import { changedIn, type Changed } from './transfer.js';

export interface RemoodRequest {
  /** The quadrant the chosen elements move toward. */
  to: Quadrant;
  elements: readonly Element[];
  /** Only this passage of A changes. */
  bars?: BarRange;
  /** Mood strength: classifier-free guidance for the prior (default the model's). */
  guidance?: number;
  /** Whose emotion conditions the decoder (default A's: the mood comes from the drawn elements). */
  emotion?: EmotionChoice;
  sampling?: SamplingRequest;
  seed?: number;
  /** The key drawn pitches keep to (default 'auto': A's tonic in the quadrant's mode); only with pitch among the elements. */
  key?: KeyChoice;
}

export async function remood(engine: Engine, a: EncodedPiece, r: RemoodRequest, hooks: FlowHooks = {}): Promise<Changed> {
  if (r.elements.length === 0) throw new RangeError('re-mood needs at least one element to move toward the quadrant');
  const choice = r.key ?? 'auto';
  const problem = remoodKeyProblem(choice, r.elements);
  if (problem) throw new RangeError(problem);
  const key = r.elements.includes('pitch') ? keyPlan(choice, r.to, () => tokensTonic(a.sequence.tokens, engine.vocab)) : undefined;
  const only = r.bars && tokensInBars(a.sequence, engine.vocab, r.bars, a.file ?? a.name);
  const notes = hooks.progress && new NoteProgress(engine.vocab, hooks.progress, a.encoding.length, a.sequence.tokens[0], a.sequence.meters);
  const decoded = await engine.remood(
    a.encoding,
    { quadrant: r.to, elements: r.elements, only, guidance: r.guidance, emotion: r.emotion, key },
    {
      seed: r.seed,
      sampling: r.sampling,
      signal: hooks.signal,
      onLatent: hooks.progress && ((index) => hooks.progress!({ phase: 'latents', item: 0, done: index + 1, total: a.encoding.length, notes: [] })),
      onToken: notes && ((item, _index, token) => notes.token(item, token)),
    },
  );
  notes?.finish(0);
  const mood = `${r.to} ${MOODS[r.to]}`;
  const what = r.elements.join('+');
  const passage = r.bars ? ` in ${passageName(r.bars)}` : '';
  const changedBars = changedIn(engine.vocab, a.sequence, only ?? a.sequence.tokens.map(() => true));
  const inTheKey = keyName(decoded.keys[0]);
  const change = `${changedBars.map(passageName).join(', ')} take ${r.elements.join(', ')} drawn for ${mood}${inKey(inTheKey)}`;
  const name = `${a.name}, ${what} toward ${mood}${passage}`;
  const guidance = r.guidance ?? priorGuidance(engine.manifest, r.to);
  return {
    ...decodedMusic(engine.vocab, decoded.sequences[0], name, a.sequence.meters),
    name,
    description: `the ${what} of ${a.name}${passage} drawn anew by the prior for ${mood}, every other element kept (mood strength ${guidance}, seed ${decoded.seed}): ${change}`,
    seed: decoded.seed,
    key: inTheKey,
    changedBars,
    change,
  };
}
