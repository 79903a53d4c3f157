import { describe, expect, it } from 'vitest';
import { chordSpans } from '../../engine/tokens/chord-spans.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';

const vocab = loadVocab();
const chord = (at: number, length: number, pitches: number[]): BeatNote[] => pitches.map((pitch) => ({ pitch, at, length }));

describe('chord spans', () => {
  // 120 BPM: a beat is 0.5 s. C for a bar, a silent bar, then Am and G for two beats each.
  const piece = gridPiece([...chord(0, 4, [48, 64, 67]), ...chord(8, 2, [45, 60, 64]), ...chord(10, 2, [43, 62, 71])]);

  it('merges beats of one chord and leaves out beats without one, in seconds', () => {
    expect(chordSpans(piece, vocab)).toEqual([
      { start: 0, end: 2, label: 'C:maj' },
      { start: 4, end: 5, label: 'A:min' },
      { start: 5, end: 6, label: 'G:maj' },
    ]);
  });

  it('names the chords the tokens carry', () => {
    const fromTokens = tokenize(piece, vocab)
      .sequence.tokens.map((t) => vocab.values.chord[t[1]])
      .filter((c) => c.includes(':'));
    expect(chordSpans(piece, vocab).map((s) => s.label)).toEqual(fromTokens);
  });
});
