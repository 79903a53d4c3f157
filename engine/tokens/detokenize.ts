// Compound-word tokens -> Piece: notes at their grid positions, the tempo map from
// tempo tokens, bars from the source's meter map when the tokens carry it. Chord
// tokens describe the music and have nothing to add to the notes.

import { pieceFromBeats } from '../piece/from-beats.js';
import type { MeterEvent, Piece } from '../piece/piece.js';
import type { TokenSequence } from './token-file.js';
import { TokenReader } from './token-reader.js';
import type { Vocab } from './vocab.js';

export function meterMap(seq: Pick<TokenSequence, 'meters'>): MeterEvent[] {
  return seq.meters?.length ? seq.meters : [{ beat: 0, numerator: 4, denominator: 4 }];
}

export function detokenize(seq: TokenSequence, vocab: Vocab): Piece {
  const reader = new TokenReader(vocab, meterMap(seq));
  for (const t of seq.tokens) reader.read(t);
  return pieceFromBeats(reader.notes, reader.tempos(), reader.meters, 'tokens', { name: seq.name ?? 'tokens', format: 'tokens', tracks: [], adjustments: {} });
}
