import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../engine/cli/main.js';
import { importMidi } from '../../engine/midi/import.js';
import { projectPath } from '../../engine/paths.js';
import { captureIO, GRID_POP, skipWithoutData, tempDir } from '../helpers.js';

describe('muser CLI', () => {
  it('has --help on every subcommand', async () => {
    for (const c of COMMANDS) {
      const { io, out } = captureIO();
      expect(await main([c.name, '--help'], io)).toBe(0);
      expect(out.join('')).toContain(`usage: ${c.usage}`);
    }
  });

  it('lists the commands and exits 2 without one', async () => {
    const { io, out } = captureIO();
    expect(await main([], io)).toBe(2);
    for (const c of COMMANDS) expect(out.join('')).toContain(c.name);
  });

  it('reports usage errors with exit 2', async () => {
    const { io, err } = captureIO();
    expect(await main(['tokenize', 'a.mid'], io)).toBe(2);
    expect(err.join('')).toContain('--out is required');
    expect(await main(['tokenize', 'a.mid', '-o', 'b.json', '--bogus'], io)).toBe(2);
    expect(await main(['frobnicate'], io)).toBe(2);
  });

  it('names the file and the problem for bad input, and writes nothing', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.mid');
    writeFileSync(bad, 'this is not midi');
    const { io, err } = captureIO();
    expect(await main(['tokenize', bad, '-o', join(dir, 'out.json')], io)).toBe(1);
    expect(err.join('')).toContain(`${bad}: not a MIDI file`);
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    expect(await main(['inspect', join(dir, 'missing.mid')], io)).toBe(1);
    expect(err.join('')).toContain('missing.mid: no such file');
  });

  it('refuses to write over its input', async () => {
    const dir = tempDir();
    const json = join(dir, 't.json');
    writeFileSync(json, '{"vocab":"muser-cp-1"}');
    const { io, err } = captureIO();
    expect(await main(['detokenize', json, '-o', json], io)).toBe(1);
    expect(readFileSync(json, 'utf8')).toBe('{"vocab":"muser-cp-1"}');
    expect(err.join('')).toMatch(/not a token file|is also an input/);
  });

  it.skipIf(skipWithoutData)('tokenizes, detokenizes and inspects a grid file', async () => {
    const dir = tempDir();
    const src = join(GRID_POP, 'cp-linear_get_0.mid');
    const json = join(dir, 'piece.json');
    const mid = join(dir, 'piece.mid');
    const { io, out } = captureIO();
    expect(await main(['tokenize', src, '-o', json, '--emotion', 'Q2'], io)).toBe(0);
    const seq = JSON.parse(readFileSync(json, 'utf8'));
    expect(seq.vocab).toBe('muser-cp-1');
    expect(seq.fields).toEqual(['tempo', 'chord', 'bar-beat', 'type', 'pitch', 'duration', 'velocity', 'emotion']);
    expect(seq.tokens.every((t: number[]) => t.length === 8)).toBe(true);
    expect(await main(['detokenize', json, '-o', mid], io)).toBe(0);
    const original = importMidi(readFileSync(src), 'a');
    const back = importMidi(readFileSync(mid), 'b');
    expect(back.timing).toBe('grid');
    expect(back.notes.map((n) => [n.onsetBeat, n.pitch])).toEqual(original.notes.map((n) => [n.onsetBeat, n.pitch]));
    expect(await main(['inspect', src, '--json'], io)).toBe(0);
    const summary = JSON.parse(out[out.length - 1]);
    expect(summary.timing).toBe('grid');
    expect(summary.notes).toBe(original.notes.length);
    expect(summary.barChords.length).toBe(8);
  });

  it.skipIf(skipWithoutData)('runs as the installed bin', () => {
    const text = execFileSync(process.execPath, [projectPath('bin', 'muser.js'), 'inspect', join(GRID_POP, 'cp-linear_get_0.mid')], { encoding: 'utf8' });
    expect(text).toContain('on a grid under its own tempo map');
    expect(text).toMatch(/bar\s+1: \S+/);
  });
});
