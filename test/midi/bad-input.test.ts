import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { MAX_MIDI_BYTES } from '../../engine/midi/read-smf.js';
import { importMidi, MAX_BEATS } from '../../engine/midi/import.js';
import type { Piece } from '../../engine/piece/piece.js';
import { detokenize } from '../../engine/tokens/detokenize.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { pieceProblems } from '../fixtures/check-piece.js';
import { noteEvents, rng, simpleSmf, smf, tonejsMidi, trackChunk, type Ev, type SimpleNote } from '../fixtures/make-midi.js';

const NAME = 'input.mid';
const vocab = loadVocab();

/** The InputError importMidi throws (anything else, or no error, fails the test). */
function refusal(bytes: Uint8Array, name = NAME): InputError {
  let caught: unknown;
  try {
    importMidi(bytes, name);
  } catch (err) {
    caught = err;
  }
  if (caught === undefined) throw new Error('expected an InputError, but the import succeeded');
  if (!(caught instanceof InputError)) throw new Error(`expected an InputError, got ${String(caught)}`, { cause: caught });
  expect(caught.file).toBe(name);
  expect(caught.message).toBe(`${name}: ${caught.problem}`);
  expect(caught.problem.length).toBeGreaterThan(3);
  return caught;
}

const SONG: SimpleNote[] = [
  ...[60, 64, 67, 72].map((pitch, i) => ({ pitch, start: i * 240, duration: 240, velocity: 90 })),
  { pitch: 48, start: 0, duration: 960, velocity: 70 },
  { pitch: 53, start: 960, duration: 960, velocity: 70 },
  { pitch: 65, start: 960, duration: 480, velocity: 80 },
  { pitch: 69, start: 1440, duration: 240, velocity: 85 },
];
describe('bad input is refused with an InputError naming the file and the problem', () => {
  it('an empty file', () => {
    expect(refusal(new Uint8Array(0)).problem).toMatch(/empty/);
  });

  it('garbage bytes', () => {
    const r = rng(1);
    const bytes = Uint8Array.from({ length: 500 }, () => Math.floor(r() * 256));
    expect(refusal(bytes).problem).toMatch(/not a MIDI file/);
  });

  it('a text file', () => {
    expect(refusal(new TextEncoder().encode('Hello, this is not MIDI.\nMThd is not at the start\n'), 'notes.txt').problem).toMatch(/not a MIDI file/);
  });

  it('a file shorter than a header', () => {
    expect(refusal(Uint8Array.from([0x4d, 0x54, 0x68, 0x64, 0, 0])).problem).toMatch(/not a MIDI file/);
  });

  it('a valid file truncated at every cut point', () => {
    const whole = smf([[{ tick: 0, kind: 'name', text: 'Piano' }, { tick: 0, kind: 'tempo', bpm: 96 }, { tick: 0, kind: 'meter', numerator: 3, denominator: 4 }, ...noteEvents(SONG)]], { division: 480 });
    const files = [whole, tonejsMidi([{ name: 'A', notes: SONG }, { name: 'B', channel: 1, notes: SONG.map((n) => ({ ...n, pitch: n.pitch + 12 })) }])];
    for (const file of files) {
      expect(importMidi(file, NAME).notes.length).toBeGreaterThan(0);
      for (let cut = 0; cut < file.length; cut++) {
        const problem = refusal(file.subarray(0, cut)).problem;
        if (cut >= 22) expect(problem).toMatch(/truncated/);
      }
    }
  });

  it('a track chunk missing although announced', () => {
    const bytes = smf([noteEvents(SONG)], { declaredTracks: 3 });
    expect(refusal(bytes).problem).toMatch(/announces 3 tracks/);
  });

  it('0 ticks per beat', () => {
    expect(refusal(simpleSmf(SONG, 0)).problem).toMatch(/0 ticks per beat/);
  });

  it('SMPTE time division', () => {
    // -25 frames per second, 40 ticks per frame
    expect(refusal(simpleSmf(SONG, 0xe728)).problem).toMatch(/SMPTE/);
  });

  it('format 2 and unknown formats', () => {
    expect(refusal(smf([noteEvents(SONG)], { format: 2 })).problem).toMatch(/format 2/);
    expect(refusal(smf([noteEvents(SONG)], { format: 7 })).problem).toMatch(/format 7/);
  });

  it('a bad header length', () => {
    const bytes = simpleSmf(SONG);
    bytes[7] = 2;
    expect(refusal(bytes).problem).toMatch(/header length/);
  });

  it.each([
    ['0.5 BPM (longest setTempo: 3.58 BPM)', 0xffffff],
    ['5000 BPM', 12000],
    ['infinite tempo (0 microseconds)', 0],
  ])('an absurd tempo: %s', (_, microseconds) => {
    const bytes = simpleSmf(SONG, 480, [{ tick: 480, kind: 'tempo', microseconds }]);
    expect(refusal(bytes).problem).toMatch(/absurd tempo/);
  });

  it('tempos at the limits are accepted', () => {
    for (const bpm of [4, 1000]) expect(importMidi(simpleSmf(SONG, 480, [{ tick: 480, kind: 'tempo', bpm }]), NAME).notes).toHaveLength(SONG.length);
  });

  it('a file over the size limit', () => {
    const big = new Uint8Array(MAX_MIDI_BYTES + 1);
    big.set(simpleSmf(SONG));
    expect(refusal(big).problem).toMatch(/MB/);
    // at the limit it is not refused for its size (here: trailing zeros after the tracks)
    const atLimit = new Uint8Array(MAX_MIDI_BYTES);
    atLimit.set(simpleSmf(SONG));
    expect(importMidi(atLimit, NAME).notes).toHaveLength(SONG.length);
  });

  it.each<[string, Ev]>([
    ['0/4', { tick: 0, kind: 'meter', numerator: 0, denominator: 4 }],
    ['33/4', { tick: 0, kind: 'meter', numerator: 33, denominator: 4 }],
    ['4/64', { tick: 0, kind: 'meter', numerator: 4, denominator: 64 }],
    ['4/2^200', { tick: 0, kind: 'meter', numerator: 4, denominator: 1, denominatorPower: 200 }],
    ['a 5/4 then 3/0', { tick: 960, kind: 'meter', numerator: 3, denominator: 1, denominatorPower: 255 }],
  ])('an unsupported time signature: %s', (_, meter) => {
    expect(refusal(simpleSmf(SONG, 480, [meter])).problem).toMatch(/unsupported time signature/);
  });

  it('a note velocity or pitch byte over 127', () => {
    expect(refusal(smf([[{ tick: 0, kind: 'raw', bytes: [0x90, 60, 0x83] }, { tick: 100, kind: 'off', pitch: 60 }]])).problem).toMatch(/corrupt note/);
    expect(refusal(smf([[{ tick: 0, kind: 'raw', bytes: [0x90, 0xc8, 80] }, { tick: 100, kind: 'raw', bytes: [0x80, 0xc8, 0] }]])).problem).toMatch(/corrupt note/);
  });

  it.each<[string, number[]]>([
    ['a running status byte before any status', [0x00, 0x40, 0x40]],
    ['an undefined status byte', [0x00, 0xf4, 0x00]],
    ['a set-tempo event of the wrong length', [0x00, 0xff, 0x51, 0x02, 0x07, 0xa1]],
    ['an end-of-track event with data', [0x00, 0xff, 0x2f, 0x01, 0x00]],
    ['an event running past the end of its chunk', [0x00, 0xff, 0x01, 0x7f, 0x41]],
  ])('%s', (_, raw) => {
    const chunk = trackChunk([{ tick: 0, kind: 'raw', bytes: raw.slice(1) }, ...noteEvents(SONG)]);
    refusal(smf([chunk]));
  });

  it('a chunk that is not a track where a track should be', () => {
    const bytes = simpleSmf(SONG);
    bytes.set([0x4d, 0x54, 0x72, 0x78], 14); // MTrx
    expect(() => importMidi(bytes, NAME)).toThrow(InputError);
  });

  it('a piece spanning an absurd time (a corrupt delta time)', () => {
    for (const [ppq, tick] of [
      [1, 0x0fffffff],
      [480, 0x0fffffff],
      [1, 10_000_000],
    ]) {
      const notes = [
        { pitch: 60, start: 0, duration: 1 },
        { pitch: 62, start: tick, duration: 1 },
      ];
      const started = Date.now();
      expect(refusal(simpleSmf(notes, ppq)).problem).toMatch(/hours/);
      expect(Date.now() - started).toBeLessThan(1000);
    }
    // just below the limits is fine: 1.9 hours at 120 BPM; MAX_BEATS - 10 beats at 1000 BPM (50 minutes)
    const long = importMidi(simpleSmf([{ pitch: 60, start: 0, duration: 4 }, { pitch: 62, start: 1.9 * 7200 * 4, duration: 4 }], 4), NAME);
    expect(long.notes).toHaveLength(2);
    const fast = simpleSmf([{ pitch: 60, start: 0, duration: 4 }, { pitch: 62, start: (MAX_BEATS - 10) * 4, duration: 4 }], 4, [{ tick: 0, kind: 'tempo', bpm: 1000 }]);
    expect(importMidi(fast, NAME).notes).toHaveLength(2);
    expect(refusal(simpleSmf([{ pitch: 60, start: 0, duration: 4 }, { pitch: 62, start: (MAX_BEATS + 10) * 4, duration: 4 }], 4, [{ tick: 0, kind: 'tempo', bpm: 1000 }])).problem).toMatch(/beats/);
  });

  it('a performance with hours of silence in the middle', () => {
    const r = rng(3);
    const notes: SimpleNote[] = [];
    const cluster = (from: number) => {
      for (let i = 0; i < 30; i++) notes.push({ pitch: 50 + (i % 20), start: from + Math.round(i * 437 + r() * 100), duration: 200 });
    };
    cluster(0);
    cluster(3 * 3600 * 960); // 3 hours at 120 BPM, 480 ticks per beat
    const started = Date.now();
    expect(refusal(smf([noteEvents(notes)])).problem).toMatch(/hours/);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

/** SONG played freely: 24 notes off any grid at a fake 120 BPM. */
function performed(): SimpleNote[] {
  const r = rng(11);
  const out: SimpleNote[] = [];
  for (let k = 0; k < 3; k++) for (const n of SONG) out.push({ ...n, start: Math.round((n.start + k * 1920) * 1.13 + r() * 60), duration: n.duration + Math.round(r() * 50) });
  return out;
}

/** A valid piece, which also tokenizes and detokenizes. */
function checkImported(piece: Piece): string[] {
  const problems = pieceProblems(piece, { beatTolerance: piece.timing === 'grid' ? Infinity : 1e-6 });
  const { sequence } = tokenize(piece, vocab);
  const back = detokenize(sequence, vocab);
  for (let i = 1; i < back.beats.length; i++) if (!(back.beats[i] > back.beats[i - 1])) problems.push('detokenized beats not increasing');
  if (back.notes.some((n) => !Number.isFinite(n.onset) || !Number.isFinite(n.offset))) problems.push('detokenized notes not finite');
  return problems;
}

describe('mutated MIDI files: a valid Piece or an InputError, nothing else', () => {
  const seeds: Uint8Array[] = [
    simpleSmf(SONG),
    smf([[{ tick: 0, kind: 'tempo', bpm: 90 }, { tick: 0, kind: 'meter', numerator: 7, denominator: 8 }, { tick: 0, kind: 'cc', controller: 64, value: 127 }, { tick: 1500, kind: 'cc', controller: 64, value: 0 }, ...noteEvents(SONG)]], {
      division: 96 * 5,
      runningStatus: true,
      zeroVelocityOff: true,
    }),
    tonejsMidi(
      [
        { name: 'RH', notes: SONG, pedal: [{ tick: 0, value: 127 }, { tick: 900, value: 0 }] },
        { name: 'Drums', channel: 9, notes: SONG.slice(0, 3) },
      ],
      [
        { tick: 0, bpm: 120 },
        { tick: 960, bpm: 70 },
      ],
      [
        { tick: 0, numerator: 3, denominator: 4 },
        { tick: 1440, numerator: 5, denominator: 4 },
      ],
    ),
    // a performance (off the grid): its beats are tracked
    smf([noteEvents(performed())], { division: 480 }),
  ];

  type Mutation =
    | { op: 'flip'; at: number; value: number }
    | { op: 'insert'; at: number; bytes: number[] }
    | { op: 'delete'; at: number; count: number }
    | { op: 'truncate'; at: number }
    | { op: 'chunkLength'; chunk: number; value: number };

  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ op: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }) }),
    fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({
      op: fc.constant('chunkLength' as const),
      chunk: fc.nat(3),
      value: fc.oneof(fc.nat(), fc.constant(0), fc.constant(0xffffffff), fc.integer({ min: 0, max: 64 })),
    }),
  );

  function mutate(input: Uint8Array, m: Mutation): Uint8Array {
    const b = Array.from(input);
    const at = b.length ? m.op === 'insert' ? (m as { at: number }).at % (b.length + 1) : (m as { at: number }).at % b.length : 0;
    switch (m.op) {
      case 'flip':
        if (b.length) b[at] = m.value;
        break;
      case 'insert':
        b.splice(at, 0, ...m.bytes);
        break;
      case 'delete':
        b.splice(at, m.count);
        break;
      case 'truncate':
        b.length = at;
        break;
      case 'chunkLength': {
        // the length field of the chunk-th chunk (0 = MThd)
        let pos = 0;
        for (let k = 0; k < m.chunk && pos + 8 <= b.length; k++) pos += 8 + ((b[pos + 4] << 24) | (b[pos + 5] << 16) | (b[pos + 6] << 8) | b[pos + 7]) >>> 0;
        if (pos + 8 <= b.length) b.splice(pos + 4, 4, (m.value >>> 24) & 0xff, (m.value >>> 16) & 0xff, (m.value >>> 8) & 0xff, m.value & 0xff);
        break;
      }
    }
    return Uint8Array.from(b);
  }

  /** importMidi of each mutant: an InputError, or a valid Piece that tokenizes and detokenizes. */
  function holds(seedIndexes: number[], numRuns: number, seed: number): { valid: number; refused: number } {
    let valid = 0;
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...seedIndexes), fc.array(mutation, { minLength: 1, maxLength: 4 }), (k, mutations) => {
        const bytes = mutations.reduce(mutate, seeds[k]);
        let piece: Piece;
        try {
          piece = importMidi(bytes, 'mutant.mid');
        } catch (err) {
          if (err instanceof InputError && err.message.startsWith('mutant.mid: ') && err.problem.length > 0) {
            refused++;
            return true;
          }
          throw err;
        }
        valid++;
        const problems = checkImported(piece);
        if (problems.length) throw new Error(problems.slice(0, 5).join('; '));
        return true;
      }),
      { seed, numRuns },
    );
    return { valid, refused };
  }

  it('holds for 800 mutations of grid files', () => {
    const { valid, refused } = holds([0, 1, 2], 800, 20240611);
    // the mutations reach both outcomes
    expect(valid).toBeGreaterThan(30);
    expect(refused).toBeGreaterThan(30);
  });

  it('holds for 300 mutations of a performance (beats tracked)', () => {
    const { valid, refused } = holds([3], 300, 7);
    expect(valid).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(10);
  });

  it('the unmutated seeds are valid', () => {
    for (const s of seeds) expect(checkImported(importMidi(s, NAME))).toEqual([]);
    expect(importMidi(seeds[3], NAME).timing).toBe('performance');
  });
});
