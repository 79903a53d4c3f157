// What `muser analyze` says about one piece: the emotion judge's estimate with its
// reasons, the musical descriptors and the paper's note statistics. One implementation,
// for a single file and for every file of a corpus.

import { describe, type Descriptors } from '../descriptors/describe.js';
import { readPiece } from '../io/read-piece.js';
import { isTokenFile, readTokens } from '../io/read-tokens.js';
import { judge, type EmotionEstimate, type JudgeModel } from '../judge/judge.js';
import { emotionOverTime, type BarEmotion } from '../judge/over-time.js';
import type { Piece } from '../piece/piece.js';
import { detokenize } from '../tokens/detokenize.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { tokenize } from '../tokens/tokenize.js';
import type { Vocab } from '../tokens/vocab.js';
import { noteStats, type NoteStats } from './note-stats.js';

export interface Analysis {
  file: string;
  tokens: number;
  emotion: EmotionEstimate;
  descriptors: Descriptors;
  stats: NoteStats;
  /** Valence and arousal around each bar, when asked for. */
  perBar?: BarEmotion[];
}

/** The judge's estimate of decoded tokens (a result the models made, or a token file). */
export function estimateTokens(sequence: TokenSequence, vocab: Vocab, model: JudgeModel): EmotionEstimate {
  return judge(model, describe(detokenize(sequence, vocab), vocab));
}

export function analyzeFile(path: string, vocab: Vocab, model: JudgeModel, perBar = false): Analysis {
  let piece: Piece;
  let tokens: number[][];
  if (isTokenFile(path)) {
    const sequence = readTokens(path, vocab);
    tokens = sequence.tokens;
    piece = detokenize(sequence, vocab);
  } else {
    piece = readPiece(path);
    tokens = tokenize(piece, vocab).sequence.tokens;
  }
  const descriptors = describe(piece, vocab);
  const analysis: Analysis = { file: path, tokens: tokens.length, emotion: judge(model, descriptors), descriptors, stats: noteStats(tokens, vocab) };
  if (perBar) analysis.perBar = emotionOverTime(piece, vocab, model);
  return analysis;
}
