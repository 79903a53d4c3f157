import midiPkg from '@tonejs/midi';
import { describe, expect, it } from 'vitest';
import { fileContent } from '../../engine/midi/file-content.js';
import { readSmf } from '../../engine/midi/read-smf.js';
import { rng, smf, type Ev } from '../fixtures/make-midi.js';

const { Midi } = midiPkg;

/** Random tracks: overlapping notes of a few pitches, stray note-offs, channel and program changes. */
function randomFile(seed: number): Uint8Array {
  const r = rng(seed);
  const tracks: Ev[][] = [[{ tick: 0, kind: 'tempo', bpm: 100 }, { tick: 0, kind: 'name', text: 'conductor' }]];
  for (let t = 0; t < 3; t++) {
    const events: Ev[] = [{ tick: 0, kind: 'name', text: `part ${t}` }];
    for (let i = 0; i < 200; i++) {
      const tick = Math.floor(r() * 4000);
      const channel = Math.floor(r() * 3);
      const pitch = 60 + Math.floor(r() * 4);
      const x = r();
      if (x < 0.45) events.push({ tick, kind: 'on', pitch, velocity: 1 + Math.floor(r() * 126), channel });
      else if (x < 0.9) events.push({ tick, kind: 'off', pitch, channel });
      else if (x < 0.95) events.push({ tick, kind: 'program', program: Math.floor(r() * 3), channel });
      else events.push({ tick, kind: 'cc', controller: 64, value: r() < 0.5 ? 0 : 127, channel });
    }
    tracks.push(events);
  }
  return smf(tracks);
}

describe('fileContent reads a file as @tonejs/midi does, in linear time', () => {
  it.each([1, 2, 3, 4, 5, 6])('random file %i: the same tracks, notes and pedal', (seed) => {
    const bytes = randomFile(seed);
    const ours = fileContent(readSmf(bytes));
    const theirs = new Midi(bytes);
    expect(ours.tracks.flatMap((t) => t.notes).length).toBeGreaterThan(100);
    expect(ours.tracks.map((t) => t.info)).toEqual(
      theirs.tracks.map((t) => ({ name: t.name, channel: t.channel, program: t.instrument.number, notes: t.notes.length })),
    );
    expect(ours.tracks.map((t) => t.notes.map((n) => [n.pitch, n.velocity, n.start, n.end]))).toEqual(
      theirs.tracks.map((t) => t.notes.map((n) => [n.midi, Math.round(n.velocity * 127), n.ticks, n.ticks + n.durationTicks])),
    );
    expect(ours.tracks.map((t) => t.pedal.map((p) => [p.ticks, p.value]))).toEqual(
      theirs.tracks.map((t) => (t.controlChanges[64] ?? []).map((c) => [c.ticks, Math.round(c.value * 127)])),
    );
    expect(ours.tempos.map((t) => [t.ticks, t.bpm])).toEqual(theirs.header.tempos.map((t) => [t.ticks, t.bpm]));
  });
});
