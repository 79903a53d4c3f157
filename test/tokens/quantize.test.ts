import { describe, expect, it } from 'vitest';
import { nearestId, loadVocab } from '../../engine/tokens/vocab.js';
import { quantize, tempoAtStep } from '../../engine/tokens/quantize.js';
import { gridPiece } from '../fixtures/pieces.js';

const vocab = loadVocab();

describe('quantize', () => {
  it('puts each onset on step round(onsetBeat * 4)', () => {
    const ats = [0, 0.1, 0.124, 0.126, 0.37, 0.625, 1.49, 2.875, 3.99];
    const piece = gridPiece(ats.map((at, i) => ({ pitch: 40 + 5 * i, at, length: 0.25 })));
    const { notes } = quantize(piece, vocab);
    expect(notes.map((n) => [n.pitch, n.step])).toEqual(ats.map((at, i) => [40 + 5 * i, Math.round(at * 4)]));
  });

  it('bins durations to the nearest vocabulary value, ties to the shorter', () => {
    const durations = vocab.numbers.duration.filter((d) => !Number.isNaN(d));
    expect(durations).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 24, 28, 32, 40, 48, 64]);
    // steps -> expected bin
    const cases: [number, number][] = [
      [0.1, 1], // shorter than a 16th: at least 1
      [1, 1],
      [1.4, 1],
      [1.6, 2],
      [17, 16], // tie 16/18 -> 16
      [17.1, 18],
      [22, 20], // tie 20/24 -> 20
      [23, 24],
      [36, 32], // tie
      [44, 40], // tie
      [56, 48], // tie
      [57, 64],
      [200, 64],
    ];
    const piece = gridPiece(cases.map(([steps], i) => ({ pitch: 21 + i, at: 0, length: steps / 4 })));
    const { notes } = quantize(piece, vocab);
    expect(notes.map((n) => n.duration)).toEqual(cases.map(([, d]) => d));
  });

  it('bins velocities to the nearest vocabulary value, ties to the softer', () => {
    const velocities = [1, 3, 4, 5, 6, 64, 65, 66, 125, 126, 127];
    const expected = [3, 3, 3, 3, 7, 63, 63, 67, 123, 127, 127];
    const piece = gridPiece(velocities.map((velocity, i) => ({ pitch: 40 + i, at: 0, length: 1, velocity })));
    expect(quantize(piece, vocab).notes.map((n) => n.velocity)).toEqual(expected);
    for (const v of velocities) expect(vocab.numbers.velocity[nearestId(vocab.numbers.velocity, v)]).toBe(expected[velocities.indexOf(v)]);
  });

  it('merges notes on the same step and pitch, keeping the longer and louder, and counts them', () => {
    const piece = gridPiece([
      { pitch: 60, at: 0, length: 1, velocity: 30 },
      { pitch: 60, at: 0.05, length: 2, velocity: 20 }, // same step 0
      { pitch: 60, at: 0.1, length: 0.5, velocity: 100 }, // same step 0
      { pitch: 62, at: 0.05, length: 1 }, // other pitch: kept
      { pitch: 60, at: 0.2, length: 1 }, // step 1: kept
    ]);
    const { notes, mergedDuplicates } = quantize(piece, vocab);
    expect(mergedDuplicates).toBe(2);
    expect(notes.map((n) => [n.step, n.pitch, n.velocity])).toEqual([
      [0, 60, 99],
      [0, 62, 79],
      [1, 60, 79],
    ]);
    // the step-0 note would be 8 steps long, but its pitch comes again at step 1
    expect(notes[0].duration).toBe(1);
  });

  it('never lets a note reach the next onset of its pitch', () => {
    const piece = gridPiece([
      { pitch: 60, at: 0, length: 8 },
      { pitch: 60, at: 2.75, length: 1 }, // gap 11 steps: 32 -> 11
      { pitch: 60, at: 6, length: 16 }, // 64 steps, no next
      { pitch: 64, at: 0, length: 4.25 }, // 17 steps -> 16 (tie)
      { pitch: 64, at: 4.25, length: 0.5 }, // gap 17: 16 fits
    ]);
    const byPitch = quantize(piece, vocab).notes.map((n) => [n.pitch, n.step, n.duration]);
    expect(byPitch).toEqual([
      [60, 0, 11],
      [64, 0, 16],
      [60, 11, 4],
      [64, 17, 2],
      [60, 24, 64],
    ]);
  });

  it('a gap that is not a vocabulary value takes the largest value below it', () => {
    const piece = gridPiece([
      { pitch: 60, at: 0, length: 30 },
      { pitch: 60, at: 4.75, length: 1 }, // gap 19 steps -> 18
    ]);
    expect(quantize(piece, vocab).notes[0].duration).toBe(18);
  });

  it('tempo at a step is the vocabulary value nearest the tempo map', () => {
    const piece = gridPiece([{ pitch: 60, at: 0, length: 8 }], [
      { beat: 0, bpm: 120 },
      { beat: 2, bpm: 20 },
      { beat: 4, bpm: 400 },
      { beat: 6, bpm: 100 },
    ]);
    expect([0, 7, 8, 15, 16, 24].map((s) => tempoAtStep(piece, vocab, s))).toEqual([119, 119, 32, 32, 224, 101]);
  });
});
