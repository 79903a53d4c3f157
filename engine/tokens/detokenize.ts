// Compound-word tokens -> Piece: notes at their grid positions, the tempo map from
// tempo tokens, bars from the source's meter map when the tokens carry it. Chord
// tokens describe the music and have nothing to add to the notes. A pitch is one key
// (piece/one-per-pitch.ts): decoded tokens that strike it twice at once play one note,
// and one struck again while it sounds ends the note before, as an imported file's do.

import { pieceFromBeats } from '../piece/from-beats.js';
import { onePerPitch } from '../piece/one-per-pitch.js';
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
  const { notes, merged, truncated } = onePerPitch(reader.notes.map((n) => ({ ...n, start: n.onsetBeat, end: n.offsetBeat })));
  const played = notes.map(({ pitch, velocity, start, end }) => ({ pitch, velocity, onsetBeat: start, offsetBeat: end }));
  // named as import names them, so `muser inspect` and the app say it the same way
  const adjustments = { mergedDuplicates: merged, truncatedByRestrike: truncated };
  return pieceFromBeats(played, reader.tempos(), reader.meters, 'tokens', { name: seq.name ?? 'tokens', format: 'tokens', tracks: [], adjustments });
}
