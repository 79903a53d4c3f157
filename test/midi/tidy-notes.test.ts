import { describe, expect, it } from 'vitest';
import { importMidi } from '../../engine/midi/import.js';
import { foldPitch, tidyNotes } from '../../engine/midi/tidy-notes.js';
import { noteEvents, simpleSmf, smf, tonejsMidi, type SimpleNote } from '../fixtures/make-midi.js';

const Q = 480;

describe('overlaps, duplicates and range (via importMidi)', () => {
  it('cuts an overlapping same-pitch note at the next onset', () => {
    // on 0, on 1, off 2, off 3 (pairs first-on/first-off)
    const bytes = smf([
      [
        { tick: 0, kind: 'on', pitch: 60, velocity: 90 },
        { tick: Q, kind: 'on', pitch: 60, velocity: 70 },
        { tick: 2 * Q, kind: 'off', pitch: 60 },
        { tick: 3 * Q, kind: 'off', pitch: 60 },
      ],
    ]);
    const piece = importMidi(bytes, 'overlap.mid');
    expect(piece.notes.map((n) => [n.onsetBeat, n.offsetBeat, n.velocity])).toEqual([
      [0, 1, 90],
      [1, 3, 70],
    ]);
    expect(piece.source.adjustments.truncatedByRestrike).toBe(1);
  });

  it('merges exact duplicates (two tracks doubling a note) and counts them', () => {
    const doubled: SimpleNote[] = [
      { pitch: 60, start: 0, duration: Q, velocity: 50 },
      { pitch: 64, start: Q, duration: Q, velocity: 60 },
    ];
    const bytes = tonejsMidi([
      { channel: 0, notes: doubled },
      { channel: 1, notes: doubled.map((d) => ({ ...d, velocity: 100 })) },
      { channel: 2, notes: [{ pitch: 60, start: 0, duration: 2 * Q, velocity: 20 }] },
    ]);
    const piece = importMidi(bytes, 'dupes.mid');
    // one note per pitch and onset: the longest, at the loudest velocity
    expect(piece.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat, n.velocity])).toEqual([
      [60, 0, 2, 100],
      [64, 1, 2, 100],
    ]);
    expect(piece.source.adjustments.mergedDuplicates).toBe(3);
  });

  it('folds notes outside 21..108 by octaves, keeping the pitch class, and counts them', () => {
    const notes: SimpleNote[] = [
      { pitch: 0, start: 0, duration: Q }, // -> 24
      { pitch: 20, start: Q, duration: Q }, // -> 32
      { pitch: 21, start: 2 * Q, duration: Q },
      { pitch: 108, start: 3 * Q, duration: Q },
      { pitch: 109, start: 4 * Q, duration: Q }, // -> 97
      { pitch: 127, start: 5 * Q, duration: Q }, // -> 103
    ];
    const piece = importMidi(simpleSmf(notes), 'range.mid');
    expect(piece.notes.map((n) => n.pitch)).toEqual([24, 32, 21, 108, 97, 103]);
    expect(piece.source.adjustments.foldedIntoRange).toBe(4);
    for (const n of piece.notes) expect(n.pitch % 12).toBe(notes[n.onsetBeat].pitch % 12);
  });

  it('a folded note landing on an existing note is merged as a duplicate', () => {
    const piece = importMidi(simpleSmf([{ pitch: 12, start: 0, duration: Q }, { pitch: 24, start: 0, duration: Q }]), 'fold-dupe.mid');
    expect(piece.notes.map((n) => n.pitch)).toEqual([24]);
    expect(piece.source.adjustments).toMatchObject({ foldedIntoRange: 1, mergedDuplicates: 1 });
  });

  it('gives a zero-length note a length', () => {
    const bytes = smf([noteEvents([{ pitch: 60, start: 0, duration: 0 }, { pitch: 62, start: Q, duration: Q }])]);
    const piece = importMidi(bytes, 'zero.mid');
    expect(piece.notes).toHaveLength(2);
    expect(piece.notes[0].offsetBeat).toBeGreaterThan(piece.notes[0].onsetBeat);
    expect(piece.notes[0].offset).toBeGreaterThan(piece.notes[0].onset);
  });
});

describe('tidyNotes (unit)', () => {
  it('folds by octaves', () => {
    expect([0, 9, 20, 21, 60, 108, 109, 120, 127].map(foldPitch)).toEqual([24, 21, 32, 21, 60, 108, 97, 108, 103]);
  });

  it('never leaves two sounding notes of one pitch, nor a zero-length note', () => {
    const input = [
      { pitch: 60, velocity: 10, start: 0, end: 100, channel: 0 },
      { pitch: 60, velocity: 20, start: 50, end: 60, channel: 0 },
      { pitch: 60, velocity: 30, start: 50, end: 200, channel: 1 },
      { pitch: 60, velocity: 40, start: 70, end: 70, channel: 0 },
    ];
    const { notes, counts } = tidyNotes(input, 1);
    expect(notes.map((n) => [n.start, n.end, n.velocity])).toEqual([
      [0, 50, 10],
      [50, 70, 30],
      [70, 71, 40],
    ]);
    expect(counts).toEqual({ foldedIntoRange: 0, truncatedByRestrike: 2, mergedDuplicates: 1 });
    expect(input[0].end).toBe(100); // the input is not modified
  });
});
