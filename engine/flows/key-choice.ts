// The key a user asks new music to keep to, as generate, re-mood and continue take it:
// 'auto' (the default) writes in the quadrant's mode, major for positive valence and minor
// for negative, as in EMOPIA's training clips (minor in 17 % of Q1 and 27 % of Q4, 69 % of
// Q2 and 61 % of Q3), on the tonic the music already has: a piece's own when it is
// re-mooded or continued, the one the prior's music leans to when it is generated.
// 'free' lets the prior write any pitch, as it did before keys; or a key by name.

import type { Mode } from '../harmony/key.js';
import { keyLabel, parseKey, type Key, type KeyName } from '../harmony/scale.js';
import type { KeyPlan } from '../inference/key-plan.js';
import type { Quadrant } from '../tokens/quadrants.js';

export type KeyChoice = 'auto' | 'free' | KeyName;

export const KEY_CHOICE_HELP = "'auto' (the quadrant's mode on the music's own tonic), 'free' (any pitch) or a key such as 'D minor'";

/** The key a name names; a RangeError says what a choice may be. */
function namedKey(text: string): Key {
  const key = parseKey(text);
  if (!key) throw new RangeError(`key must be ${KEY_CHOICE_HELP}, got '${text}'`);
  return key;
}

/** A key choice from its text, a key's name spelled as the app spells it ("c# minor" -> "C# minor"); a RangeError names what is wrong. */
export function parseKeyChoice(text: string): KeyChoice {
  return text === 'auto' || text === 'free' ? text : keyLabel(namedKey(text));
}

/** The mode a quadrant's music is written in: major for positive valence (Q1, Q4), minor for negative (Q2, Q3). */
export function modeOfQuadrant(quadrant: Quadrant): Mode {
  return quadrant === 'Q2' || quadrant === 'Q3' ? 'minor' : 'major';
}

/** Why a re-mood cannot take the choice (a key names where drawn pitches go), or null. */
export function remoodKeyProblem(choice: KeyChoice, elements: readonly string[]): string | null {
  return choice !== 'auto' && choice !== 'free' && !elements.includes('pitch') ? 'a key applies to drawn pitches: choose pitch among the elements' : null;
}

/** The plan a choice makes for a quadrant; `tonic` finds the piece's own (re-mood, continue), asked only under 'auto'; absent for new music. */
export function keyPlan(choice: KeyChoice, quadrant: Quadrant, tonic?: () => number): KeyPlan | undefined {
  if (choice === 'free') return undefined;
  if (choice === 'auto') return { tonic: tonic ? tonic() : null, mode: modeOfQuadrant(quadrant) };
  return namedKey(choice);
}

/** A result's key as Made names it ("D minor"), null for none. */
export function keyName(key: Key | null): string | null {
  return key && keyLabel(key);
}

/** " in D minor" for a result's name and description; empty when its pitches kept to no key. */
export function inKey(name: string | null): string {
  return name ? ` in ${name}` : '';
}
