// Music as tokens from a file the user names: a MIDI file (tokenized here) or a token
// file (.json, as `muser tokenize` writes, which may carry an emotion token).

import type { Quadrant } from '../tokens/quadrants.js';
import { parseTokenFile, type TokenSequence } from '../tokens/token-file.js';
import { tokenize } from '../tokens/tokenize.js';
import type { Vocab } from '../tokens/vocab.js';
import { readBytes, readPiece } from './read-piece.js';

const MAX_TOKEN_FILE_BYTES = 64 * 1024 * 1024;

export function isTokenFile(path: string): boolean {
  return path.toLowerCase().endsWith('.json');
}

/** A token file, whatever its name. */
export function readTokenFile(path: string, vocab: Vocab): TokenSequence {
  return parseTokenFile(new TextDecoder().decode(readBytes(path, MAX_TOKEN_FILE_BYTES)), path, vocab);
}

/** `emotion` sets the emotion token of a MIDI file (a token file keeps its own). */
export function readTokens(path: string, vocab: Vocab, emotion?: Quadrant): TokenSequence {
  return isTokenFile(path) ? readTokenFile(path, vocab) : tokenize(readPiece(path), vocab, emotion).sequence;
}
