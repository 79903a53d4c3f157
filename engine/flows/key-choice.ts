// The key a user asks new music to keep to, as generate, re-mood and continue take it:
// 'auto' (the default) writes in the quadrant's mode, major for positive valence and minor
// for negative, as in EMOPIA's training clips (minor in 17 % of Q1 and 27 % of Q4, 69 % of
// Q2 and 61 % of Q3), on the tonic the music already has: a piece's own when it is
// re-mooded or continued, the one the prior's music leans to when it is generated.
// 'free' lets the prior write any pitch, as it did before keys; or a key by name.

import { keyLabel, modeOfQuadrant, parseKey, type Key, type KeyName } from '../harmony/scale.js';
import type { KeyPlan } from '../inference/key-plan.js';
import type { Quadrant } from '../tokens/quadrants.js';

export type KeyChoice = 'auto' | 'free' | KeyName;

export const KEY_CHOICE_HELP = "'auto' (the quadrant's mode on the music's own tonic), 'free' (any pitch) or a key such as 'D minor'";

/** A key choice from its text, a key's name spelled as the app spells it ("c# minor" -> "C# minor"); a RangeError names what is wrong. */
export function parseKeyChoice(text: string): KeyChoice {
  if (text === 'auto' || text === 'free') return text;
  const key = parseKey(text);
  if (!key) throw new RangeError(`key must be ${KEY_CHOICE_HELP}, got '${text}'`);
  return keyLabel(key);
}

/** Why a re-mood cannot take the choice (a key names where drawn pitches go), or null. */
export function remoodKeyProblem(choice: KeyChoice, elements: readonly string[]): string | null {
  return choice !== 'auto' && choice !== 'free' && !elements.includes('pitch') ? 'a key applies to drawn pitches: choose pitch among the elements' : null;
}

/** The plan a choice makes for a quadrant; `tonic` is the piece's own (re-mood, continue), absent for new music. */
export function keyPlan(choice: KeyChoice, quadrant: Quadrant, tonic?: number): KeyPlan | undefined {
  if (choice === 'free') return undefined;
  if (choice === 'auto') return { tonic: tonic ?? null, mode: modeOfQuadrant(quadrant) };
  return parseKey(parseKeyChoice(choice))!;
}

/** A result's key as Made names it ("D minor"), null for none. */
export function keyName(key: Key | null): string | null {
  return key && keyLabel(key);
}

/** " in D minor" for a result's description; empty when its pitches kept to no key. */
export function inKey(key: Key | null): string {
  return key ? ` in ${keyLabel(key)}` : '';
}
