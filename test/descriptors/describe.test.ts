import { describe as group, expect, it } from 'vitest';
import { describe } from '../../engine/descriptors/describe.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';

const vocab = loadVocab();

/** I-IV-V-I in C major, a chord a bar, with a melody in quarter notes. */
function cadence(): BeatNote[] {
  const notes: BeatNote[] = [];
  [[48, 52, 55], [53, 57, 60], [55, 59, 62], [48, 52, 55]].forEach((chord, bar) => {
    for (const pitch of chord) notes.push({ pitch, at: bar * 4, length: 4, velocity: 60 });
    [72, 74, 76, 77].forEach((pitch, k) => notes.push({ pitch, at: bar * 4 + k, length: 1, velocity: 90 }));
  });
  return notes;
}

group('musical descriptors of a piece', () => {
  it('doubling the tempo doubles the density and the tempo, and changes nothing else', () => {
    const slow = describe(gridPiece(cadence(), [{ beat: 0, bpm: 60 }]), vocab);
    const fast = describe(gridPiece(cadence(), [{ beat: 0, bpm: 120 }]), vocab);
    expect(fast.density).toBeCloseTo(2 * slow.density, 9);
    expect(fast.tempo).toBeCloseTo(120, 6);
    expect(slow.tempo).toBeCloseTo(60, 6);
    expect(fast.onsetRate).toBeCloseTo(2 * slow.onsetRate, 9);
    expect(fast.seconds).toBeCloseTo(slow.seconds / 2, 9);
    // what is measured in seconds moves; what is measured in the music does not
    const timeless = (d: typeof fast) => ({ ...d, density: 0, tempo: 0, seconds: 0, onsetRate: 0, shortNotes: 0 });
    expect(timeless(fast)).toEqual(timeless(slow));
  });

  it('a major cadence is heard as major chords, held notes as legato', () => {
    const d = describe(gridPiece(cadence()), vocab);
    expect(d.chords.major).toBeGreaterThan(0.7);
    expect(d.chords.minor).toBe(0);
    expect(d.articulation).toBeCloseTo(1, 6);
    expect(d.notes).toBe(28);
    expect([d.pitchLow, d.pitchHigh, d.pitchRange]).toEqual([48, 77, 29]);
  });

  it('short notes are staccato, and velocities give mean and spread', () => {
    const stabs = Array.from({ length: 8 }, (_, i) => ({ pitch: 60, at: i, length: 0.25, velocity: i % 2 ? 100 : 40 }));
    const d = describe(gridPiece(stabs), vocab);
    expect(d.articulation).toBeCloseTo(0.25, 6);
    expect(d.velocityMean).toBeCloseTo(70, 6);
    expect(d.velocitySpread).toBeCloseTo(30, 6);
  });

  it('a C major cadence is in C major; A harmonic minor is in A minor', () => {
    const major = describe(gridPiece(cadence()), vocab).key;
    expect(major.label).toBe('C major');
    expect(major.modeMargin).toBeGreaterThan(0);
    const scale = [57, 59, 60, 62, 64, 65, 68, 69, 68, 65, 64, 62, 60, 59, 57].map((pitch, i) => ({ pitch, at: i, length: 1 }));
    const minor = describe(gridPiece([...scale, ...[45, 52, 57, 60, 64].map((pitch) => ({ pitch, at: 15, length: 4 }))]), vocab).key;
    expect(minor.label).toBe('A minor');
    expect(minor.modeMargin).toBeLessThan(0);
  });

  it('minor triads count as minor', () => {
    const am = [57, 60, 64].map((pitch) => ({ pitch, at: 0, length: 8 }));
    expect(describe(gridPiece(am), vocab).chords.minor).toBeGreaterThan(0.9);
  });

  it('one note, or none, gives finite numbers', () => {
    for (const notes of [[{ pitch: 60, at: 0, length: 1 }], []]) {
      const d = describe(gridPiece(notes), vocab);
      for (const v of [d.density, d.velocityMean, d.velocitySpread, d.pitchMean, d.tempo, d.articulation, ...Object.values(d.chords), d.key.confidence, d.key.clarity, d.key.modeMargin]) expect(Number.isFinite(v)).toBe(true);
    }
  });
});
