import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { MAX_BAR, passageName } from '../../engine/piece/passage.js';
import { tokensInBars } from '../../engine/tokens/bar-range.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { FIELDS, loadVocab } from '../../engine/tokens/vocab.js';
import { parsePassage } from '../../renderer/src/studio/passage.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';

const vocab = loadVocab();
const TYPE = FIELDS.indexOf('type');
const typeOf = (t: number[]) => vocab.values.type[t[TYPE]];

/** One note on every beat of `beats` beats. */
const notes = (beats: number): BeatNote[] => Array.from({ length: beats }, (_, i) => ({ pitch: 60 + (i % 12), at: i, length: 1 }));

describe('a passage of bars', () => {
  it('picks the bar lines, beats and notes of bars first..last, never the emotion token or EOS', () => {
    const seq = tokenize(gridPiece(notes(16)), vocab, 'Q1').sequence; // four bars of 4/4
    const only = tokensInBars(seq, vocab, { first: 2, last: 3 }, 'a.mid');
    const picked = seq.tokens.filter((_, i) => only[i]);
    expect(picked.filter((t) => typeOf(t) === 'Note')).toHaveLength(8);
    expect(picked.filter((t) => vocab.values['bar-beat'][t[FIELDS.indexOf('bar-beat')]] === 'Bar')).toHaveLength(2);
    expect(only[0]).toBe(false); // the emotion token
    expect(only.at(-1)).toBe(false); // EOS
    // "to the end" and one bar
    expect(tokensInBars(seq, vocab, { first: 4, last: MAX_BAR }, 'a.mid').filter(Boolean)).toHaveLength(1 + 4 + 4);
    expect(tokensInBars(seq, vocab, { first: 1, last: 1 }, 'a.mid').filter((x, i) => x && typeOf(seq.tokens[i]) === 'Note')).toHaveLength(4);
  });

  it('counts the bar that the last note starts', () => {
    // two bars of 4/4, then one note on the downbeat of bar 3
    const seq = tokenize(gridPiece([...notes(8), { pitch: 72, at: 8, length: 1 }]), vocab).sequence;
    const only = tokensInBars(seq, vocab, { first: 3, last: 3 }, 'a.mid');
    expect(seq.tokens.filter((t, i) => only[i] && typeOf(t) === 'Note').map((t) => vocab.values.pitch[t[FIELDS.indexOf('pitch')]])).toEqual(['72']);
    expect(() => tokensInBars(seq, vocab, { first: 4, last: 4 }, 'a.mid')).toThrow(new InputError('a.mid', 'bar 4 is past its end (it has 3 bars)'));
  });

  it("counts the source's bars where a long bar is two token bars (5/4)", () => {
    const seq = tokenize(gridPiece(notes(10), undefined, [{ beat: 0, numerator: 5, denominator: 4 }]), vocab).sequence;
    const only = tokensInBars(seq, vocab, { first: 2, last: 2 }, 'a.mid');
    expect(seq.tokens.filter((t, i) => only[i] && typeOf(t) === 'Note')).toHaveLength(5);
  });

  it('names the piece when the passage is past its end or not a passage', () => {
    const seq = tokenize(gridPiece(notes(8)), vocab).sequence;
    expect(() => tokensInBars(seq, vocab, { first: 3, last: 4 }, 'a.mid')).toThrow(new InputError('a.mid', 'bar 3 is past its end (it has 2 bars)'));
    expect(() => tokensInBars(seq, vocab, { first: 2, last: 1 }, 'a.mid')).toThrow(/^a\.mid: bars 2–1 are not a passage/);
  });

  it('is named for the result', () => {
    expect(passageName({ first: 5, last: 8 })).toBe('bars 5–8');
    expect(passageName({ first: 5, last: 5 })).toBe('bar 5');
    expect(passageName({ first: 5, last: MAX_BAR })).toBe('bars 5 to the end');
  });

  it('comes from the form\'s fields, blank meaning the start or the end', () => {
    expect(parsePassage('', '')).toBeUndefined();
    expect(parsePassage('3', '6')).toEqual({ first: 3, last: 6 });
    expect(parsePassage(' 3 ', '')).toEqual({ first: 3, last: MAX_BAR });
    expect(parsePassage('', '4')).toEqual({ first: 1, last: 4 });
    for (const [f, t] of [['0', '2'], ['5', '3'], ['2.5', ''], ['x', '3'], ['1', String(MAX_BAR + 1)]]) expect(parsePassage(f, t), `${f}-${t}`).toBeNull();
  });
});
