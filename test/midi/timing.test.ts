import { describe, expect, it } from 'vitest';
import { gridShares, isOnGrid } from '../../engine/beats/grid.js';
import { gridPhase } from '../../engine/beats/grid-phase.js';
import { importMidi } from '../../engine/midi/import.js';
import { checkRoundTrip } from '../../engine/tokens/round-trip.js';
import { loadVocab } from '../../engine/tokens/vocab.js';
import { pieceProblems } from '../fixtures/check-piece.js';
import { noteEvents, rng, smf, type Ev, type SimpleNote } from '../fixtures/make-midi.js';

const PPQ = 480;

/** A little piece: chords on beats, a melody in 8ths and 16ths, 8 bars of 4/4. */
function song(): SimpleNote[] {
  const notes: SimpleNote[] = [];
  const roots = [48, 53, 55, 48, 45, 50, 55, 48];
  for (let bar = 0; bar < 8; bar++) {
    const r = roots[bar];
    for (let beat = 0; beat < 4; beat++) {
      const at = (bar * 4 + beat) * PPQ;
      notes.push({ pitch: r, start: at, duration: PPQ, velocity: beat === 0 ? 100 : 70 });
      notes.push({ pitch: r + 16, start: at, duration: PPQ / 2, velocity: 60 });
      notes.push({ pitch: r + 24, start: at + PPQ / 2, duration: PPQ / 4, velocity: 64 });
      notes.push({ pitch: r + 28, start: at + (3 * PPQ) / 4, duration: PPQ / 4, velocity: 58 });
    }
  }
  return notes;
}

describe('grid or performance', () => {
  it('an on-grid file with tempo changes is a grid file, beats from its tempo map', () => {
    const tempos: Ev[] = [
      { tick: 0, kind: 'tempo', bpm: 100 },
      { tick: 8 * PPQ, kind: 'tempo', bpm: 132 },
      { tick: 16 * PPQ, kind: 'tempo', bpm: 76 },
      { tick: 24 * PPQ, kind: 'tempo', bpm: 180 },
    ];
    const piece = importMidi(smf([[...tempos, ...noteEvents(song())]]), 'grid.mid');
    expect(piece.timing).toBe('grid');
    expect(piece.tempos.map((t) => [t.beat, Math.round(t.bpm)])).toEqual([
      [0, 100],
      [8, 132],
      [16, 76],
      [24, 180],
    ]);
    expect(piece.beats[8] - piece.beats[7]).toBeCloseTo(60 / 100, 6);
    expect(piece.beats[9] - piece.beats[8]).toBeCloseTo(60 / 132, 6);
    expect(pieceProblems(piece)).toEqual([]);
  });

  it('a file of 16th triplets is still a grid file', () => {
    const notes = Array.from({ length: 48 }, (_, i) => ({ pitch: 60 + (i % 12), start: (i * PPQ) / 6, duration: PPQ / 6 }));
    expect(isOnGrid(notes.map((n) => n.start), PPQ)).toBe(false); // only a third on 16ths
    const mixed = [...notes.slice(0, 12), ...song()];
    expect(isOnGrid(mixed.map((n) => n.start), PPQ)).toBe(true);
  });

  it('the same notes with random timing at a constant 120 BPM are a performance, and its beats are tracked', () => {
    const r = rng(7);
    // played at about 100 BPM over the file's fake 120 BPM, with up to +-30 ms of jitter
    const scale = 120 / 100;
    const played = song().map((n) => {
      const jitter = Math.round((r() - 0.5) * 0.06 * 2 * PPQ); // seconds at 120 BPM: 1 beat = 0.5 s
      return { ...n, start: Math.max(0, Math.round(n.start * scale) + jitter), duration: Math.round(n.duration * scale) };
    });
    expect(isOnGrid(played.map((n) => n.start), PPQ)).toBe(false);
    const piece = importMidi(smf([[{ tick: 0, kind: 'tempo', bpm: 120 }, ...noteEvents(played)]]), 'performance.mid');
    expect(piece.timing).toBe('performance');
    expect(piece.notes).toHaveLength(played.length);
    expect(pieceProblems(piece, { beatTolerance: 1e-6 })).toEqual([]);
    // downbeats are beats, and beat 0 is a downbeat
    const beatSet = new Set(piece.beats);
    for (const d of piece.downbeats) expect(beatSet.has(d)).toBe(true);
    expect(piece.downbeats[0]).toBe(piece.beats[0]);
    // seconds come from the file's own 120 BPM: onset = ticks / PPQ * 0.5
    const sorted = [...played].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
    piece.notes.forEach((n, i) => expect(n.onset).toBeCloseTo((sorted[i].start / PPQ) * 0.5, 9));
    // the tracked tempo is near the played one (or a simple multiple), not the fake 120
    const spans = piece.beats.slice(1).map((b, i) => b - piece.beats[i]);
    const median = spans.sort((a, b) => a - b)[spans.length >> 1];
    const bpm = 60 / median;
    expect([50, 100, 200].some((t) => Math.abs(bpm - t) / t < 0.08)).toBe(true);
    expect(piece.meters).toHaveLength(1);
    expect(piece.tempos[0].beat).toBe(0);
  });

  it('a performed waltz gets a 3/4 meter map, and its tokens round-trip', () => {
    const r = rng(3);
    // 12 bars of 3/4 at about 90 BPM over the file's own 90 BPM, with up to +-30 ms of jitter
    const jittered = (ticks: number) => ticks + Math.round((r() - 0.5) * 0.06 * (90 / 60) * PPQ);
    const roots = [48, 53, 55, 48];
    const played: SimpleNote[] = [];
    for (let bar = 0; bar < 12; bar++) {
      const root = roots[bar % 4];
      const at = bar * 3 * PPQ;
      played.push({ pitch: root - 12, start: jittered(at) + PPQ, duration: 3 * PPQ - 40, velocity: 95 });
      for (const beat of [1, 2]) for (const p of [root + 4, root + 7, root + 12]) played.push({ pitch: p, start: jittered(at + beat * PPQ) + PPQ, duration: PPQ - 40, velocity: 60 });
    }
    const piece = importMidi(smf([[{ tick: 0, kind: 'tempo', bpm: 90 }, ...noteEvents(played)]]), 'waltz.mid');
    expect(piece.timing).toBe('performance');
    expect(pieceProblems(piece, { beatTolerance: 1e-6 })).toEqual([]);
    expect(piece.meters[0]).toMatchObject({ beat: 0, numerator: 3, denominator: 4 });
    // the bass notes open the bars
    const bassBeats = piece.notes.filter((n) => n.pitch < 45).map((n) => n.onsetBeat);
    for (const b of bassBeats) expect(Math.abs(b - 3 * Math.round(b / 3))).toBeLessThan(0.1);
    const report = checkRoundTrip(piece, loadVocab());
    expect(report.lost).toBe(0);
    expect(report.idempotent).toBe(true);
  });

  it('a grid file whose music sits an 8th late on its tick grid gets its beats and bars moved onto the music', () => {
    const late = song().map((n) => ({ ...n, start: n.start + PPQ / 2 }));
    expect(gridPhase(late.map((n) => ({ ...n, velocity: n.velocity ?? 64, onsetBeat: n.start / PPQ, offsetBeat: (n.start + n.duration) / PPQ })))).toBe(2);
    const piece = importMidi(smf([[{ tick: 0, kind: 'tempo', bpm: 120 }, ...noteEvents(late)]]), 'late.mid');
    expect(piece.timing).toBe('grid');
    expect(pieceProblems(piece)).toEqual([]);
    // the piece starts half a beat before the file: the chords fall on whole beats
    for (const n of piece.notes.filter((x) => x.pitch < 55)) expect(Number.isInteger(n.onsetBeat)).toBe(true);
    // seconds stay the file's (120 BPM: tick 240 is 0.25 s), and the beats fall on the chords
    const first = piece.notes.reduce((m, n) => Math.min(m, n.onset), Infinity);
    expect(first).toBeCloseTo(0.25, 9);
    expect(piece.beats.some((b) => Math.abs(b - 0.25) < 1e-9)).toBe(true);
    // bars start where the roots change: every 4 beats from the first chord
    const bars = piece.downbeats.filter((d) => d >= first - 1e-9 && d < 8 * 2);
    expect(bars.map((d) => Math.round((d - 0.25) / 2))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(piece.meters[piece.meters.length - 1].numerator).toBe(4);
    const report = checkRoundTrip(piece, loadVocab());
    expect(report.lost).toBe(0);
    expect(report.maxOnsetErrorSteps).toBe(0);
    expect(report.idempotent).toBe(true);
  });

  it('a grid file whose music sits on its beats keeps its grid', () => {
    const notes = song();
    expect(gridPhase(notes.map((n) => ({ ...n, velocity: n.velocity ?? 64, onsetBeat: n.start / PPQ, offsetBeat: (n.start + n.duration) / PPQ })))).toBe(0);
    const piece = importMidi(smf([[{ tick: 0, kind: 'tempo', bpm: 120 }, ...noteEvents(notes)]]), 'on.mid');
    expect(piece.beats[0]).toBe(0);
    expect(piece.downbeats.slice(0, 3)).toEqual([0, 2, 4]);
    expect(piece.notes[0].onsetBeat).toBe(0);
  });

  it('a 4/4 grid file whose chords change a beat after its bar lines gets its bar lines moved, bar length kept', () => {
    // a one-beat pickup on tick 0, then the song: its bars start on file beats 1, 5, 9 ...
    const pickup: SimpleNote = { pitch: 67, start: 0, duration: PPQ, velocity: 60 };
    const notes = [pickup, ...song().map((n) => ({ ...n, start: n.start + PPQ }))];
    const piece = importMidi(smf([[{ tick: 0, kind: 'tempo', bpm: 120 }, ...noteEvents(notes)]]), 'pickup.mid');
    expect(piece.timing).toBe('grid');
    expect(piece.beats[0]).toBe(0);
    expect(piece.meters).toEqual([
      { beat: 0, numerator: 1, denominator: 4 },
      { beat: 1, numerator: 4, denominator: 4 },
    ]);
    expect(piece.downbeats.slice(0, 4)).toEqual([0, 0.5, 2.5, 4.5]);
    const report = checkRoundTrip(piece, loadVocab());
    expect(report.lost).toBe(0);
    expect(report.idempotent).toBe(true);
  });

  it('gridShares counts onsets near 16ths and 16th triplets', () => {
    expect(gridShares([], 480)).toEqual({ grid: 1, sixteenths: 1 });
    expect(gridShares([0, 120, 240, 360], 480)).toEqual({ grid: 1, sixteenths: 1 });
    expect(gridShares([0, 80, 160], 480)).toEqual({ grid: 1, sixteenths: 1 / 3 });
    expect(gridShares([0, 7, 50], 480)).toEqual({ grid: 2 / 3, sixteenths: 2 / 3 }); // tol = 7.5 ticks
  });
});
