// New pitches keep to a key: the one asked, or under 'auto' the quadrant's mode on the
// music's own tonic (A's for re-mood and continue); 'free' leaves them as drawn.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { continuePiece } from '../../engine/flows/continue.js';
import type { EncodedPiece } from '../../engine/flows/encoded-piece.js';
import { generate } from '../../engine/flows/generate.js';
import { keyPlan, modeOfQuadrant, parseKeyChoice } from '../../engine/flows/key-choice.js';
import { remood } from '../../engine/flows/re-mood.js';
import { parseKey, scaleOf } from '../../engine/harmony/scale.js';
import type { Piece } from '../../engine/piece/piece.js';
import { Engine } from '../../engine/runner/engine.js';
import { MODEL_DIR, noModels, smallPiece, suite } from '../model/helpers.js';

describe('key choice', () => {
  it('reads auto, free and key names, spelled as the app spells them', () => {
    expect(parseKeyChoice('auto')).toBe('auto');
    expect(parseKeyChoice('free')).toBe('free');
    expect(parseKeyChoice('c# minor')).toBe('C# minor');
    expect(() => parseKeyChoice('H major')).toThrow(/key must be 'auto'.*got 'H major'/);
  });

  it('plans the quadrant\'s mode on the given tonic, or on the music\'s own', () => {
    expect(keyPlan('auto', 'Q3', () => 0)).toEqual({ tonic: 0, mode: 'minor' });
    expect(keyPlan('auto', 'Q4')).toEqual({ tonic: null, mode: 'major' });
    expect(keyPlan('E major', 'Q3', () => 0)).toEqual({ tonic: 4, mode: 'major' });
    expect(keyPlan('free', 'Q1', () => 0)).toBeUndefined();
  });

  it('the mode of a quadrant follows valence', () => {
    expect(['Q1', 'Q2', 'Q3', 'Q4'].map((q) => modeOfQuadrant(q as 'Q1'))).toEqual(['major', 'minor', 'minor', 'major']);
  });
});

/** The pitch classes of notes outside a key. */
const outside = (piece: Piece, name: string, from = 0) => {
  const scale = scaleOf(parseKey(name)!);
  return piece.notes.filter((n) => n.onset >= from && !scale[n.pitch % 12]).map((n) => n.pitch % 12);
};

describe.skipIf(noModels)(suite('key choice'), () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ dir: MODEL_DIR });
  });
  afterAll(() => engine.close());
  const encoded = async (tokens: number[][]): Promise<EncodedPiece> => ({ sequence: { vocab: engine.vocab.version, fields: [], tokens, name: 'A' }, encoding: await engine.encode(tokens), name: 'A' });

  it('generates in the asked key, and under auto in the quadrant\'s mode, every note in it', async () => {
    const asked = await generate(engine, { quadrant: 'Q1', count: 2, bars: 2, seed: 3, key: 'D minor' });
    for (const made of asked.pieces) {
      expect(made.key).toBe('D minor');
      expect(made.description).toContain('in D minor');
      expect(outside(made.piece, 'D minor')).toEqual([]);
    }
    const auto = await generate(engine, { quadrant: 'Q3', count: 2, bars: 2, seed: 3 });
    for (const made of auto.pieces) {
      expect(made.key).toMatch(/ minor$/);
      expect(outside(made.piece, made.key!)).toEqual([]);
    }
    const free = await generate(engine, { quadrant: 'Q3', count: 1, bars: 2, seed: 3, key: 'free' });
    expect(free.pieces[0].key).toBeNull();
  });

  it('re-moods pitch on A\'s tonic in the target\'s mode; other elements keep A\'s pitches', async () => {
    const a = await encoded(smallPiece(3));
    const sadder = await remood(engine, a, { to: 'Q3', elements: ['pitch'], seed: 2 });
    expect(sadder.key).toBe('C minor');
    expect(outside(sadder.piece, 'C minor')).toEqual([]);
    const louder = await remood(engine, a, { to: 'Q2', elements: ['velocity'], seed: 2 });
    expect(louder.key).toBeNull();
    await expect(remood(engine, a, { to: 'Q2', elements: ['velocity'], key: 'D minor' })).rejects.toThrow(/choose pitch/);
  });

  it('keeps to the key only the pitches it draws: a passage re-mood leaves A\'s other bars as A\'s reconstruction', async () => {
    const a = await encoded(smallPiece(6));
    const passage = await remood(engine, a, { to: 'Q3', elements: ['pitch'], bars: { first: 4, last: 6 }, seed: 2 });
    expect(passage.key).toBe('C minor');
    const rebuilt = (await engine.reconstruct(a.encoding, { seed: 2 })).sequences[0];
    const start = passage.sequence.tokens.findIndex((t, i) => JSON.stringify(t) !== JSON.stringify(rebuilt[i]));
    const bar4 = passage.piece.downbeats[3];
    // the first token that differs is in the passage, and A's E (not in C minor) still sounds before it
    expect(passage.piece.notes.filter((n) => n.onset < bar4).some((n) => n.pitch % 12 === 4)).toBe(true);
    expect(start).toBeGreaterThan(0);
    expect(outside(passage.piece, 'C minor', bar4)).toEqual([]);
  });

  it('continues in A\'s tonic and the quadrant\'s mode, A\'s own notes as they were', async () => {
    const a = await encoded(smallPiece(3, { shift: 2 }));
    const { pieces } = await continuePiece(engine, a, { quadrant: 'Q2', bars: 2, seed: 6 });
    const [made] = pieces;
    expect(made.key).toBe('D minor');
    const newBars = made.piece.downbeats[3];
    expect(made.piece.notes.some((n) => n.onset >= newBars)).toBe(true);
    expect(outside(made.piece, 'D minor', newBars)).toEqual([]);
    // A's own bars are in D major (its F# stays): the key applies to the new bars only
    expect(outside(made.piece, 'D minor').length).toBeGreaterThan(0);
  });
});
