// The transfer flow, for the studio and `muser transfer` alike: piece A with the chosen
// elements' latents taken from piece B (in all of A, or in a passage of it; a shorter B's
// bars repeat over A), decoded, named for what it is ("A with pitch+duration of B") and
// saying which of A's bars changed and how.

import type { Alignment, Cover, Element } from '../inference/latent-transfer.js';
import type { SamplingRequest } from '../inference/sampling.js';
import { passageName, type BarRange } from '../piece/passage.js';
import type { EmotionChoice, Engine } from '../runner/engine.js';
import { barRanges, sourceBars, tokensInBars } from '../tokens/bar-range.js';
import type { TokenSequence } from '../tokens/token-file.js';
import type { Vocab } from '../tokens/vocab.js';
import { requireNotes, type EncodedPiece } from './encoded-piece.js';
import { decodedMusic, type Made } from './made.js';
import { NoteProgress, type FlowHooks } from './progress.js';

export interface TransferRequest {
  elements: readonly Element[];
  align: Alignment;
  /** Whose emotion conditions the decoder (default A's). */
  emotion?: EmotionChoice;
  /** Only this passage of A takes B's elements. */
  bars?: BarRange;
  /** How a B shorter than A covers it (default: B's bars repeat when B has fewer). */
  cover?: Cover;
  sampling?: SamplingRequest;
  seed?: number;
}

/** A made piece that changed some of A's bars: which, and how, in a sentence. */
export interface Changed extends Made {
  /** A's bars (from 1, as A numbers them) that changed, as ranges. */
  changedBars: BarRange[];
  /** "bars 1–74 take B's pitch; B's 8 bars repeated". */
  change: string;
}

export interface Transferred extends Changed {
  cover: Cover;
}

export async function transfer(engine: Engine, a: EncodedPiece, b: EncodedPiece, r: TransferRequest, hooks: FlowHooks = {}): Promise<Transferred> {
  if (r.elements.length) requireNotes(b, engine.vocab, 'there is nothing to transfer from it');
  const only = r.bars && tokensInBars(a.sequence, engine.vocab, r.bars, a.file ?? a.name);
  const notes = hooks.progress && new NoteProgress(engine.vocab, hooks.progress, a.encoding.length, a.sequence.tokens[0], a.sequence.meters);
  const decoded = await engine.transfer(
    a.encoding,
    b.encoding,
    { elements: r.elements, align: r.align, emotion: r.emotion, only, cover: r.cover },
    { seed: r.seed, sampling: r.sampling, signal: hooks.signal, onToken: notes && ((item, _index, token) => notes.token(item, token)) },
  );
  notes?.finish(0);
  const what = r.elements.length ? r.elements.join('+') : 'nothing';
  const passage = r.bars ? ` in ${passageName(r.bars)}` : '';
  const name = `${a.name} with ${what} of ${b.name}${passage}`;
  const changedBars = changedIn(engine.vocab, a.sequence, decoded.changed);
  const repeated = decoded.cover === 'repeat' ? `; ${b.name}'s ${plural(sourceBars(b.sequence, engine.vocab).count, 'bar')} repeated` : '';
  const change = `${changedBars.length ? changedBars.map(passageName).join(', ') : 'no bars'} take ${b.name}'s ${r.elements.join(', ') || 'nothing'}${repeated}`;
  return {
    ...decodedMusic(engine.vocab, decoded.sequences[0], name, a.sequence.meters),
    name,
    description: `the ${what} latents of ${b.name} transferred to ${a.name}${passage} (${r.align} alignment, seed ${decoded.seed}): ${change}`,
    seed: decoded.seed,
    key: null,
    cover: decoded.cover,
    changedBars,
    change,
  };
}

/** A's bars (as A numbers them) holding a changed token. */
export function changedIn(vocab: Vocab, a: TokenSequence, changed: readonly boolean[]): BarRange[] {
  const { bars } = sourceBars(a, vocab);
  return barRanges(bars.filter((bar, i) => changed[i] && bar > 0));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
