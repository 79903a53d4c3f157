import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { endAtBar } from '../../engine/piece/end-at-bar.js';
import { barBeats, barStarts, beatsToSeconds, beatTimesFromTempos, secondsToBeats, tempoAt, tempoMapSeconds } from '../../engine/piece/beat-map.js';
import { barCount, compareNotes, pieceDuration, type MeterEvent, type TempoEvent } from '../../engine/piece/piece.js';
import { gridPiece } from '../fixtures/pieces.js';

const tempos: TempoEvent[] = [
  { beat: 0, bpm: 60 },
  { beat: 2, bpm: 120 },
  { beat: 3.5, bpm: 30 },
];

describe('beat map', () => {
  it('tempoMapSeconds integrates a piecewise-constant tempo', () => {
    expect([0, 1, 2, 3, 3.5, 4, 5].map((b) => tempoMapSeconds(tempos, b))).toEqual([0, 1, 2, 2.5, 2.75, 3.75, 5.75]);
  });

  it('beatTimesFromTempos agrees with tempoMapSeconds', () => {
    expect(beatTimesFromTempos(tempos, 6)).toEqual([0, 1, 2, 2.5, 3.75, 5.75]);
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 1, max: 16 }), bpm: fc.integer({ min: 4, max: 1000 }) }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 80 }),
        (parts, count) => {
          let beat = 0;
          const map = parts.map((p, i) => {
            if (i > 0) beat += p.gap / 4;
            return { beat, bpm: p.bpm };
          });
          const times = beatTimesFromTempos(map, count);
          times.forEach((t, b) => expect(t).toBeCloseTo(tempoMapSeconds(map, b), 6));
          for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });

  it('tempoAt reads the tempo in effect', () => {
    expect([0, 1.99, 2, 3.49, 3.5, 100].map((b) => tempoAt(tempos, b))).toEqual([60, 60, 120, 120, 30, 30]);
  });

  it('secondsToBeats and beatsToSeconds invert each other, extrapolating outside', () => {
    const beats = [1, 2, 2.5, 4];
    expect(secondsToBeats(beats, 1)).toBe(0);
    expect(secondsToBeats(beats, 2.25)).toBe(1.5);
    expect(secondsToBeats(beats, 4)).toBe(3);
    expect(secondsToBeats(beats, 0.5)).toBe(-0.5);
    expect(secondsToBeats(beats, 5.5)).toBe(4);
    for (const b of [-1, 0, 0.3, 1, 1.5, 2.9, 3, 4.2]) expect(secondsToBeats(beats, beatsToSeconds(beats, b))).toBeCloseTo(b, 12);
    expect(() => secondsToBeats([1], 1)).toThrow();
  });

  it('bar lengths and bar starts follow the meter map', () => {
    expect(barBeats({ numerator: 6, denominator: 8 })).toBe(3);
    expect(barBeats({ numerator: 7, denominator: 8 })).toBe(3.5);
    expect(barBeats({ numerator: 5, denominator: 4 })).toBe(5);
    const meters: MeterEvent[] = [
      { beat: 0, numerator: 4, denominator: 4 },
      { beat: 6, numerator: 7, denominator: 8 }, // mid-bar: the 4/4 bar at 4 is cut
      { beat: 13, numerator: 3, denominator: 4 },
    ];
    expect(barStarts(meters, 20)).toEqual([0, 4, 6, 9.5, 13, 16, 19]);
    expect(barStarts(meters, 5)).toEqual([0, 4]);
  });
});

describe('piece helpers', () => {
  it('pieceDuration is the last offset, compareNotes sorts by onset then pitch', () => {
    const p = gridPiece([
      { pitch: 64, at: 0, length: 8 },
      { pitch: 60, at: 0, length: 1 },
      { pitch: 50, at: 1, length: 1 },
    ]);
    expect(pieceDuration(p)).toBe(4);
    expect(pieceDuration({ ...p, notes: [] })).toBe(0);
    expect([...p.notes].sort(compareNotes).map((n) => n.pitch)).toEqual([60, 64, 50]);
  });

  it('barCount counts the bars the music spans, not the downbeat after its end', () => {
    // four bars of 4/4, the last note ending exactly on the fifth downbeat
    const four = gridPiece([{ pitch: 60, at: 0, length: 4 }, { pitch: 62, at: 12, length: 4 }]);
    expect(four.downbeats.length).toBe(5);
    expect(barCount(four)).toBe(4);
    // a note held a beat into bar 5 makes five
    expect(barCount(gridPiece([{ pitch: 60, at: 12, length: 5 }]))).toBe(5);
    // in 3/4, 7 beats span three bars
    expect(barCount(gridPiece([{ pitch: 60, at: 0, length: 7 }], undefined, [{ beat: 0, numerator: 3, denominator: 4 }]))).toBe(3);
    expect(barCount({ ...four, notes: [] })).toBe(0);
  });

  it('endAtBar ends notes held past the end of bar N there, and the piece with them', () => {
    const held = gridPiece([
      { pitch: 60, at: 0, length: 2 },
      { pitch: 64, at: 6, length: 12 }, // bar 2 into bar 5
    ], [{ beat: 0, bpm: 120 }, { beat: 10, bpm: 60 }]);
    expect(barCount(held)).toBe(5);
    const cut = endAtBar(held, 2);
    expect(barCount(cut)).toBe(2);
    expect(cut.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat])).toEqual([[60, 0, 2], [64, 6, 8]]);
    expect(pieceDuration(cut)).toBe(4); // 8 beats at 120 BPM; the later tempo change is gone
    expect(cut.tempos).toEqual([{ beat: 0, bpm: 120 }]);
    // music already within the bars is left as it is
    expect(endAtBar(held, 5)).toBe(held);
  });
});
