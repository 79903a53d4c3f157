// The model commands end to end: encode, analyze, transfer (from B or --to a quadrant), continue, generate (bench is not run
// here: it times a one-minute piece and is no test).

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main.js';
import { exportMidi } from '../../engine/midi/export.js';
import { importMidi } from '../../engine/midi/import.js';
import { barCount } from '../../engine/piece/piece.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';
import { captureIO, tempDir } from '../helpers.js';
import { MODEL_DIR, noModels, suite } from './helpers.js';

function midi(dir: string, name: string, shift: number): string {
  const notes: BeatNote[] = [];
  for (let bar = 0; bar < 3; bar++) for (const [k, p] of [48, 60, 64, 67].entries()) notes.push({ pitch: p + shift + bar, at: bar * 4 + k, length: 1 });
  const file = join(dir, name);
  writeFileSync(file, exportMidi(gridPiece(notes)));
  return file;
}

async function run(args: string[]) {
  const { io, out, err } = captureIO();
  const code = await main([...args, '--models', MODEL_DIR!], io);
  return { code, out: out.join(''), err: err.join('') };
}

describe.skipIf(noModels)(suite('model commands'), () => {
  let dir: string;
  let a: string;
  let b: string;
  beforeAll(() => {
    dir = tempDir();
    a = midi(dir, 'a.mid', 0);
    b = midi(dir, 'b.mid', 5);
  });

  it('encode writes latents, codes and per-bar heatmap as JSON and CSV', async () => {
    const r = await run(['encode', a, '-o', join(dir, 'a.json'), '--csv', join(dir, 'a.csv'), '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'));
    expect(report.format).toBe('muser-latents-1');
    expect(report.latents[0]).toHaveLength(7);
    expect(report.latents.length).toBe(report.tokens.length);
    expect(report.bars).toHaveLength(3);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toMatch(/^scope,index,bar,element,d0/);
    expect(JSON.parse(r.out).tokens).toBe(report.tokens.length);
  });

  it('analyze gives the emotion estimate and note statistics', async () => {
    const r = await run(['analyze', a, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j.emotion.probabilities)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(j.stats.notes).toBe(12);
    expect(j.stats.polyphony).toBe(1);
  });

  it('transfer writes the transferred piece, reproducibly for a seed', async () => {
    const outs = [join(dir, 't1.json'), join(dir, 't2.json')];
    for (const out of outs) {
      const r = await run(['transfer', a, b, '--elements', 'pitch,duration', '--align', 'bar', '--seed', '5', '-o', out, '--json']);
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out).seed).toBe(5);
    }
    expect(readFileSync(outs[0], 'utf8')).toBe(readFileSync(outs[1], 'utf8'));
    const mid = await run(['transfer', a, b, '--elements', 'all', '-o', join(dir, 't.mid'), '--greedy']);
    expect(mid.code, mid.err).toBe(0);
    expect(readFileSync(join(dir, 't.mid')).subarray(0, 4).toString()).toBe('MThd');
  });

  it('transfer limits itself to a passage of A with --bars, and says when it is not one', async () => {
    const r = await run(['transfer', a, b, '--elements', 'pitch', '--bars', '2-2', '--seed', '5', '-o', join(dir, 'passage.json'), '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).bars).toEqual({ first: 2, last: 2 });
    const bad = await run(['transfer', a, b, '--elements', 'pitch', '--bars', '3-2', '-o', join(dir, 'bad.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--bars must be FIRST-LAST/);
    const past = await run(['transfer', a, b, '--elements', 'pitch', '--bars', '40', '-o', join(dir, 'bad.json')]);
    expect(past.code).toBe(1);
    expect(past.err).toContain(`${a}: bar 40 is past its end`);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it('transfer pairs notes with notes under --align type, and names the alignments it knows', async () => {
    const r = await run(['transfer', a, b, '--elements', 'pitch', '--align', 'type', '--seed', '5', '-o', join(dir, 'type.json'), '--json']);
    expect(r.code, r.err).toBe(0);
    const bad = await run(['transfer', a, b, '--elements', 'pitch', '--align', 'sideways', '-o', join(dir, 'bad.json')]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toMatch(/--align must be one of position, bar, type/);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it('transfer repeats a shorter B over every bar of A, or changes only its span, and says which bars changed', async () => {
    const long = join(dir, 'long.mid');
    const notes: BeatNote[] = [];
    for (let bar = 0; bar < 6; bar++) for (const [k, p] of [48, 60, 64, 67].entries()) notes.push({ pitch: p + (bar % 2), at: bar * 4 + k, length: 1 });
    writeFileSync(long, exportMidi(gridPiece(notes)));
    const r = await run(['transfer', long, b, '--elements', 'pitch', '--seed', '5', '-o', join(dir, 'cover.json'), '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ cover: 'repeat', changedBars: [{ first: 1, last: 6 }], change: "bars 1–6 take b.mid's pitch; b.mid's 3 bars repeated" });
    const span = await run(['transfer', long, b, '--elements', 'pitch', '--cover', 'span', '--seed', '5', '-o', join(dir, 'span.json'), '--json']);
    expect(span.code, span.err).toBe(0);
    expect(JSON.parse(span.out)).toMatchObject({ cover: 'span', changedBars: [{ first: 1, last: 3 }], change: "bars 1–3 take b.mid's pitch" });
  });

  it('transfer --to re-moods A toward a quadrant with no B, in all of A or a passage', async () => {
    const r = await run(['transfer', a, '--to', 'Q3', '--elements', 'pitch', '--seed', '4', '-o', join(dir, 'remood.json'), '--json']);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ to: 'Q3', elements: ['pitch'], changedBars: [{ first: 1, last: 3 }], seed: 4 });
    // drawn pitches keep to A's tonic in Q3's mode unless --key free
    expect(report.key).toMatch(/^[A-G][#b]? minor$/);
    expect(report.change).toBe(`bars 1–3 take pitch drawn for Q3 sad in ${report.key}`);
    const free = await run(['transfer', a, '--to', 'Q3', '--elements', 'pitch', '--key', 'free', '--seed', '4', '-o', join(dir, 'remood-free.json'), '--json']);
    expect(free.code, free.err).toBe(0);
    expect(JSON.parse(free.out)).toMatchObject({ key: null, change: 'bars 1–3 take pitch drawn for Q3 sad' });
    const passage = await run(['transfer', a, '--to', 'Q1', '--elements', 'duration,velocity', '--bars', '2-3', '--guidance', '2', '-o', join(dir, 'remood2.json'), '--json']);
    expect(passage.code, passage.err).toBe(0);
    expect(JSON.parse(passage.out)).toMatchObject({ guidance: 2, changedBars: [{ first: 2, last: 3 }] });
  });

  it('refuses a re-mood or transfer it cannot do, writing nothing', async () => {
    const out = join(dir, 'refused.mid');
    const cases: [string[], number, RegExp][] = [
      [['transfer', a, '--to', 'Q5', '--elements', 'pitch'], 2, /--to must be one of Q1, Q2, Q3, Q4/],
      [['transfer', a, '--to', 'Q3'], 2, /--to needs --elements/],
      [['transfer', a, b, '--to', 'Q3', '--elements', 'pitch'], 2, /give B or --to, not both/],
      [['transfer', a, '--elements', 'pitch'], 2, /give B .* or --to Q/],
      [['transfer', a, '--to', 'Q2', '--elements', 'pitch', '--bars', '9-10'], 1, /bar 9 is past its end \(it has 3 bars\)/],
      [['transfer', a, b, '--elements', 'pitch', '--cover', 'loop'], 2, /--cover must be one of repeat, span/],
      [['transfer', a, '--to', 'Q3', '--elements', 'pitch', '--key', 'H major'], 2, /--key: key must be 'auto'.*got 'H major'/],
      [['transfer', a, b, '--elements', 'pitch', '--key', 'D minor'], 2, /--key is for --to/],
      [['transfer', a, '--to', 'Q3', '--elements', 'velocity', '--key', 'D minor'], 2, /--key: a key applies to drawn pitches: choose pitch among the elements/],
    ];
    for (const [args, code, message] of cases) {
      const r = await run([...args, '-o', out]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.err).toMatch(message);
    }
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 't1.json'), 'utf8')), tokens: [JSON.parse(readFileSync(join(dir, 't1.json'), 'utf8')).tokens[0]] }));
    const r = await run(['transfer', a, empty, '--elements', 'pitch', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${empty}: has no notes: there is nothing to transfer from it`);
    expect(existsSync(out)).toBe(false);
  });

  it('continue keeps A and adds the asked bars in a quadrant, K variations', async () => {
    const out = join(dir, 'cont');
    const r = await run(['continue', a, '--bars', '2', '--quadrant', 'Q4', '-n', '2', '-o', out, '--seed', '6', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ownBars: 3, bars: 2, seed: 6 });
    // the new bars keep to A's tonic in Q4's mode; --key names another
    expect(JSON.parse(r.out).pieces.map((p: { key: string }) => p.key)).toEqual(Array(2).fill(expect.stringMatching(/^[A-G][#b]? major$/)));
    const keyed = await run(['continue', a, '--bars', '1', '--quadrant', 'Q4', '--key', 'F# minor', '-o', join(dir, 'cont-key'), '--seed', '6', '--json']);
    expect(keyed.code, keyed.err).toBe(0);
    expect(JSON.parse(keyed.out).pieces[0].key).toBe('F# minor');
    const original = importMidi(readFileSync(a), 'a.mid').notes;
    const made = readdirSync(out).map((f) => importMidi(readFileSync(join(out, f)), f));
    expect(made).toHaveLength(2);
    for (const piece of made) {
      expect(barCount(piece)).toBeLessThanOrEqual(5);
      expect(piece.notes.length).toBeGreaterThan(original.length);
      // A's notes open it as they were (the tempo token's nearest class, 119 BPM for 120, scales the seconds)
      const scale = piece.notes[1].onset / original[1].onset;
      expect(scale).toBeCloseTo(1, 1);
      expect(piece.notes.slice(0, original.length).map((n) => [n.pitch, +(n.onset / scale).toFixed(3)])).toEqual(original.map((n) => [n.pitch, +n.onset.toFixed(3)]));
    }
    expect((await run(['continue', a, '--quadrant', 'Q4', '-o', out])).err).toMatch(/--bars is required/);
  });

  it('generate writes K variations into the folder', async () => {
    const out = join(dir, 'gen');
    const r = await run(['generate', '--quadrant', 'Q2', '--tokens', '40', '-n', '2', '-o', out, '--seed', '3', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['Q2-seed3-1.mid', 'Q2-seed3-2.mid']);
    expect(JSON.parse(r.out).pieces).toHaveLength(2);
    const guided = await run(['generate', '--quadrant', 'Q2', '--tokens', '40', '--guidance', '2', '-o', join(dir, 'gen2'), '--seed', '3', '--json']);
    expect(guided.code, guided.err).toBe(0);
    expect(JSON.parse(guided.out).guidance).toBe(2);
    const keyed = await run(['generate', '--quadrant', 'Q1', '--tokens', '40', '--key', 'e minor', '-o', join(dir, 'gen3'), '--seed', '3', '--json']);
    expect(keyed.code, keyed.err).toBe(0);
    expect(JSON.parse(keyed.out).pieces[0].key).toBe('E minor');
    // --bars: every piece ends with its last bar, held notes too (seed 3 holds one past it)
    const barsOut = join(dir, 'gen-bars');
    const bars = await run(['generate', '--quadrant', 'Q3', '--bars', '2', '-n', '2', '-o', barsOut, '--seed', '3']);
    expect(bars.code, bars.err).toBe(0);
    for (const f of readdirSync(barsOut)) expect(barCount(importMidi(readFileSync(join(barsOut, f)), f)), f).toBeLessThanOrEqual(2);
  });

  it('reports bad input and bad options clearly', async () => {
    const missing = await run(['transfer', join(dir, 'nope.mid'), b, '--elements', 'pitch', '-o', join(dir, 'x.mid')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.mid: no such file');
    expect(existsSync(join(dir, 'x.mid'))).toBe(false);
    expect((await run(['transfer', a, b, '--elements', 'melody', '-o', join(dir, 'x.mid')])).code).toBe(2);
    expect((await run(['generate', '--quadrant', 'Q5', '-o', dir])).code).toBe(2);
    const strong = await run(['generate', '--quadrant', 'Q1', '--guidance', '12', '-o', dir]);
    expect(strong.code).toBe(2);
    expect(strong.err).toContain('--guidance must be in [0, 10], got 12');
    const { io, err } = captureIO();
    expect(await main(['analyze', a, '--models', join(dir, 'no-models')], io)).toBe(1);
    expect(err.join('')).toMatch(/manifest\.json: no such file/);
  });
});
