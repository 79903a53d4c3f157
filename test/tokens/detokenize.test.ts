import { describe, expect, it } from 'vitest';
import { noteStats } from '../../engine/analysis/note-stats.js';
import { detokenize } from '../../engine/tokens/detokenize.js';
import type { TokenSequence } from '../../engine/tokens/token-file.js';
import { FIELDS, loadVocab, type Field } from '../../engine/tokens/vocab.js';

const vocab = loadVocab();
const tok = (values: Partial<Record<Field, string>>) => FIELDS.map((f) => (values[f] === undefined ? 0 : vocab.id(f, values[f]!)));
const bar = () => tok({ type: 'Metrical', 'bar-beat': 'Bar', tempo: '<conti>', chord: '<conti>' });
const pos = (k: number, tempo = '<conti>') => tok({ type: 'Metrical', 'bar-beat': `Beat_${k}`, tempo, chord: '<conti>' });
const note = (pitch: number, duration = 4, velocity = 79) => tok({ type: 'Note', pitch: String(pitch), duration: String(duration), velocity: String(velocity) });
const seq = (tokens: number[][]): TokenSequence => ({ vocab: vocab.version, fields: [...FIELDS], tokens });

describe('detokenize', () => {
  it('places notes at bar start + position and reads the tempo tokens', () => {
    const piece = detokenize(seq([tok({ type: 'Emotion', emotion: 'Q1' }), bar(), pos(0, '119'), note(60), bar(), pos(8, '59'), note(64, 8), tok({ type: 'EOS' }), bar(), pos(0), note(70)]), vocab);
    expect(piece.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat])).toEqual([
      [60, 0, 1],
      [64, 6, 8],
    ]);
    expect(piece.tempos).toEqual([
      { beat: 0, bpm: 119 },
      { beat: 6, bpm: 59 },
    ]);
    expect(piece.notes[1].onset).toBeCloseTo((6 * 60) / 119, 9);
  });

  it('plays a pitch written twice on one onset as one note, and a restrike ends the note before (generated tokens)', () => {
    const piece = detokenize(seq([bar(), pos(0, '119'), note(60, 4, 51), note(64), note(60, 8, 91), pos(2), note(64)]), vocab);
    expect(piece.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat, n.velocity])).toEqual([
      [60, 0, 2, 91],
      [64, 0, 0.5, 79],
      [64, 0.5, 1.5, 79],
    ]);
    expect(piece.source.adjustments).toEqual({ mergedDuplicates: 1, truncatedByRestrike: 1 });
    expect(noteStats(seq([bar(), pos(0), note(60), note(60), note(64)]).tokens, vocab)).toMatchObject({ notes: 2, polyphony: 2 });
  });

  it('keeps the tempo map increasing when positions step back or repeat (generated tokens)', () => {
    const piece = detokenize(seq([bar(), pos(0, '119'), note(60), pos(8, '59'), note(62), pos(4, '200'), note(64), pos(4, '101'), note(65), bar(), pos(0), note(67)]), vocab);
    const beats = piece.beats;
    for (let i = 1; i < beats.length; i++) expect(beats[i]).toBeGreaterThan(beats[i - 1]);
    for (let i = 1; i < piece.tempos.length; i++) expect(piece.tempos[i].beat).toBeGreaterThan(piece.tempos[i - 1].beat);
    for (const n of piece.notes) {
      expect(Number.isFinite(n.onset)).toBe(true);
      expect(n.offset).toBeGreaterThan(n.onset);
    }
    // the bar at beat 4 starts after the notes of beat 0..2
    const last = piece.notes.find((n) => n.pitch === 67)!;
    expect(last.onsetBeat).toBe(4);
    expect(last.onset).toBeGreaterThan(piece.notes.find((n) => n.pitch === 62)!.onset);
  });

  it('two tempo tokens on one position: the second wins, and notes are not all at 0 s', () => {
    const piece = detokenize(seq([bar(), pos(0, '119'), pos(0, '59'), note(60), bar(), pos(0), note(62)]), vocab);
    expect(piece.tempos).toEqual([{ beat: 0, bpm: 59 }]);
    expect(piece.notes[1].onset).toBeCloseTo((4 * 60) / 59, 9);
  });

  it('skips note tokens with a pad field and needs no Bar token first', () => {
    const broken = note(61);
    broken[FIELDS.indexOf('duration')] = 0;
    const piece = detokenize(seq([pos(2, '119'), note(60), broken]), vocab);
    expect(piece.notes.map((n) => [n.pitch, n.onsetBeat])).toEqual([[60, 0.5]]);
  });
});
