// The model commands end to end: encode, analyze, transfer, generate (bench is not run
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

  it('generate writes K variations into the folder', async () => {
    const out = join(dir, 'gen');
    const r = await run(['generate', '--quadrant', 'Q2', '--tokens', '40', '-n', '2', '-o', out, '--seed', '3', '--json']);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['Q2-seed3-1.mid', 'Q2-seed3-2.mid']);
    expect(JSON.parse(r.out).pieces).toHaveLength(2);
    const guided = await run(['generate', '--quadrant', 'Q2', '--tokens', '40', '--guidance', '2', '-o', join(dir, 'gen2'), '--seed', '3', '--json']);
    expect(guided.code, guided.err).toBe(0);
    expect(JSON.parse(guided.out).guidance).toBe(2);
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
