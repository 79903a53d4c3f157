import { describe, expect, it } from 'vitest';
import { keepToScale, keyLabel, parseKey, scaleOf } from '../../engine/harmony/scale.js';

const pcs = (scale: boolean[]) => scale.flatMap((inside, pc) => (inside ? [pc] : []));

describe('key scales', () => {
  it('C major is the white keys; A minor is harmonic, with both sevenths', () => {
    expect(pcs(scaleOf({ tonic: 0, mode: 'major' }))).toEqual([0, 2, 4, 5, 7, 9, 11]);
    expect(pcs(scaleOf({ tonic: 9, mode: 'minor' }))).toEqual([0, 2, 4, 5, 7, 8, 9, 11]);
  });

  it('names and reads keys, any case and either accidental', () => {
    expect(keyLabel({ tonic: 2, mode: 'minor' })).toBe('D minor');
    expect(parseKey('D minor')).toEqual({ tonic: 2, mode: 'minor' });
    expect(parseKey('c# major')).toEqual({ tonic: 1, mode: 'major' });
    expect(parseKey('Db major')).toEqual({ tonic: 1, mode: 'major' });
    expect(parseKey('Cb major')).toEqual({ tonic: 11, mode: 'major' });
    for (const bad of ['H major', 'D', 'D dorian', 'D minor minor', '']) expect(parseKey(bad)).toBeNull();
  });

  it('a pitch outside the key moves a semitone, toward the likelier neighbour; one inside stays', () => {
    const pitchClass = [-1, ...Array.from({ length: 24 }, (_, i) => (60 + i) % 12)]; // index 0 <pad>, then 60..83
    const cMajor = scaleOf({ tonic: 0, mode: 'major' });
    const index = (pitch: number) => pitch - 59;
    const logits = (likelier: number) => (i: number) => (i === index(likelier) ? 1 : 0);
    expect(keepToScale(index(64), pitchClass, cMajor, logits(0))).toBe(index(64));
    expect(keepToScale(index(63), pitchClass, cMajor, logits(62))).toBe(index(62));
    expect(keepToScale(index(63), pitchClass, cMajor, logits(64))).toBe(index(64));
    // at the edge of the range only the neighbour there is
    expect(keepToScale(index(61), [-1, ...[61, 62].map((p) => p % 12)], cMajor, logits(60))).toBe(2);
  });
});
