// What became of one input on the app's path for a file: import, then tokenize.
// ok: a Piece that tokenizes; refused: an InputError (a message the user can act on);
// crashed: anything else thrown, or the process dying (out of memory); hung: stopped by
// the watchdog. Only ok and refused are acceptable ends.

import { InputError, messageOf } from '../../engine/errors.js';
import { importMidi } from '../../engine/midi/import.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import type { Vocab } from '../../engine/tokens/vocab.js';

export type Kind = 'ok' | 'refused' | 'crashed' | 'hung';
export const KINDS: readonly Kind[] = ['ok', 'refused', 'crashed', 'hung'];

export interface Outcome {
  kind: Kind;
  /** The refusal's problem, or the crash's message and stack. */
  message?: string;
  ms: number;
}

export function importAndTokenize(bytes: Uint8Array, name: string, vocab: Vocab): Outcome {
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  try {
    tokenize(importMidi(bytes, name), vocab);
    return { kind: 'ok', ms: ms() };
  } catch (err) {
    if (err instanceof InputError) return { kind: 'refused', message: err.problem, ms: ms() };
    return { kind: 'crashed', message: err instanceof Error ? (err.stack ?? err.message) : messageOf(err), ms: ms() };
  }
}
