// Every grid-pop file imports as a grid file on its own beat grid and round-trips on the same beats and positions.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridPhase } from '../../engine/beats/grid-phase.js';
import { importMidi } from '../../engine/midi/import.js';
import { checkRoundTrip } from '../../engine/tokens/round-trip.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { GRID_POP, skipWithoutData } from '../helpers.js';

describe.skipIf(skipWithoutData)('grid-pop round trip', () => {
  const files = skipWithoutData ? [] : readdirSync(GRID_POP).filter((f) => f.endsWith('.mid'));

  it('has the 70 pieces', () => expect(files.length).toBe(70));

  it('imports every file as a grid file with its tempo map', () => {
    for (const f of files) {
      const piece = importMidi(readFileSync(join(GRID_POP, f)), f);
      expect(piece.timing, f).toBe('grid');
      expect(piece.tempos.length, f).toBeGreaterThan(10);
      // 480 ticks per beat, 16th grid: onsets are exact multiples of a quarter beat
      expect(piece.notes.every((n) => Number.isInteger(n.onsetBeat * 4)), f).toBe(true);
      // DAW files: the music sits on the file's own beats, so the grid is not moved
      expect(gridPhase(piece.notes), f).toBe(0);
      expect(piece.beats[0], f).toBe(0);
      expect(piece.meters[0], f).toEqual({ beat: 0, numerator: 4, denominator: 4 });
    }
  });

  it('round-trips every note on its beat and position', () => {
    const vocab = loadVocab();
    for (const f of files) {
      const r = checkRoundTrip(importMidi(readFileSync(join(GRID_POP, f)), f), vocab);
      expect(r.idempotent, f).toBe(true);
      expect(r.lost, f).toBe(0);
      expect(r.maxOnsetErrorSteps, f).toBe(0);
    }
  });
});
