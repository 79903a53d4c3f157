import { describe, expect, it } from 'vitest';
import { chordOfProfile, chordsOfWindows, chordsPerBeat, ROOTS } from '../../engine/tokens/chords.js';
import type { GridNote } from '../../engine/tokens/quantize.js';
import { loadVocab } from '../../engine/tokens/vocab.js';

/** Chord label of notes sounding together for one beat (4 steps). */
const label = (pitches: number[]): string => chordsPerBeat(pitches.map((pitch) => ({ step: 0, pitch, duration: 4, velocity: 80 })), 1, 4)[0];

describe('chord recognition', () => {
  it.each([
    ['C major triad', [60, 64, 67], 'C:maj'],
    ['C major, first inversion', [52, 60, 67], 'C:maj'],
    ['A minor', [57, 60, 64], 'A:min'],
    ['B diminished', [59, 62, 65], 'B:dim'],
    ['C augmented', [60, 64, 68], 'C:aug'],
    ['Csus2', [60, 62, 67], 'C:sus2'],
    ['Csus4', [60, 65, 67], 'C:sus4'],
    ['G7 (G B D F)', [55, 59, 62, 65], 'G:7'],
    ['CM7', [48, 52, 55, 59], 'C:M7'],
    ['Am7 with A in the bass', [45, 60, 64, 67], 'A:m7'],
    ['the Am7 notes with C in the bass: C6', [48, 57, 64, 67], 'C:maj'],
    ['B half-diminished (B D F A)', [47, 62, 65, 69], 'B:hdim7'],
    ['B fully diminished (B D F Ab)', [47, 62, 65, 68], 'B:o7'],
    ['F# major', [54, 58, 61], 'F#:maj'],
    ['Eb minor', [51, 54, 58], 'D#:min'],
    ['a single note', [60], 'N'],
    ['a doubled single note', [48, 60, 72], 'N'],
    ['noise: all 12 pitch classes', [60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71], 'N'],
  ])('%s -> %s', (_, pitches, expected) => {
    expect(label(pitches as number[])).toBe(expected);
  });

  it('no notes -> N', () => {
    expect(chordsPerBeat([], 2, 4)).toEqual(['N', 'N']);
    expect(chordOfProfile(new Array(12).fill(0), -1)).toBe('N');
  });

  it('every root and quality is recognized when transposed', () => {
    const shapes: [number[], string][] = [
      [[0, 4, 7], 'maj'],
      [[0, 3, 7], 'min'],
      [[0, 3, 6], 'dim'],
      [[0, 2, 7], 'sus2'],
      [[0, 5, 7], 'sus4'],
      [[0, 4, 7, 10], '7'],
      [[0, 4, 7, 11], 'M7'],
      [[0, 3, 7, 10], 'm7'],
      [[0, 3, 6, 10], 'hdim7'],
    ];
    for (let r = 0; r < 12; r++) {
      for (const [shape, q] of shapes) expect(label(shape.map((i) => 48 + r + i)), `${ROOTS[r]} ${q}`).toBe(`${ROOTS[r]}:${q}`);
    }
  });

  it('every label it can give is in the vocabulary', () => {
    const vocab = loadVocab();
    const seen = new Set<string>();
    for (let mask = 0; mask < 4096; mask++) {
      const profile = Array.from({ length: 12 }, (_, i) => ((mask >> i) & 1 ? 1 + (i % 3) : 0));
      for (const bass of [-1, 0, 5]) seen.add(chordOfProfile(profile, bass));
    }
    for (const l of seen) expect(() => vocab.id('chord', l)).not.toThrow();
  });

  it('weighs notes by how long they sound within each beat', () => {
    const notes: GridNote[] = [
      // beat 0: C E G; beat 1: A C E (C and E held over)
      { step: 0, pitch: 48, duration: 8, velocity: 80 },
      { step: 0, pitch: 52, duration: 8, velocity: 80 },
      { step: 0, pitch: 55, duration: 4, velocity: 80 },
      { step: 4, pitch: 45, duration: 4, velocity: 80 },
      // beat 2: empty; beat 3: a grace note of D against a long G7
      { step: 12, pitch: 43, duration: 4, velocity: 80 },
      { step: 12, pitch: 59, duration: 4, velocity: 80 },
      { step: 12, pitch: 62, duration: 4, velocity: 80 },
      { step: 12, pitch: 65, duration: 4, velocity: 80 },
      { step: 15, pitch: 61, duration: 1, velocity: 80 },
    ];
    expect(chordsPerBeat(notes, 4, 4)).toEqual(['C:maj', 'A:min', 'N', 'G:7']);
  });

  it('a beat whose notes lean elsewhere keeps its neighbours\' chord', () => {
    // C major for four beats; on beat 2 the melody's D passes where E was: alone, C sus2
    const beat = (b: number, pitches: number[]): GridNote[] => pitches.map((pitch) => ({ step: 4 * b, pitch, duration: 4, velocity: 80 }));
    const notes = [...beat(0, [48, 64, 67]), ...beat(1, [48, 64, 67]), ...beat(2, [48, 62, 67]), ...beat(3, [48, 64, 67])];
    expect(label([48, 62, 67])).toBe('C:sus2');
    expect(chordsPerBeat(notes, 4, 4)).toEqual(['C:maj', 'C:maj', 'C:maj', 'C:maj']);
  });

  it('low notes weigh more than high ones', () => {
    // E G B high over a low C: C major seventh, not E minor
    expect(label([36, 76, 79, 83])).toBe('C:M7');
    // the same notes an octave apart the other way: E minor over a high C (C on top adds nothing)
    expect(label([52, 55, 59, 84])).toBe('E:min');
  });

  it('notes held over from the previous beat count less than notes struck in it', () => {
    const notes: GridNote[] = [
      // C E G held through both beats, A minor struck on beat 1 over it
      { step: 0, pitch: 60, duration: 8, velocity: 80 },
      { step: 0, pitch: 64, duration: 8, velocity: 80 },
      { step: 0, pitch: 67, duration: 8, velocity: 80 },
      { step: 4, pitch: 57, duration: 4, velocity: 80 },
      { step: 4, pitch: 69, duration: 4, velocity: 80 },
      { step: 4, pitch: 72, duration: 4, velocity: 80 },
      { step: 4, pitch: 76, duration: 4, velocity: 80 },
    ];
    expect(chordsPerBeat(notes, 2, 4)).toEqual(['C:maj', 'A:min']);
  });

  it('windows in seconds label like beats', () => {
    const notes = [
      { start: 0, end: 0.5, pitch: 48 },
      { start: 0, end: 0.5, pitch: 52 },
      { start: 0, end: 0.5, pitch: 55 },
      { start: 0.5, end: 1.2, pitch: 43 },
      { start: 0.5, end: 1.2, pitch: 59 },
      { start: 0.5, end: 1.2, pitch: 62 },
    ];
    expect(chordsOfWindows(notes, [0, 0.5, 1.2])).toEqual(['C:maj', 'G:maj']);
    expect(chordsOfWindows(notes, [0])).toEqual([]);
  });

  it('a run of one triad is one chord: its seventh is decided over the run', () => {
    const notes: GridNote[] = [
      // G B D for two beats, the F only on the second
      { step: 0, pitch: 43, duration: 8, velocity: 80 },
      { step: 0, pitch: 59, duration: 4, velocity: 80 },
      { step: 0, pitch: 62, duration: 4, velocity: 80 },
      { step: 4, pitch: 59, duration: 4, velocity: 80 },
      { step: 4, pitch: 62, duration: 4, velocity: 80 },
      { step: 4, pitch: 65, duration: 4, velocity: 80 },
    ];
    expect(chordsPerBeat(notes, 2, 4)).toEqual(['G:7', 'G:7']);
  });
});
