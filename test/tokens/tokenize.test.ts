import { describe, expect, it } from 'vitest';
import { exportMidi } from '../../engine/midi/export.js';
import { importMidi } from '../../engine/midi/import.js';
import type { MeterEvent, Piece } from '../../engine/piece/piece.js';
import { splitBar, tokenBars } from '../../engine/tokens/bars.js';
import { detokenize } from '../../engine/tokens/detokenize.js';
import type { TokenSequence } from '../../engine/tokens/token-file.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { FIELDS, loadVocab, PAD, type Field } from '../../engine/tokens/vocab.js';
import { pieceProblems } from '../fixtures/check-piece.js';
import { noteEvents, smf, type Ev } from '../fixtures/make-midi.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';

const vocab = loadVocab();
type Decoded = Partial<Record<Field, string>>;

/** Tokens as field -> value strings, pad fields left out. */
function decode(seq: TokenSequence): Decoded[] {
  return seq.tokens.map((t) => {
    const out: Decoded = {};
    FIELDS.forEach((f, i) => {
      if (t[i] !== PAD) out[f] = vocab.values[f][t[i]];
    });
    return out;
  });
}

/** Every token's fields in range and the right fields set for its type. */
function layoutProblems(seq: TokenSequence): string[] {
  const problems: string[] = [];
  const need: Record<string, Field[]> = {
    Emotion: ['type', 'emotion'],
    Metrical: ['type', 'bar-beat', 'tempo', 'chord'],
    Note: ['type', 'pitch', 'duration', 'velocity'],
    EOS: ['type'],
  };
  seq.tokens.forEach((t, i) => {
    if (t.length !== FIELDS.length) problems.push(`token ${i} has ${t.length} fields`);
    t.forEach((v, f) => {
      if (!Number.isInteger(v) || v < 0 || v >= vocab.values[FIELDS[f]].length) problems.push(`token ${i} field ${FIELDS[f]} = ${v} out of range`);
    });
    const type = vocab.values.type[t[FIELDS.indexOf('type')]];
    const fields = need[type];
    if (!fields) return problems.push(`token ${i} has type ${type}`);
    FIELDS.forEach((f, k) => {
      const set = t[k] !== PAD;
      if (set !== fields.includes(f)) problems.push(`token ${i} (${type}) field ${f} ${set ? 'set' : 'missing'}`);
    });
  });
  return problems;
}

/** Notes (beats) of a bar-rich little piece. */
function music(bars: number, beatsPerBar: number): BeatNote[] {
  const notes: BeatNote[] = [];
  const roots = [48, 53, 55, 45, 50];
  for (let b = 0; b < bars; b++) {
    const at = b * beatsPerBar;
    const r = roots[b % roots.length];
    notes.push({ pitch: r, at, length: beatsPerBar, velocity: 90 });
    notes.push({ pitch: r + 16, at, length: 1, velocity: 70 });
    notes.push({ pitch: r + 19, at, length: 1, velocity: 70 });
    for (let k = 1; k < beatsPerBar * 2; k++) notes.push({ pitch: 72 + ((b + k) % 7), at: at + k / 2, length: 0.5, velocity: 50 + 4 * k });
  }
  return notes;
}

describe('token layout', () => {
  const piece = gridPiece(
    [
      { pitch: 60, at: 0, length: 1, velocity: 80 },
      { pitch: 64, at: 0, length: 1, velocity: 80 },
      { pitch: 67, at: 0, length: 1, velocity: 80 },
      { pitch: 72, at: 1.5, length: 0.5, velocity: 100 },
      // bar 2 (beats 4..8) is empty
      { pitch: 57, at: 8, length: 2, velocity: 60 },
      { pitch: 60, at: 8, length: 2, velocity: 60 },
      { pitch: 64, at: 8, length: 2, velocity: 60 },
    ],
    [
      { beat: 0, bpm: 120 },
      { beat: 8, bpm: 90 },
    ],
  );

  it('Emotion, Bar per bar (empty ones too), metrical tokens, notes low to high, EOS', () => {
    const { sequence, mergedDuplicates } = tokenize(piece, vocab, 'Q3');
    expect(mergedDuplicates).toBe(0);
    expect(sequence.vocab).toBe(vocab.version);
    expect(sequence.vocab).toBe('muser-cp-1');
    expect(sequence.fields).toEqual([...FIELDS]);
    expect(sequence.emotion).toBe('Q3');
    expect(sequence.meters).toEqual(piece.meters);
    expect(decode(sequence)).toEqual([
      { type: 'Emotion', emotion: 'Q3' },
      { type: 'Metrical', 'bar-beat': 'Bar', tempo: '<conti>', chord: '<conti>' },
      { type: 'Metrical', 'bar-beat': 'Beat_0', tempo: '119', chord: 'C:maj' },
      { type: 'Note', pitch: '60', duration: '4', velocity: '79' },
      { type: 'Note', pitch: '64', duration: '4', velocity: '79' },
      { type: 'Note', pitch: '67', duration: '4', velocity: '79' },
      { type: 'Metrical', 'bar-beat': 'Beat_6', tempo: '<conti>', chord: 'N' },
      { type: 'Note', pitch: '72', duration: '2', velocity: '99' },
      { type: 'Metrical', 'bar-beat': 'Bar', tempo: '<conti>', chord: '<conti>' },
      { type: 'Metrical', 'bar-beat': 'Bar', tempo: '<conti>', chord: '<conti>' },
      { type: 'Metrical', 'bar-beat': 'Beat_0', tempo: '89', chord: 'A:min' },
      { type: 'Note', pitch: '57', duration: '8', velocity: '59' },
      { type: 'Note', pitch: '60', duration: '8', velocity: '59' },
      { type: 'Note', pitch: '64', duration: '8', velocity: '59' },
      { type: 'EOS' },
    ]);
    expect(layoutProblems(sequence)).toEqual([]);
  });

  it('without an emotion the first token says none', () => {
    const { sequence } = tokenize(piece, vocab);
    expect(decode(sequence)[0]).toEqual({ type: 'Emotion', emotion: 'none' });
    expect(sequence.emotion).toBeNull();
    for (const q of ['Q1', 'Q2', 'Q4'] as const) expect(decode(tokenize(piece, vocab, q).sequence)[0].emotion).toBe(q);
  });

  it('a piece starting late opens with empty bars', () => {
    const late = gridPiece([{ pitch: 60, at: 9, length: 1 }]);
    const types = decode(tokenize(late, vocab).sequence).map((t) => t['bar-beat'] ?? t.type);
    expect(types).toEqual(['Emotion', 'Bar', 'Bar', 'Bar', 'Beat_4', 'Note', 'EOS']);
  });

  it('an empty piece is Emotion, Bar, EOS', () => {
    const empty = { ...gridPiece([]), notes: [] } satisfies Piece;
    expect(decode(tokenize(empty, vocab).sequence).map((t) => t['bar-beat'] ?? t.type)).toEqual(['Emotion', 'Bar', 'EOS']);
  });

  it('reports notes merged on one step and pitch', () => {
    const p = gridPiece([
      { pitch: 60, at: 0, length: 1 },
      { pitch: 60, at: 0.1, length: 1 },
    ]);
    const { sequence, mergedDuplicates } = tokenize(p, vocab);
    expect(mergedDuplicates).toBe(1);
    expect(decode(sequence).filter((t) => t.type === 'Note')).toHaveLength(1);
  });

  it('every token of a larger piece is in range and well formed', () => {
    const p = gridPiece(music(12, 4), [
      { beat: 0, bpm: 72 },
      { beat: 20, bpm: 150 },
    ]);
    const { sequence } = tokenize(p, vocab, 'Q1');
    expect(layoutProblems(sequence)).toEqual([]);
    const d = decode(sequence);
    expect(d[0].type).toBe('Emotion');
    expect(d[d.length - 1].type).toBe('EOS');
    expect(d.filter((t) => t.type === 'EOS')).toHaveLength(1);
    expect(d.filter((t) => t['bar-beat'] === 'Bar')).toHaveLength(12);
    expect(d.filter((t) => t.type === 'Note')).toHaveLength(p.notes.length);
    // a note token always follows a metrical position token or another note
    d.forEach((t, i) => {
      if (t.type === 'Note') expect(d[i - 1].type === 'Note' || (d[i - 1].type === 'Metrical' && d[i - 1]['bar-beat'] !== 'Bar')).toBe(true);
    });
    // notes at one position go low to high
    for (let i = 1; i < d.length; i++) if (d[i].type === 'Note' && d[i - 1].type === 'Note') expect(Number(d[i].pitch)).toBeGreaterThan(Number(d[i - 1].pitch));
  });
});

describe('token bars', () => {
  it('split long bars on beat boundaries', () => {
    expect(splitBar(16, 16)).toEqual([16]);
    expect(splitBar(20, 16)).toEqual([12, 8]); // 5/4
    expect(splitBar(24, 16)).toEqual([12, 12]); // 12/8
    expect(splitBar(28, 16)).toEqual([16, 12]); // 7/4
    expect(splitBar(18, 16)).toEqual([10, 8]); // 9/8
    expect(splitBar(17, 16)).toEqual([9, 8]);
    expect(splitBar(64, 16)).toEqual([16, 16, 16, 16]);
  });

  const lengths = (meters: MeterEvent[], n: number) => {
    const out: number[] = [];
    for (const bar of tokenBars(meters, 4, 16)) {
      out.push(bar.length);
      if (out.length === n) break;
    }
    return out;
  };
  const m = (beat: number, numerator: number, denominator: number): MeterEvent => ({ beat, numerator, denominator });

  it.each([
    [4, 4, [16, 16]],
    [3, 4, [12, 12]],
    [6, 8, [12, 12]],
    [7, 8, [14, 14]],
    [5, 4, [12, 8, 12, 8]],
    [12, 8, [12, 12, 12, 12]],
    [2, 2, [16, 16]],
    [5, 8, [10, 10]],
  ])('%i/%i -> %j', (num, den, expected) => {
    expect(lengths([m(0, num, den)], expected.length)).toEqual(expected);
  });

  it('a meter change cuts the bar in progress and restarts bars there', () => {
    // 4/4 for 6 beats (a bar and a half), then 3/4
    expect(lengths([m(0, 4, 4), m(6, 3, 4)], 4)).toEqual([16, 8, 12, 12]);
    const starts: number[] = [];
    for (const bar of tokenBars([m(0, 4, 4), m(8, 7, 8), m(15, 5, 4)], 4, 16)) {
      if (bar.start > 60) break;
      starts.push(bar.start);
    }
    expect(starts).toEqual([0, 16, 32, 46, 60]);
  });
});

describe('tokens -> MIDI -> tokens', () => {
  const meterCases: [string, MeterEvent[], number][] = [
    ['4/4', [{ beat: 0, numerator: 4, denominator: 4 }], 4],
    ['3/4', [{ beat: 0, numerator: 3, denominator: 4 }], 3],
    ['6/8', [{ beat: 0, numerator: 6, denominator: 8 }], 3],
    ['5/4', [{ beat: 0, numerator: 5, denominator: 4 }], 5],
    ['7/8', [{ beat: 0, numerator: 7, denominator: 8 }], 3.5],
    ['12/8', [{ beat: 0, numerator: 12, denominator: 8 }], 6],
  ];

  function roundTrip(piece: Piece) {
    const first = tokenize(piece, vocab, 'Q2').sequence;
    const rebuilt = detokenize(first, vocab);
    expect(rebuilt.timing).toBe('tokens');
    expect(rebuilt.meters).toEqual(first.meters);
    const bytes = exportMidi(rebuilt);
    const again = importMidi(bytes, piece.source.name);
    expect(again.timing).toBe('grid');
    const second = tokenize(again, vocab, 'Q2').sequence;
    expect(second.tokens).toEqual(first.tokens);
    expect(second.meters).toEqual(first.meters);
    // notes keep their beats: the quantized onsets of the original
    expect(again.notes.map((n) => [n.pitch, n.onsetBeat])).toEqual(rebuilt.notes.map((n) => [n.pitch, n.onsetBeat]));
    expect(pieceProblems(again)).toEqual([]);
    return { first, rebuilt, again };
  }

  it.each(meterCases)('%s: identical tokens, notes keep their beats', (_, meters, barLen) => {
    const source = gridPiece(music(6, barLen), [{ beat: 0, bpm: 96 }], meters, 'meter.mid');
    const { first, again } = roundTrip(source);
    expect(again.meters).toEqual(meters);
    expect(again.notes.map((n) => n.onsetBeat)).toEqual(source.notes.map((n) => n.onsetBeat));
    expect(again.tempos).toEqual([{ beat: 0, bpm: expect.closeTo(95, 2) }]); // 96 BPM -> the vocabulary's 95
    expect(again.downbeats.slice(0, 6).map((s) => s * (again.tempos[0].bpm / 60))).toEqual([0, 1, 2, 3, 4, 5].map((k) => expect.closeTo(k * barLen, 9)));
    // Bar tokens: one per token bar (long bars split)
    const perBar = barLen * 4 > 16 ? 2 : 1;
    expect(decode(first).filter((t) => t['bar-beat'] === 'Bar')).toHaveLength(6 * perBar);
    // positions are within their token bar
    const maxBeat = Math.min(16, barLen * 4);
    for (const t of decode(first)) if (t['bar-beat']?.startsWith('Beat_')) expect(Number(t['bar-beat'].slice(5))).toBeLessThan(maxBeat);
  });

  it('a meter change mid-piece (4/4 -> 3/4 -> 7/8 -> 5/4 -> 6/8) and tempo changes survive', () => {
    const meters: MeterEvent[] = [
      { beat: 0, numerator: 4, denominator: 4 },
      { beat: 8, numerator: 3, denominator: 4 },
      { beat: 14, numerator: 7, denominator: 8 },
      { beat: 21, numerator: 5, denominator: 4 },
      { beat: 31, numerator: 6, denominator: 8 },
    ];
    const notes: BeatNote[] = [];
    for (let b = 0; b < 40; b += 0.5) notes.push({ pitch: 55 + ((b * 2) % 17), at: b, length: 0.5, velocity: 40 + ((b * 8) % 80) });
    for (const m of meters) notes.push({ pitch: 36, at: m.beat, length: 2 });
    const source = gridPiece(notes, [
      { beat: 0, bpm: 80 },
      { beat: 14, bpm: 140 },
      { beat: 31, bpm: 60 },
    ], meters, 'changes.mid');
    const { first, again } = roundTrip(source);
    expect(again.meters).toEqual(meters);
    expect(again.tempos.map((t) => [t.beat, Math.round(t.bpm)])).toEqual([
      [0, 80],
      [14, 140],
      [31, 59],
    ]);
    // bar tokens: 2 x 4/4, 2 x 3/4, 2 x 7/8, 2 x 5/4 (split in 2), 3 x 6/8 (beats 31..40)
    expect(decode(first).filter((t) => t['bar-beat'] === 'Bar')).toHaveLength(2 + 2 + 2 + 4 + 3);
    expect(again.downbeats.map((s) => Math.round(s * 1000) / 1000)).toEqual(
      [0, 4, 8, 11, 14, 17.5, 21, 26, 31, 34, 37, 40].map((b) => Math.round(((b <= 14 ? b * 60 / 80 : b <= 31 ? 14 * 0.75 + ((b - 14) * 60) / 140 : 14 * 0.75 + (17 * 60) / 140 + ((b - 31) * 60) / 59)) * 1000) / 1000),
    );
  });

  it('a file imported from MIDI (7/8 with tempo changes) round-trips through tokens', () => {
    const ppq = 384;
    const events: Ev[] = [
      { tick: 0, kind: 'tempo', bpm: 101 },
      { tick: 0, kind: 'meter', numerator: 7, denominator: 8 },
      { tick: 7 * ppq, kind: 'tempo', bpm: 131 },
    ];
    const notes = [];
    for (let s = 0; s < 14 * 4; s += 2) notes.push({ pitch: 48 + (s % 24), start: (s * ppq) / 4, duration: ppq / 2, velocity: 30 + s });
    const piece = importMidi(smf([[...events, ...noteEvents(notes)]], { division: ppq }), 'seven.mid');
    expect(piece.timing).toBe('grid');
    const { first } = roundTrip(piece);
    expect(decode(first).filter((t) => t['bar-beat'] === 'Bar')).toHaveLength(4);
  });
});
