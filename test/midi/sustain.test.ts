import { describe, expect, it } from 'vitest';
import { importMidi } from '../../engine/midi/import.js';
import { applySustain, type TickNote } from '../../engine/midi/sustain.js';
import { noteEvents, smf, tonejsMidi, type Ev, type SimpleNote } from '../fixtures/make-midi.js';

const Q = 480;
const pedal = (tick: number, value: number, channel = 0): Ev => ({ tick, kind: 'cc', controller: 64, value, channel });
const file = (notes: SimpleNote[], extra: Ev[]) => smf([[{ tick: 0, kind: 'tempo', bpm: 120 }, ...extra, ...noteEvents(notes)]], { division: Q });
const spans = (bytes: Uint8Array) => importMidi(bytes, 'pedal.mid').notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat]);

describe('sustain pedal (via importMidi)', () => {
  it('lengthens a note released under a held pedal to the pedal release', () => {
    const notes = [
      { pitch: 60, start: 0, duration: Q / 2 },
      { pitch: 64, start: Q, duration: Q / 2 },
      { pitch: 67, start: 5 * Q, duration: Q / 2 }, // after the release: untouched
    ];
    const bytes = file(notes, [pedal(Q / 4, 127), pedal(4 * Q, 0)]);
    expect(spans(bytes)).toEqual([
      [60, 0, 4],
      [64, 1, 4],
      [67, 5, 5.5],
    ]);
    expect(importMidi(bytes, 'p.mid').source.adjustments.sustainedByPedal).toBe(2);
  });

  it('leaves a note released before the pedal goes down alone', () => {
    const bytes = file([{ pitch: 60, start: 0, duration: Q }], [pedal(2 * Q, 127), pedal(3 * Q, 0)]);
    expect(spans(bytes)).toEqual([[60, 0, 1]]);
  });

  it('a note that outlasts the pedal keeps its own release', () => {
    const bytes = file([{ pitch: 60, start: 0, duration: 4 * Q }], [pedal(0, 127), pedal(Q, 0)]);
    expect(spans(bytes)).toEqual([[60, 0, 4]]);
  });

  it('a re-struck pitch under the pedal cuts the earlier note', () => {
    const notes = [
      { pitch: 60, start: 0, duration: Q / 2 },
      { pitch: 60, start: 2 * Q, duration: Q / 2 },
      { pitch: 64, start: 0, duration: Q / 2 },
    ];
    const bytes = file(notes, [pedal(0, 127), pedal(4 * Q, 0)]);
    expect(spans(bytes)).toEqual([
      [60, 0, 2],
      [64, 0, 4],
      [60, 2, 4],
    ]);
    expect(importMidi(bytes, 'p.mid').source.adjustments.truncatedByRestrike).toBe(1);
  });

  it('a pedal never released holds to the end of the last note', () => {
    const notes = [
      { pitch: 60, start: 0, duration: Q / 2 },
      { pitch: 64, start: Q, duration: Q / 2 },
      { pitch: 67, start: 6 * Q, duration: Q },
    ];
    const bytes = file(notes, [pedal(0, 127)]);
    expect(spans(bytes)).toEqual([
      [60, 0, 7],
      [64, 1, 7],
      [67, 6, 7],
    ]);
  });

  it('a pedal acts on its own channel only', () => {
    const notes = [
      { pitch: 60, start: 0, duration: Q / 2, channel: 0 },
      { pitch: 64, start: 0, duration: Q / 2, channel: 1 },
    ];
    const bytes = file(notes, [pedal(0, 127, 1), pedal(3 * Q, 0, 1)]);
    expect(spans(bytes)).toEqual([
      [60, 0, 0.5],
      [64, 0, 3],
    ]);
  });

  it('pedal values: >= 64 is down, repeated downs keep the first, half values below 64 release', () => {
    const notes = [{ pitch: 60, start: 0, duration: Q / 4 }];
    expect(spans(file(notes, [pedal(0, 64), pedal(Q, 100), pedal(2 * Q, 63)]))).toEqual([[60, 0, 2]]);
    expect(spans(file(notes, [pedal(0, 63), pedal(2 * Q, 0)]))).toEqual([[60, 0, 0.25]]);
  });

  it('works with pedal events written by @tonejs/midi on a separate channel track', () => {
    const bytes = tonejsMidi([
      { channel: 0, notes: [{ pitch: 60, start: 0, duration: Q / 2 }] },
      { channel: 1, notes: [{ pitch: 72, start: 0, duration: Q / 2 }], pedal: [{ tick: 0, value: 127 }, { tick: 2 * Q, value: 0 }] },
    ]);
    expect(spans(bytes)).toEqual([
      [60, 0, 0.5],
      [72, 0, 2],
    ]);
  });
});

describe('applySustain (unit)', () => {
  const n = (pitch: number, start: number, end: number, channel = 0): TickNote => ({ pitch, velocity: 80, start, end, channel });

  it('extends only notes whose release falls inside a pedal span, per channel', () => {
    const notes = [n(60, 0, 10), n(62, 0, 30), n(64, 0, 55), n(65, 0, 10, 1), n(67, 0, 100)];
    const count = applySustain(notes, [
      { ticks: 5, channel: 0, value: 127 },
      { ticks: 20, channel: 0, value: 0 },
      { ticks: 50, channel: 0, value: 127 },
      { ticks: 60, channel: 0, value: 0 },
    ]);
    expect(notes.map((x) => x.end)).toEqual([20, 30, 60, 10, 100]);
    expect(count).toBe(2);
  });

  it('sorts pedal events by time', () => {
    const notes = [n(60, 0, 10)];
    applySustain(notes, [
      { ticks: 40, channel: 0, value: 0 },
      { ticks: 5, channel: 0, value: 127 },
    ]);
    expect(notes[0].end).toBe(40);
  });
});
