import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { detokenize } from '../../engine/tokens/detokenize.js';
import { formatTokenFile, parseTokenFile, type TokenSequence } from '../../engine/tokens/token-file.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { FIELDS, loadVocab } from '../../engine/tokens/vocab.js';
import { gridPiece } from '../fixtures/pieces.js';

const vocab = loadVocab();
const piece = gridPiece(
  [
    { pitch: 60, at: 0, length: 1, velocity: 79 },
    { pitch: 64, at: 0, length: 1, velocity: 79 },
    { pitch: 67, at: 1.25, length: 0.75, velocity: 99 },
    { pitch: 48, at: 7, length: 4, velocity: 39 },
  ],
  [{ beat: 0, bpm: 119 }],
  [{ beat: 0, numerator: 3, denominator: 4 }],
  'song.mid',
);
const seq = tokenize(piece, vocab, 'Q4').sequence;

function inputError(text: string): InputError {
  try {
    parseTokenFile(text, 'song.tokens.json', vocab);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).file).toBe('song.tokens.json');
    expect((err as Error).message.startsWith('song.tokens.json: ')).toBe(true);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}

describe('token files', () => {
  it('format -> parse -> detokenize gives back the notes, tempo and meter', () => {
    const text = formatTokenFile(seq);
    const parsed = parseTokenFile(text, 'song.tokens.json', vocab);
    expect(parsed).toEqual(seq);
    const back = detokenize(parsed, vocab);
    expect(back.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat, n.velocity])).toEqual(piece.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat, n.velocity]));
    expect(back.notes.map((n) => n.onset)).toEqual(piece.notes.map((n) => n.onset));
    expect(back.tempos).toEqual([{ beat: 0, bpm: 119 }]);
    expect(back.meters).toEqual(piece.meters);
    expect(back.downbeats.slice(0, 4)).toEqual([0, 3, 6, 9].map((b) => expect.closeTo((b * 60) / 119, 9)));
    expect(back.source).toMatchObject({ name: 'song.mid', format: 'tokens' });
    expect(back.timing).toBe('tokens');
    // one token per line
    expect(text.trim().split('\n')).toHaveLength(seq.tokens.length + 2);
  });

  it('without meters, bars are 4/4', () => {
    const { meters: _, ...plain } = seq;
    const back = detokenize(parseTokenFile(JSON.stringify(plain), 'x.json', vocab), vocab);
    expect(back.meters).toEqual([{ beat: 0, numerator: 4, denominator: 4 }]);
    // the 3/4 bars become 4/4 bars: the note in the 3rd bar moves with its bar
    expect(back.notes.map((n) => n.onsetBeat)).toEqual([0, 0, 1.25, 9]);
  });

  it('rejects a token file made with another vocabulary version', () => {
    const err = inputError(JSON.stringify({ ...seq, vocab: 'muser-cp-0' }));
    expect(err.problem).toMatch(/muser-cp-0/);
    expect(err.problem).toMatch(new RegExp(vocab.version));
    inputError(JSON.stringify({ ...seq, vocab: undefined }));
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{"vocab": ', /not JSON/],
    ['empty', '', /not JSON/],
    ['a JSON number', '42', /no "tokens"/],
    ['null', 'null', /no "tokens"/],
    ['tokens not an array', JSON.stringify({ ...seq, tokens: {} }), /no "tokens"/],
    ['wrong fields', JSON.stringify({ ...seq, fields: [...FIELDS].reverse() }), /fields/],
    ['a short token', JSON.stringify({ ...seq, tokens: [[0, 0, 0]] }), /token 0/],
    ['a value out of range', JSON.stringify({ ...seq, tokens: [...seq.tokens.slice(0, 2), [0, 0, 0, 3, 999, 1, 1, 0]] }), /token 2/],
    ['a negative value', JSON.stringify({ ...seq, tokens: [[0, 0, 0, -1, 0, 0, 0, 0]] }), /token 0/],
    ['a fractional value', JSON.stringify({ ...seq, tokens: [[0, 0, 0, 1.5, 0, 0, 0, 0]] }), /token 0/],
    ['a string value', JSON.stringify({ ...seq, tokens: [[0, 0, 0, '1', 0, 0, 0, 0]] }), /token 0/],
    ['empty meters', JSON.stringify({ ...seq, meters: [] }), /meters/],
    ['a meter of nonsense', JSON.stringify({ ...seq, meters: [{ beat: 0, numerator: 0, denominator: 4 }] }), /meters/],
    ['a meter with a huge denominator', JSON.stringify({ ...seq, meters: [{ beat: 0, numerator: 1, denominator: 1e9 }] }), /meters/],
    ['a meter with a huge numerator', JSON.stringify({ ...seq, meters: [{ beat: 0, numerator: 1e9, denominator: 1 }] }), /meters/],
    ['a fractional meter', JSON.stringify({ ...seq, meters: [{ beat: 0, numerator: 1.5, denominator: 3 }] }), /meters/],
    ['meters out of order', JSON.stringify({ ...seq, meters: [{ beat: 0, numerator: 4, denominator: 4 }, { beat: 8, numerator: 3, denominator: 4 }, { beat: 4, numerator: 4, denominator: 4 }] }), /meters/],
    ['a meter at a negative beat', JSON.stringify({ ...seq, meters: [{ beat: -4, numerator: 4, denominator: 4 }] }), /meters/],
  ])('rejects %s', (_, text, problem) => {
    expect(inputError(text).problem).toMatch(problem);
  });

  it('detokenizes any in-range tokens without throwing', () => {
    // random in-range tokens: garbage music, but a valid piece
    let s = 12345;
    const rand = (n: number) => {
      s = (s * 1103515245 + 12345) % 2147483648;
      return s % n;
    };
    for (let k = 0; k < 50; k++) {
      const tokens = Array.from({ length: 200 }, () => FIELDS.map((f) => rand(vocab.values[f].length)));
      const parsed = parseTokenFile(JSON.stringify({ vocab: vocab.version, fields: [...FIELDS], tokens } satisfies TokenSequence), 'r.json', vocab);
      const back = detokenize(parsed, vocab);
      for (const n of back.notes) {
        expect(Number.isFinite(n.onset) && Number.isFinite(n.offset) && n.offset > n.onset).toBe(true);
        expect(n.pitch).toBeGreaterThanOrEqual(21);
        expect(n.pitch).toBeLessThanOrEqual(108);
      }
      for (let i = 1; i < back.beats.length; i++) expect(back.beats[i]).toBeGreaterThan(back.beats[i - 1]);
    }
  });
});
