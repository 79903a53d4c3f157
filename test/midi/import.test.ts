import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { importMidi } from '../../engine/midi/import.js';
import { pieceProblems } from '../fixtures/check-piece.js';
import { noteEvents, simpleSmf, smf, tonejsMidi, type Ev, type SimpleNote } from '../fixtures/make-midi.js';

const C_MAJOR: SimpleNote[] = [60, 62, 64, 65, 67, 69, 71, 72].map((pitch, i) => ({ pitch, start: i * 480, duration: 480, velocity: 70 + i }));

function importError(bytes: Uint8Array, name = 'bad.mid'): InputError {
  try {
    importMidi(bytes, name);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError, but the import succeeded');
}

describe('importMidi: formats and divisions', () => {
  it('reads a type 0 file', () => {
    const piece = importMidi(simpleSmf(C_MAJOR), 'type0.mid');
    expect(piece.source).toMatchObject({ name: 'type0.mid', format: 'midi', midiFormat: 0, ticksPerBeat: 480 });
    expect(piece.timing).toBe('grid');
    expect(piece.notes.map((n) => n.pitch)).toEqual([60, 62, 64, 65, 67, 69, 71, 72]);
    expect(piece.notes.map((n) => n.velocity)).toEqual([70, 71, 72, 73, 74, 75, 76, 77]);
    expect(piece.notes.map((n) => n.onsetBeat)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(piece.notes.map((n) => n.onset)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5]);
    expect(piece.notes.every((n) => n.offsetBeat === n.onsetBeat + 1)).toBe(true);
    expect(pieceProblems(piece)).toEqual([]);
  });

  it('reads a type 1 file written by @tonejs/midi', () => {
    const piece = importMidi(tonejsMidi([{ name: 'Piano', notes: C_MAJOR }]), 'type1.mid');
    expect(piece.source.midiFormat).toBe(1);
    expect(piece.source.tracks).toEqual([{ name: 'Piano', channel: 0, program: 0, notes: 8 }]);
    expect(piece.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat, n.velocity])).toEqual(
      C_MAJOR.map((n) => [n.pitch, n.start / 480, (n.start + n.duration) / 480, n.velocity]),
    );
    expect(pieceProblems(piece)).toEqual([]);
  });

  it.each([1, 24, 96, 120, 384, 480, 960, 1000, 32767])('gives the same beats and seconds at %i ticks per beat', (ppq) => {
    // 16ths, 8ths, a dotted quarter: positions that are whole ticks at every division used here
    const beatsOn = [0, 1, 1.5, 2, 3.25, 4, 5.5, 6, 7];
    const ok = ppq % 4 === 0;
    const positions = ok ? beatsOn : [0, 1, 2, 3, 4, 5, 6, 7];
    const notes = positions.map((b, i) => ({ pitch: 60 + i, start: Math.round(b * ppq), duration: ppq, velocity: 90 }));
    const piece = importMidi(simpleSmf(notes, ppq), `ppq${ppq}.mid`);
    expect(piece.source.ticksPerBeat).toBe(ppq);
    expect(piece.timing).toBe('grid');
    expect(piece.notes.map((n) => n.onsetBeat)).toEqual(positions);
    expect(piece.notes.map((n) => n.offsetBeat)).toEqual(positions.map((b) => b + 1));
    piece.notes.forEach((n, i) => expect(n.onset).toBeCloseTo(positions[i] * 0.5, 9));
    expect(pieceProblems(piece)).toEqual([]);
  });

  it('reads running status and note-on velocity 0 as note-off', () => {
    const plain = importMidi(simpleSmf(C_MAJOR), 'plain.mid');
    const events: Ev[] = [{ tick: 0, kind: 'tempo', bpm: 120 }, ...noteEvents(C_MAJOR)];
    const bytes = smf([events], { format: 0, division: 480, runningStatus: true, zeroVelocityOff: true });
    // running status really is used: 16 note events, only the first carries the 0x90 status byte
    expect(bytes.filter((b) => b === 0x90).length).toBe(1);
    const piece = importMidi(bytes, 'running.mid');
    expect(piece.notes).toEqual(plain.notes);
  });

  it('merges many pitched tracks on several channels into one piano part', () => {
    const tracks = Array.from({ length: 12 }, (_, k) => ({
      name: `T${k}`,
      channel: k === 9 ? 10 : k, // keep channel 10 (index 9) for drums
      program: k * 3,
      notes: [{ pitch: 40 + k * 3, start: k * 240, duration: 240, velocity: 50 + k }],
    }));
    const piece = importMidi(tonejsMidi(tracks), 'many.mid');
    expect(piece.source.tracks).toHaveLength(12);
    expect(piece.source.tracks.every((t) => !t.dropped && t.notes === 1)).toBe(true);
    expect(piece.source.tracks.map((t) => t.program)).toEqual(tracks.map((t) => t.program));
    expect(piece.notes.map((n) => n.pitch)).toEqual(tracks.map((t) => t.notes[0].pitch));
    expect(piece.notes.map((n) => n.onsetBeat)).toEqual(tracks.map((_, k) => k / 2));
    expect(pieceProblems(piece)).toEqual([]);
  });

  it('splits the channels of a type 0 file and merges them back', () => {
    const notes: SimpleNote[] = [
      { pitch: 48, start: 0, duration: 960, channel: 0 },
      { pitch: 64, start: 0, duration: 480, channel: 1 },
      { pitch: 67, start: 480, duration: 480, channel: 2 },
    ];
    const piece = importMidi(simpleSmf(notes), 'multi-channel.mid');
    expect(piece.notes.map((n) => [n.pitch, n.onsetBeat, n.offsetBeat])).toEqual([
      [48, 0, 2],
      [64, 0, 1],
      [67, 1, 2],
    ]);
    expect(piece.source.tracks.map((t) => t.channel).sort()).toEqual([0, 1, 2]);
  });

  it('drops a channel 10 drum track and records why', () => {
    const bytes = tonejsMidi([
      { name: 'Piano', channel: 0, notes: C_MAJOR },
      { name: 'Drums', channel: 9, notes: [36, 38, 42, 46].map((pitch, i) => ({ pitch, start: i * 480, duration: 120 })) },
    ]);
    const piece = importMidi(bytes, 'with-drums.mid');
    expect(piece.notes.map((n) => n.pitch)).toEqual(C_MAJOR.map((n) => n.pitch));
    const drums = piece.source.tracks.find((t) => t.name === 'Drums');
    expect(drums).toMatchObject({ channel: 9, notes: 4 });
    expect(drums?.dropped).toMatch(/drum/i);
    expect(piece.source.tracks.find((t) => t.name === 'Piano')?.dropped).toBeUndefined();
  });

  it('drops drums on channel 10 inside a type 0 file', () => {
    const notes: SimpleNote[] = [...C_MAJOR, { pitch: 36, start: 0, duration: 100, channel: 9 }, { pitch: 38, start: 480, duration: 100, channel: 9 }];
    const piece = importMidi(simpleSmf(notes), 'type0-drums.mid');
    expect(piece.notes).toHaveLength(8);
    expect(piece.source.tracks.filter((t) => t.dropped)).toEqual([expect.objectContaining({ channel: 9, notes: 2 })]);
  });

  it('refuses a file with only drums', () => {
    const bytes = tonejsMidi([{ name: 'Drums', channel: 9, notes: [{ pitch: 36, start: 0, duration: 120 }] }]);
    const err = importError(bytes, 'drums-only.mid');
    expect(err.file).toBe('drums-only.mid');
    expect(err.message).toMatch(/^drums-only\.mid: .*drum/);
  });

  it('refuses a file with no notes', () => {
    const bytes = smf([[{ tick: 0, kind: 'tempo', bpm: 100 }, { tick: 0, kind: 'meter', numerator: 3, denominator: 4 }, { tick: 0, kind: 'cc', controller: 64, value: 127 }]]);
    const err = importError(bytes, 'empty-song.mid');
    expect(err.message).toBe('empty-song.mid: no notes');
  });

  it('refuses a file whose only note-on is never released', () => {
    const bytes = smf([[{ tick: 0, kind: 'on', pitch: 60, velocity: 90 }]]);
    expect(importError(bytes, 'hanging.mid').message).toMatch(/^hanging\.mid: /);
  });
});

describe('importMidi: tempo maps', () => {
  it('computes seconds through many tempo changes (by hand) and keeps beats = ticks / ppq', () => {
    const ppq = 96;
    // tempo changes at beats 0, 2, 3, 3.5, 6, 9 (one mid-beat)
    const tempos = [
      { beat: 0, bpm: 60 },
      { beat: 2, bpm: 120 },
      { beat: 3, bpm: 90 },
      { beat: 3.5, bpm: 240 },
      { beat: 6, bpm: 45 },
      { beat: 9, bpm: 150 },
    ];
    const onsets = [0, 1, 2, 2.5, 3, 3.25, 3.5, 4, 5.75, 6, 7, 9, 10, 11.5];
    const notes = onsets.map((b, i) => ({ pitch: 50 + i, start: b * ppq, duration: ppq / 4 }));
    const bytes = smf([[...tempos.map((t): Ev => ({ tick: t.beat * ppq, kind: 'tempo', bpm: t.bpm })), ...noteEvents(notes)]], { division: ppq });
    const piece = importMidi(bytes, 'tempi.mid');
    expect(piece.timing).toBe('grid');
    // hand computation: seconds per beat in each segment
    const segSeconds = (b: number) => {
      const edges = [
        [0, 2, 1],
        [2, 3, 0.5],
        [3, 3.5, 60 / 90],
        [3.5, 6, 0.25],
        [6, 9, 60 / 45],
        [9, Infinity, 0.4],
      ];
      let t = 0;
      for (const [from, to, spb] of edges) if (b > from) t += (Math.min(b, to) - from) * spb;
      return t;
    };
    expect(piece.notes.map((n) => n.onsetBeat)).toEqual(onsets);
    piece.notes.forEach((n, i) => {
      expect(n.onset).toBeCloseTo(segSeconds(onsets[i]), 5);
      expect(n.offset).toBeCloseTo(segSeconds(onsets[i] + 0.25), 5);
    });
    expect(piece.tempos.map((t) => t.beat)).toEqual(tempos.map((t) => t.beat));
    piece.tempos.forEach((t, i) => expect(t.bpm).toBeCloseTo(tempos[i].bpm, 3));
    // beat b sits at the hand-computed time
    piece.beats.forEach((s, b) => expect(s).toBeCloseTo(segSeconds(b), 5));
    expect(pieceProblems(piece, { beatTolerance: 1 })).toEqual([]);
  });

  it('uses the last of two tempo events at the same tick', () => {
    const notes = [0, 4, 8].map((b, i) => ({ pitch: 60 + i, start: b * 480, duration: 480 }));
    const bytes = smf([[{ tick: 0, kind: 'tempo', bpm: 120 }, { tick: 0, kind: 'tempo', bpm: 60 }, ...noteEvents(notes)]]);
    const piece = importMidi(bytes, 'double-tempo.mid');
    expect(piece.tempos).toEqual([{ beat: 0, bpm: 60 }]);
    expect(piece.notes.map((n) => n.onset)).toEqual([0, 4, 8]);
    expect(piece.beats.slice(0, 3)).toEqual([0, 1, 2]);
    expect(pieceProblems(piece)).toEqual([]);
  });

  it('assumes 120 BPM before the first tempo event and 4/4 without a time signature', () => {
    const notes = [0, 2, 4].map((b, i) => ({ pitch: 60 + i, start: b * 480, duration: 480 }));
    const bytes = smf([[{ tick: 960, kind: 'tempo', bpm: 60 }, ...noteEvents(notes)]]);
    const piece = importMidi(bytes, 'late-tempo.mid');
    expect(piece.tempos).toEqual([
      { beat: 0, bpm: 120 },
      { beat: 2, bpm: 60 },
    ]);
    expect(piece.meters).toEqual([{ beat: 0, numerator: 4, denominator: 4 }]);
    expect(piece.notes.map((n) => n.onset)).toEqual([0, 1, 3]);
  });
});

describe('importMidi: time signatures', () => {
  const meterFile = (meters: { beat: number; num: number; den: number }[], lastBeat: number, ppq = 480) => {
    const notes: SimpleNote[] = [];
    for (let b = 0; b < lastBeat; b += 0.5) notes.push({ pitch: 60 + ((b * 2) % 12), start: b * ppq, duration: ppq / 2 });
    return smf(
      [[{ tick: 0, kind: 'tempo', bpm: 120 }, ...meters.map((m): Ev => ({ tick: m.beat * ppq, kind: 'meter', numerator: m.num, denominator: m.den })), ...noteEvents(notes)]],
      { division: ppq },
    );
  };
  const downbeatBeats = (piece: ReturnType<typeof importMidi>) => piece.downbeats.map((s) => s * 2); // 120 BPM: beat = 2 * seconds

  it.each([
    [3, 4, 3],
    [6, 8, 3],
    [5, 4, 5],
    [7, 8, 3.5],
    [12, 8, 6],
    [2, 2, 4],
  ])('%i/%i bars are %f beats long', (num, den, len) => {
    const piece = importMidi(meterFile([{ beat: 0, num, den }], 4 * len), `${num}-${den}.mid`);
    expect(piece.meters).toEqual([{ beat: 0, numerator: num, denominator: den }]);
    const db = downbeatBeats(piece);
    expect(db.slice(0, 4)).toEqual([0, len, 2 * len, 3 * len].map((b) => expect.closeTo(b, 9)));
    for (let i = 1; i < db.length; i++) expect(db[i] - db[i - 1]).toBeCloseTo(len, 9);
    expect(db[db.length - 1]).toBeLessThan(piece.beats.length - 1);
  });

  it('follows a meter change mid-piece (4/4 -> 3/4 -> 7/8 -> 6/8)', () => {
    const meters = [
      { beat: 0, num: 4, den: 4 },
      { beat: 8, num: 3, den: 4 },
      { beat: 14, num: 7, den: 8 },
      { beat: 21, num: 6, den: 8 },
    ];
    const piece = importMidi(meterFile(meters, 30), 'changes.mid');
    expect(piece.meters).toEqual(meters.map((m) => ({ beat: m.beat, numerator: m.num, denominator: m.den })));
    expect(downbeatBeats(piece).filter((b) => b < 30)).toEqual([0, 4, 8, 11, 14, 17.5, 21, 24, 27].map((b) => expect.closeTo(b, 9)));
  });
});
