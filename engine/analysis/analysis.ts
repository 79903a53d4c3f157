// What `muser analyze` says about one piece: the emotion estimate, the musical
// descriptors and the paper's note statistics. One implementation, for a single file
// and for every file of a corpus.

import { describe, type Descriptors } from '../descriptors/describe.js';
import { readPiece } from '../io/read-piece.js';
import { readTokens, isTokenFile } from '../io/read-tokens.js';
import type { EmotionEstimate } from '../model/emotion.js';
import type { Engine } from '../model/engine.js';
import { noteStats, type NoteStats } from '../model/note-stats.js';
import { tokenize } from '../tokens/tokenize.js';

export interface Analysis {
  file: string;
  tokens: number;
  emotion: EmotionEstimate;
  /** Null for a token file, which has no performance left to describe. */
  descriptors: Descriptors | null;
  stats: NoteStats;
}

export async function analyzeFile(path: string, engine: Engine): Promise<Analysis> {
  let tokens: number[][];
  let descriptors: Descriptors | null = null;
  if (isTokenFile(path)) tokens = readTokens(path, engine.vocab).tokens;
  else {
    const piece = readPiece(path);
    tokens = tokenize(piece, engine.vocab).sequence.tokens;
    descriptors = describe(piece, engine.vocab);
  }
  return { file: path, tokens: tokens.length, emotion: await engine.estimateEmotion(tokens), descriptors, stats: noteStats(tokens, engine.vocab) };
}
