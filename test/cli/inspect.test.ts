import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../engine/cli/main.js';
import type { Descriptors } from '../../engine/descriptors/describe.js';
import type { PieceSummary } from '../../engine/descriptors/summary.js';
import { tonejsMidi, type SimpleNote } from '../fixtures/make-midi.js';
import { captureIO, tempDir } from '../helpers.js';

const PPQ = 480;
const BAR = 3 * PPQ;

/** A waltz in C major at 120 BPM (a bar is 1.5 s): C, Am, F, G7, C, one bar each, bass and chord held, a melody on the beats. */
function waltz(): Uint8Array {
  const bars = [
    [36, 52, 55, 60],
    [45, 52, 57, 60],
    [41, 53, 57, 60],
    [43, 53, 59, 62],
    [36, 52, 55, 60],
  ];
  const melody = [72, 76, 79, 76, 72, 69, 69, 72, 77, 74, 71, 67, 72, 72, 72];
  const notes: SimpleNote[] = [
    ...bars.flatMap((pitches, b) => pitches.map((pitch) => ({ pitch, start: b * BAR, duration: BAR }))),
    ...melody.map((pitch, i) => ({ pitch, start: i * PPQ, duration: PPQ })),
  ];
  return tonejsMidi([{ name: 'piano', notes }], [{ tick: 0, bpm: 120 }], [{ tick: 0, numerator: 3, denominator: 4 }]);
}

async function inspect(args: string[]): Promise<string> {
  const file = join(tempDir(), 'waltz.mid');
  writeFileSync(file, waltz());
  const { io, out } = captureIO();
  expect(await main(['inspect', file, ...args], io)).toBe(0);
  return out.join('\n');
}

describe('muser inspect', () => {
  it('--json gives beats, downbeats and chords in seconds, the key and the meter', async () => {
    const s: PieceSummary = JSON.parse(await inspect(['--json']));
    expect(s.meter).toBe('3/4');
    expect(s.key).toMatchObject({ tonic: 'C', mode: 'major', label: 'C major' });
    expect(s.key.confidence).toBeGreaterThan(0);
    expect(s.beats.slice(0, 4)).toEqual([0, 0.5, 1, 1.5]);
    expect(s.downbeats.slice(0, 3)).toEqual([0, 1.5, 3]);
    expect(s.chords.map((c) => c.label)).toEqual(['C:maj', 'A:min', 'F:maj', 'G:7', 'C:maj']);
    s.chords.forEach((c, i) => {
      expect(c.start).toBeCloseTo(1.5 * i, 6);
      expect(c.end).toBeCloseTo(1.5 * (i + 1), 6);
    });
  });

  it('--json and the text give the musical descriptors', async () => {
    const j = JSON.parse(await inspect(['--json'])) as { descriptors: Descriptors };
    expect(j.descriptors.key.label).toBe('C major');
    expect(j.descriptors.density).toBeGreaterThan(0);
    expect(j.descriptors.chords.major + j.descriptors.chords.dominant).toBeGreaterThan(0.5);
    expect(await inspect([])).toMatch(/density:\s+\d+\.\d\d notes\/s/);
  });

  it('prints the key and the meter', async () => {
    const text = await inspect([]);
    expect(text).toMatch(/meter:\s+3\/4/);
    expect(text).toMatch(/key:\s+C major \(confidence \d\.\d\d\)/);
    expect(text).toMatch(/bar\s+4: G:7/);
  });
});
