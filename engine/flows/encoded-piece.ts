// A piece as the flows take it: its tokens, their encoding, and the name a result is named after.

import type { Encoding } from '../inference/encoding.js';
import { InputError } from '../errors.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';

export interface EncodedPiece {
  sequence: TokenSequence;
  encoding: Encoding;
  /** What a result is named after. */
  name: string;
  /** How an error names it (a file's path); default the name. */
  file?: string;
}

/** Refuses a piece without notes where its notes are what a flow takes. */
export function requireNotes(piece: EncodedPiece, vocab: Vocab, why: string): void {
  const [type, note] = [FIELDS.indexOf('type'), vocab.id('type', 'Note')];
  if (!piece.sequence.tokens.some((t) => t[type] === note)) throw new InputError(piece.file ?? piece.name, `has no notes: ${why}`);
}
