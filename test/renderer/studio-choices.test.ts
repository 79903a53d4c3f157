import { describe, expect, it } from 'vitest';
import type { Note, Piece } from '../../engine/piece/piece.js';
import { defaultSource, followSelection } from '../../renderer/src/studio/transfer-defaults.js';
import { rollContent } from '../../renderer/src/roll/content.js';
import { coverApplies } from '../../renderer/src/studio/cover.js';
import { strengthArgs } from '../../renderer/src/studio/mood-strength.js';
import { samplingArgs } from '../../renderer/src/studio/sampling.js';
import { variationsProblem } from '../../renderer/src/studio/variations.js';
import { libraryItem as item } from '../fixtures/library-items.js';

describe('the Transfer form\'s defaults', () => {
  const items = [item('a'), item('b'), item('c'), item('ab', { kind: 'result', description: '', from: ['a', 'b'] })];

  it('A follows the selection, but stays when the selection is a result made from it', () => {
    expect(followSelection(null, items, 'a')).toBe('a');
    expect(followSelection('a', items, 'c')).toBe('c');
    expect(followSelection('a', items, 'ab')).toBe('a');
    expect(followSelection('c', items, 'ab')).toBe('ab');
    expect(followSelection('a', items.slice(1), 'ab')).toBe('ab'); // A is gone
    expect(followSelection('a', items, null)).toBeNull();
  });

  it('B stays while it is there and is not A, else it is the first other piece', () => {
    expect(defaultSource(null, items, 'a')).toBe('b');
    expect(defaultSource('c', items, 'a')).toBe('c');
    expect(defaultSource('a', items, 'a')).toBe('b');
    expect(defaultSource('gone', items, 'b')).toBe('a');
    expect(defaultSource(null, [item('a')], 'a')).toBeNull();
  });
});

describe('how a shorter B covers A', () => {
  const bars = (id: string, n: number) => ({ ...item(id), summary: { ...item(id).summary, bars: n } });

  it('is asked only when B has fewer bars than A', () => {
    expect(coverApplies(bars('a', 74), bars('b', 8))).toBe(true);
    expect(coverApplies(bars('a', 8), bars('b', 8))).toBe(false);
    expect(coverApplies(bars('a', 8), bars('b', 74))).toBe(false);
    expect(coverApplies(undefined, bars('b', 8))).toBe(false);
    expect(coverApplies(bars('a', 74), undefined)).toBe(false);
  });
});

describe('variations and bars (Generate, Continue)', () => {
  it('are whole numbers within the limits the API checks', () => {
    expect(variationsProblem(1, 8)).toBeNull();
    expect(variationsProblem(8, 64)).toBeNull();
    for (const [count, bars] of [[0, 8], [9, 8], [1, 0], [1, 65], [1.5, 8], [1, 2.5], [Number.NaN, 8]]) expect(variationsProblem(count, bars)).toBe('Variations: 1 to 8; bars: 1 to 64.');
  });
});

describe('temperature and seed', () => {
  const choice = { modelDefaults: true, temperature: 0.8, seed: '' };

  it('leaves out what the model or the engine decides', () => {
    expect(samplingArgs(choice)).toEqual({});
    expect(samplingArgs({ ...choice, modelDefaults: false })).toEqual({ temperature: 0.8 });
    expect(samplingArgs({ ...choice, seed: ' 42 ' })).toEqual({ seed: 42 });
    expect(samplingArgs({ ...choice, seed: '0' })).toEqual({ seed: 0 });
    expect(samplingArgs({ ...choice, seed: '4294967295' })).toEqual({ seed: 4294967295 });
  });

  it('refuses a seed the engine would refuse', () => {
    for (const seed of ['-1', '1.5', '4294967296', 'abc', '1e3']) expect(samplingArgs({ ...choice, seed })).toBeNull();
  });
});

describe('mood strength', () => {
  it('leaves the guidance to the model while "model default" is ticked', () => {
    expect(strengthArgs({ modelDefault: true, guidance: 3 })).toEqual({});
    expect(strengthArgs({ modelDefault: false, guidance: 3 })).toEqual({ guidance: 3 });
  });
});

const note = (pitch: number, onset = 0): Note => ({ pitch, velocity: 80, onset, offset: onset + 0.5, onsetBeat: onset * 2, offsetBeat: onset * 2 + 1 });
const piece = (name: string, notes: Note[]): Piece => ({
  notes,
  beats: [0, 0.5],
  downbeats: [0],
  tempos: [{ beat: 0, bpm: 120 }],
  meters: [{ beat: 0, numerator: 4, denominator: 4 }],
  timing: 'grid',
  source: { name, format: 'midi', tracks: [], adjustments: {} },
});

describe('what the roll shows', () => {
  const selected = piece('result', [note(60), note(64)]);
  const a = piece('a', [note(48)]);

  it('the selected piece, by default', () => {
    expect(rollContent(selected, null, null)).toEqual({ piece: selected, notes: selected.notes, ghost: [], label: null });
  });

  it('a transfer decoding over its A, dimmed', () => {
    const r = rollContent(selected, { base: a, notes: [note(72)], label: 'Transferring' }, null);
    expect(r.piece).toBe(a);
    expect(r.notes.map((n) => n.pitch)).toEqual([72]);
    expect(r.ghost).toBe(a.notes);
    expect(r.label).toBe('Transferring');
  });

  it('a generation decoding on its own, without a grid yet', () => {
    const r = rollContent(selected, { base: null, notes: [note(72), note(74, 1)], label: 'Generating' }, null);
    expect(r.piece.notes.map((n) => n.pitch)).toEqual([72, 74]);
    expect(r.piece.downbeats).toEqual([]);
    expect(r.ghost).toEqual([]);
  });

  it('A/B: the version playing in colour, the other dimmed', () => {
    const result = rollContent(selected, null, { playing: 'result', original: a.notes });
    expect([result.notes, result.ghost]).toEqual([selected.notes, a.notes]);
    const original = rollContent(selected, null, { playing: 'original', original: a.notes });
    expect([original.notes, original.ghost]).toEqual([a.notes, selected.notes]);
    expect(original.piece).toBe(selected);
    expect(original.label).toMatch(/original/);
  });
});
