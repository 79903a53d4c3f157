// Compound-word tokens -> Piece: notes at their grid positions, the tempo map from
// tempo tokens, bars from the source's meter map when the tokens carry it. Chord
// tokens describe the music and have nothing to add to the notes.

import { pieceFromBeats } from '../piece/from-beats.js';
import type { MeterEvent, Piece, TempoEvent } from '../piece/piece.js';
import { tokenBars } from './bars.js';
import type { TokenSequence } from './token-file.js';
import { FIELDS, PAD, type Vocab } from './vocab.js';

const DEFAULT_BPM = 120;

/**
 * A tempo change from `beat` on. Changes never go back in time: a position earlier than
 * the last change (generated tokens may step back within a bar) or at the same beat
 * replaces that change, so the map stays strictly increasing for beatTimesFromTempos
 * and tempoMapSeconds.
 */
function setTempo(tempos: TempoEvent[], beat: number, bpm: number): void {
  let at = beat;
  const last = tempos[tempos.length - 1];
  if (last && at <= last.beat) {
    at = last.beat;
    tempos.pop();
  }
  if (tempos[tempos.length - 1]?.bpm !== bpm) tempos.push({ beat: at, bpm });
}

export function detokenize(seq: TokenSequence, vocab: Vocab): Piece {
  const [T, BB, TY, P, D, V] = (['tempo', 'bar-beat', 'type', 'pitch', 'duration', 'velocity'] as const).map((f) => FIELDS.indexOf(f));
  const spb = vocab.stepsPerBeat;
  const meters: MeterEvent[] = seq.meters?.length ? seq.meters : [{ beat: 0, numerator: 4, denominator: 4 }];
  const bars = tokenBars(meters, spb, vocab.maxBarSteps);
  const type = (t: number[]) => vocab.values.type[t[TY]];

  const tempos: TempoEvent[] = [];
  const grid: { step: number; pitch: number; duration: number; velocity: number }[] = [];
  let barStart = 0;
  let step = 0;
  for (const t of seq.tokens) {
    const kind = type(t);
    if (kind === 'EOS') break;
    if (kind !== 'Metrical' && kind !== 'Note') continue;
    if (kind === 'Metrical') {
      const bb = vocab.values['bar-beat'][t[BB]];
      if (bb === 'Bar') {
        barStart = bars.next().value!.start;
        step = barStart;
      } else if (bb.startsWith('Beat_')) {
        step = barStart + Number(bb.slice(5));
      }
      const bpm = vocab.numbers.tempo[t[T]];
      if (!Number.isNaN(bpm)) setTempo(tempos, step / spb, bpm);
      continue;
    }
    if (t[P] === PAD || t[D] === PAD || t[V] === PAD) continue;
    grid.push({ step, pitch: vocab.numbers.pitch[t[P]], duration: vocab.numbers.duration[t[D]], velocity: vocab.numbers.velocity[t[V]] });
  }
  if (tempos.length === 0) tempos.push({ beat: 0, bpm: DEFAULT_BPM });
  tempos[0] = { beat: 0, bpm: tempos[0].bpm };
  const notes = grid.map((n) => ({ pitch: n.pitch, velocity: n.velocity, onsetBeat: n.step / spb, offsetBeat: (n.step + n.duration) / spb }));
  return pieceFromBeats(notes, tempos, meters, 'tokens', { name: seq.name ?? 'tokens', format: 'tokens', tracks: [], adjustments: {} });
}
