// The generation evaluation's measures on pieces whose answers are known.

import { describe, expect, it } from 'vitest';
import { barRepetition, measureMusic } from '../../engine/analysis/music-measures.js';
import { openJudge } from '../../engine/judge/judge.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';

const vocab = loadVocab();

/** One bar per chord (pitches of a triad held for four beats). */
function chords(roots: number[], third = 4): BeatNote[] {
  return roots.flatMap((r, bar) => [r, r + third, r + 7].map((pitch) => ({ pitch, at: bar * 4, length: 4 })));
}

describe('music measures', () => {
  it('counts the bars whose pitch-class set recurs', () => {
    const piece = gridPiece(chords([60, 65, 60, 67, 72]));
    // C, F, C, G, C (an octave up: the same pitch classes) -> the three C bars recur
    expect(barRepetition(tokenize(piece, vocab).sequence.tokens, vocab)).toEqual({ repetition: 3 / 5, bars: 5 });
    expect(barRepetition(tokenize(gridPiece(chords([60, 62, 64])), vocab).sequence.tokens, vocab).repetition).toBe(0);
  });

  it('reads a major piece as major and clearly in a key, a minor one as minor', () => {
    const model = openJudge();
    const major = gridPiece(chords([60, 65, 67, 60, 65, 67, 60, 60]));
    const m = measureMusic(major, tokenize(major, vocab).sequence.tokens, vocab, model);
    expect(m.major).toBe(true);
    expect(m.keyClarity).toBeGreaterThan(0.6);
    expect(m.pitchClasses).toBe(7); // C E G, F A C, G B D
    expect(m.polyphony).toBe(3);
    const minor = gridPiece(chords([57, 62, 64, 57, 62, 57], 3));
    expect(measureMusic(minor, tokenize(minor, vocab).sequence.tokens, vocab, model).major).toBe(false);
  });
});
