import midiPkg from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { EXPORT_PPQ, exportMidi } from '../../engine/midi/export.js';
import { importMidi } from '../../engine/midi/import.js';
import { gridPiece } from '../fixtures/pieces.js';

const { Midi } = midiPkg;

describe('exportMidi', () => {
  const piece = gridPiece(
    [
      { pitch: 21, at: 0, length: 0.25, velocity: 1 },
      { pitch: 60, at: 0, length: 1, velocity: 64 },
      { pitch: 108, at: 1.5, length: 2.5, velocity: 127 },
      { pitch: 67, at: 7.75, length: 0.25, velocity: 100 },
    ],
    [
      { beat: 0, bpm: 90 },
      { beat: 4, bpm: 150 },
    ],
    [
      { beat: 0, numerator: 6, denominator: 8 },
      { beat: 6, numerator: 2, denominator: 4 },
    ],
    'export.mid',
  );

  it('writes one piano track on the tempo and meter maps, at 480 ticks per beat', () => {
    const midi = new Midi(exportMidi(piece));
    expect(midi.header.ppq).toBe(EXPORT_PPQ);
    expect(midi.tracks).toHaveLength(1);
    expect(midi.tracks[0].name).toBe('Piano');
    expect(midi.tracks[0].notes.map((n) => [n.midi, n.ticks, n.durationTicks, Math.round(n.velocity * 127)])).toEqual([
      [21, 0, 120, 1],
      [60, 0, 480, 64],
      [108, 720, 1200, 127],
      [67, 3720, 120, 100],
    ]);
    expect(midi.header.tempos.map((t) => [t.ticks, Math.round(t.bpm)])).toEqual([
      [0, 90],
      [1920, 150],
    ]);
    expect(midi.header.timeSignatures.map((t) => [t.ticks, t.timeSignature])).toEqual([
      [0, [6, 8]],
      [2880, [2, 4]],
    ]);
  });

  it('re-imports to the same notes, beats and meters', () => {
    const back = importMidi(exportMidi(piece), 'export.mid');
    expect(back.timing).toBe('grid');
    expect(back.notes.map((n) => [n.pitch, n.velocity, n.onsetBeat, n.offsetBeat])).toEqual(piece.notes.map((n) => [n.pitch, n.velocity, n.onsetBeat, n.offsetBeat]));
    back.notes.forEach((n, i) => expect(n.onset).toBeCloseTo(piece.notes[i].onset, 5));
    expect(back.meters).toEqual(piece.meters);
    back.downbeats.forEach((d, i) => expect(d).toBeCloseTo(piece.downbeats[i], 5));
  });
});
