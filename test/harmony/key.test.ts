import { describe, expect, it } from 'vitest';
import { estimateKey, keyOfHistogram, pitchClassDurations, type SoundingPitch } from '../../engine/harmony/key.js';

/** Pitches one after another, a beat (0.5 s) each. */
const line = (pitches: number[]): SoundingPitch[] => pitches.map((pitch, i) => ({ pitch, onset: i * 0.5, offset: i * 0.5 + 0.5 }));
/** Chords one after another, two beats each. */
const chords = (chordPitches: number[][]): SoundingPitch[] =>
  chordPitches.flatMap((pitches, i) => pitches.map((pitch) => ({ pitch, onset: i, offset: i + 1 })));

describe('key estimate', () => {
  it('a C major scale and cadence is C major', () => {
    const notes = [...line([60, 62, 64, 65, 67, 69, 71, 72]), ...chords([[48, 64, 67], [53, 65, 69], [43, 62, 71], [48, 64, 72]]).map((n) => ({ ...n, onset: n.onset + 4, offset: n.offset + 4 }))];
    const key = estimateKey(notes);
    expect(key).toMatchObject({ tonic: 'C', mode: 'major', label: 'C major' });
    expect(key.confidence).toBeGreaterThan(0.05);
  });

  it('A harmonic minor, with an A minor cadence, is A minor', () => {
    const notes = [...line([57, 59, 60, 62, 64, 65, 68, 69]), ...chords([[45, 60, 64], [50, 62, 65], [40, 59, 68], [45, 60, 69]]).map((n) => ({ ...n, onset: n.onset + 4, offset: n.offset + 4 }))];
    expect(estimateKey(notes)).toMatchObject({ tonic: 'A', mode: 'minor', label: 'A minor' });
  });

  it('every transposition of a major cadence finds its own tonic', () => {
    const cadence = chords([[48, 64, 67], [53, 65, 69], [43, 62, 71], [48, 64, 72]]);
    const names = new Set<string>();
    for (let t = 0; t < 12; t++) {
      const key = estimateKey(cadence.map((n) => ({ ...n, pitch: n.pitch + t })));
      expect(key.mode).toBe('major');
      names.add(key.tonic);
    }
    expect(names.size).toBe(12);
  });

  it('a chromatic cluster gives low confidence, no notes none, and nothing is NaN', () => {
    const cluster = estimateKey(chords([[60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71]]));
    expect(cluster.confidence).toBe(0);
    const empty = estimateKey([]);
    expect(empty.confidence).toBe(0);
    expect(Number.isNaN(empty.confidence)).toBe(false);
    const nearlyChromatic = estimateKey([...chords([[60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71]]), { pitch: 60, onset: 1, offset: 1.05 }]);
    expect(nearlyChromatic.confidence).toBeLessThan(0.05);
  });

  it('one note does not crash and gives a finite confidence', () => {
    const key = estimateKey([{ pitch: 67, onset: 0, offset: 1 }]);
    expect(Number.isFinite(key.confidence)).toBe(true);
    expect(key.label).toMatch(/^[A-G][#b]? (major|minor)$/);
  });

  it('weighs pitch classes by how long they sound', () => {
    expect(pitchClassDurations([{ pitch: 61, onset: 0, offset: 2 }, { pitch: 49, onset: 1, offset: 1.5 }, { pitch: 60, onset: 3, offset: 2 }])).toEqual([0, 2.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(keyOfHistogram(new Array(12).fill(1)).confidence).toBe(0);
  });
});
