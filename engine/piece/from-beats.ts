// A Piece from notes placed in beats on a tempo map: seconds, beat grid and downbeats
// all follow from the beats (what the detokenizer, the bench and tests build).

import { barStarts, beatTimesFromTempos, tempoMapSeconds } from './beat-map.js';
import { compareNotes, type MeterEvent, type Note, type Piece, type SourceInfo, type TempoEvent, type Timing } from './piece.js';

export interface BeatNote {
  pitch: number;
  velocity: number;
  onsetBeat: number;
  offsetBeat: number;
}

export function pieceFromBeats(
  notes: readonly BeatNote[],
  tempos: TempoEvent[],
  meters: MeterEvent[],
  timing: Timing,
  source: SourceInfo,
): Piece {
  const lastBeat = notes.reduce((m, n) => Math.max(m, n.offsetBeat), 0);
  const beats = beatTimesFromTempos(tempos, Math.ceil(lastBeat) + 2);
  const timed: Note[] = notes.map((n) => ({ ...n, onset: tempoMapSeconds(tempos, n.onsetBeat), offset: tempoMapSeconds(tempos, n.offsetBeat) }));
  return {
    notes: timed.sort(compareNotes),
    beats,
    downbeats: barStarts(meters, beats.length - 1).map((b) => tempoMapSeconds(tempos, b)),
    tempos,
    meters,
    timing,
    source,
  };
}
