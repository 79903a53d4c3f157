// Reads compound-word tokens one at a time: where each note falls on the grid and the
// tempo changes met so far. The detokenizer reads a whole sequence with it; the live
// note stream reads tokens as the model writes them, without going back over the prefix.

import type { BeatNote } from '../piece/from-beats.js';
import type { MeterEvent, TempoEvent } from '../piece/piece.js';
import { tokenBars } from './bars.js';
import { FIELDS, PAD, type Vocab } from './vocab.js';

const [T, BB, TY, P, D, V] = (['tempo', 'bar-beat', 'type', 'pitch', 'duration', 'velocity'] as const).map((f) => FIELDS.indexOf(f));
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

export class TokenReader {
  /** Notes in the order their tokens came, in beats. */
  readonly notes: BeatNote[] = [];
  private readonly changes: TempoEvent[] = [];
  private readonly bars: Generator<{ start: number }>;
  private barStart = 0;
  private step = 0;
  /** An EOS token was read: what follows is not music. */
  ended = false;

  constructor(
    private readonly vocab: Vocab,
    readonly meters: MeterEvent[],
  ) {
    this.bars = tokenBars(meters, vocab.stepsPerBeat, vocab.maxBarSteps);
  }

  read(t: readonly number[]): void {
    const kind = this.vocab.values.type[t[TY]];
    if (this.ended || (kind !== 'Metrical' && kind !== 'Note' && kind !== 'EOS')) return;
    if (kind === 'EOS') {
      this.ended = true;
      return;
    }
    const spb = this.vocab.stepsPerBeat;
    if (kind === 'Metrical') {
      const bb = this.vocab.values['bar-beat'][t[BB]];
      if (bb === 'Bar') {
        this.barStart = this.bars.next().value!.start;
        this.step = this.barStart;
      } else if (bb.startsWith('Beat_')) {
        this.step = this.barStart + Number(bb.slice(5));
      }
      const bpm = this.vocab.numbers.tempo[t[T]];
      if (!Number.isNaN(bpm)) setTempo(this.changes, this.step / spb, bpm);
      return;
    }
    if (t[P] === PAD || t[D] === PAD || t[V] === PAD) return;
    const v = this.vocab.numbers;
    this.notes.push({ pitch: v.pitch[t[P]], velocity: v.velocity[t[V]], onsetBeat: this.step / spb, offsetBeat: (this.step + v.duration[t[D]]) / spb });
  }

  /** The tempo map so far: the first tempo holds from beat 0 (120 BPM before any is read). */
  tempos(): TempoEvent[] {
    if (this.changes.length === 0) return [{ beat: 0, bpm: DEFAULT_BPM }];
    return [{ beat: 0, bpm: this.changes[0].bpm }, ...this.changes.slice(1)];
  }
}
