// Writing generated tokens: a token file when the name ends in .json, else MIDI.

import { isTokenFile } from '../io/read-tokens.js';
import { exportMidi } from '../midi/export.js';
import { endAtBar } from '../piece/end-at-bar.js';
import type { MeterEvent } from '../piece/piece.js';
import { detokenize } from '../tokens/detokenize.js';
import { formatTokenFile, type TokenSequence } from '../tokens/token-file.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';
import { writeOutput } from './output.js';

/** Write tokens to `out` (MIDI cut at the end of bar `meta.bars` when given); returns the number of notes written. */
export function writeMusic(out: string, tokens: number[][], vocab: Vocab, inputs: string[], meta: { name: string; meters?: MeterEvent[]; bars?: number }): number {
  const seq: TokenSequence = { vocab: vocab.version, fields: [...FIELDS], tokens, name: meta.name, meters: meta.meters };
  const decoded = detokenize(seq, vocab);
  const piece = meta.bars === undefined ? decoded : endAtBar(decoded, meta.bars);
  writeOutput(out, isTokenFile(out) ? formatTokenFile(seq) : exportMidi(piece), inputs);
  return piece.notes.length;
}
