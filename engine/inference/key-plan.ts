// Which key a generation's new music keeps to (harmony/scale.ts says how). The tonic is
// either given (a piece's own, when it is re-mooded or continued, or the user's) or the one
// the prior's music leans to: its codes imply a tonal centre, so the latents are decoded
// once freely and the key of that music names the tonic. Random tonics, tried on the
// validation clips, judged worse and read less clearly in a key (model card).

import { estimateKey, KEY_TONICS, type Mode } from '../harmony/key.js';
import type { Key } from '../harmony/scale.js';
import { FIELDS } from '../tokens/fields.js';
import type { Vocab } from '../tokens/vocab.js';

export interface KeyPlan {
  /** Tonic pitch class; null: the one the prior's music leans to. */
  tonic: number | null;
  mode: Mode;
}

/** The tonic of decoded tokens' notes, each weighted by its duration (the app's key estimate over tokens). */
export function tokensTonic(tokens: readonly (readonly number[])[], vocab: Vocab): number {
  const [TYPE, PITCH, DURATION] = [FIELDS.indexOf('type'), FIELDS.indexOf('pitch'), FIELDS.indexOf('duration')];
  const note = vocab.id('type', 'Note');
  const notes = tokens.flatMap((t) => {
    const pitch = vocab.numbers.pitch[t[PITCH]];
    const steps = vocab.numbers.duration[t[DURATION]];
    return t[TYPE] === note && Number.isFinite(pitch) && Number.isFinite(steps) ? [{ pitch, onset: 0, offset: steps }] : [];
  });
  return KEY_TONICS.indexOf(estimateKey(notes).tonic);
}

/** Each item's key under a plan, given the tonics its free decoding leans to (needed only when the plan's tonic is null). */
export function keysOf(plan: KeyPlan, count: number, leaning?: readonly number[]): Key[] {
  return Array.from({ length: count }, (_, b) => ({ tonic: plan.tonic ?? leaning![b], mode: plan.mode }));
}
