import { describe, expect, it } from 'vitest';
import type { PerformedNote } from '../../engine/beats/performed-note.js';
import { trackBeats, type BeatTrack } from '../../engine/beats/track.js';
import { constantTempo, isochronous, lcg, pattern, PROGRESSION } from '../fixtures/played.js';

/** Largest distance from each reference beat to the nearest tracked beat. */
function worstMiss(reference: readonly number[], tracked: readonly number[]): number {
  return Math.max(...reference.map((r) => Math.min(...tracked.map((b) => Math.abs(b - r)))));
}

function expectValid(track: BeatTrack, notes: readonly PerformedNote[]): void {
  const { beats, downbeats } = track;
  expect(beats.length).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < beats.length; i++) expect(beats[i]).toBeGreaterThan(beats[i - 1]);
  expect(beats.every(Number.isFinite)).toBe(true);
  if (notes.length > 0) {
    expect(beats[0]).toBeLessThanOrEqual(Math.min(...notes.map((n) => n.onset)));
    expect(beats[beats.length - 1]).toBeGreaterThanOrEqual(Math.max(...notes.map((n) => n.offset)));
  }
  expect(track.firstDownbeat).toBeGreaterThanOrEqual(0);
  expect(track.firstDownbeat).toBeLessThan(track.beatsPerBar);
  expect(downbeats[0]).toBe(beats[track.firstDownbeat]);
  expect(downbeats).toEqual(track.barStarts.map((i) => beats[i]));
  // bars are never longer than the meter's, at least two beats, and reach the end
  track.barStarts.slice(1).forEach((s, k) => expect(s - track.barStarts[k]).toBeGreaterThanOrEqual(2));
  track.barStarts.slice(1).forEach((s, k) => expect(s - track.barStarts[k]).toBeLessThanOrEqual(track.beatsPerBar));
  expect(beats.length - track.barStarts[track.barStarts.length - 1]).toBeLessThanOrEqual(track.beatsPerBar);
  expect(track.bpm).toBeGreaterThan(0);
}

describe('trackBeats', () => {
  it('tracks an isochronous pattern at 90 BPM', () => {
    const truth = isochronous(90, 48);
    const notes = pattern(truth);
    const track = trackBeats(notes);
    expectValid(track, notes);
    expect(Math.abs(track.bpm - 90)).toBeLessThanOrEqual(2);
    expect(worstMiss(truth.slice(0, -1), track.beats)).toBeLessThan(0.03);
  });

  it('follows a tempo rising linearly from 100 to 115 BPM', () => {
    // beat k+1 comes one period after beat k; the tempo rises by the same step each beat
    const count = 64;
    const truth = [0.2];
    for (let k = 1; k < count; k++) truth.push(truth[k - 1] + 60 / (100 + (15 * (k - 1)) / (count - 2)));
    const notes = pattern(truth);
    const track = trackBeats(notes);
    expectValid(track, notes);
    expect(worstMiss(truth.slice(0, -1), track.beats)).toBeLessThan(0.04);
    const inSpan = track.beats.filter((b) => b >= truth[0] - 0.05 && b <= truth[count - 2] + 0.05);
    expect(inSpan.length).toBe(count - 1); // no extra beats either
  });

  it('puts the downbeats where bass notes and chord changes mark the bars', () => {
    // the music starts on beat 3 of a bar: a two-beat pickup before the first bar line
    const truth = isochronous(110, 50);
    const notes = pattern(truth, 2);
    const track = trackBeats(notes);
    expectValid(track, notes);
    const bars = truth.filter((_, k) => (k + 2) % 4 === 0).slice(0, -1);
    expect(worstMiss(bars, track.downbeats)).toBeLessThan(0.03);
  });

  it('takes the quarter note, not running 8ths, when the harmony changes once a bar', () => {
    // the same full chord on every 8th: onsets alone fit 152 BPM as well as 76 BPM
    const truth = isochronous(76, 48);
    const notes: PerformedNote[] = [];
    const rand = lcg(3);
    truth.slice(0, -1).forEach((t, k) => {
      const chord = PROGRESSION[Math.floor(k / 4) % 4];
      const half = (truth[k + 1] - t) / 2;
      for (const at of [t, t + half]) {
        for (const p of chord) notes.push({ onset: at + (rand() - 0.5) * 0.02, offset: at + half, pitch: p, velocity: 70 });
      }
    });
    const track = trackBeats(notes);
    expectValid(track, notes);
    expect(Math.abs(track.bpm - 76)).toBeLessThanOrEqual(2);
    expect(worstMiss(truth.slice(0, -1), track.beats)).toBeLessThan(0.03);
  });

  it('keeps a 64 BPM ballad at 64: bass on each bar, broken chords in 8ths, a chord a bar', () => {
    const truth = isochronous(64, 40);
    const notes: PerformedNote[] = [];
    const rand = lcg(5);
    const jitter = () => (rand() - 0.5) * 0.02;
    truth.slice(0, -1).forEach((t, k) => {
      const [bass, ...chord] = PROGRESSION[Math.floor(k / 4) % 4];
      const half = (truth[k + 1] - t) / 2;
      if (k % 4 === 0) notes.push({ onset: t + jitter(), offset: t + 8 * half, pitch: bass - 12, velocity: 80 });
      // broken chord: a chord tone on every 8th, the bass's octave on the beat
      notes.push({ onset: t + jitter(), offset: t + half, pitch: k % 2 === 0 ? bass : chord[0], velocity: 60 });
      notes.push({ onset: t + half + jitter(), offset: t + 2 * half, pitch: chord[1 + (k % 2)], velocity: 50 });
    });
    const track = trackBeats(notes);
    expectValid(track, notes);
    expect(Math.abs(track.bpm - 64)).toBeLessThanOrEqual(2);
    expect(worstMiss(truth.slice(0, -1), track.beats)).toBeLessThan(0.03);
  });

  it('takes the level of a hinted tempo: 8ths of a 66 BPM song tracked at 132 come back to 66', () => {
    // full chords on every 8th and the harmony changing every two beats: nothing in
    // the notes prefers 66 over 132 BPM, the file's tempo does
    const truth = isochronous(132, 64);
    const notes: PerformedNote[] = [];
    const rand = lcg(9);
    truth.slice(0, -1).forEach((t, k) => {
      for (const p of PROGRESSION[Math.floor(k / 4) % 4]) notes.push({ onset: t + (rand() - 0.5) * 0.02, offset: truth[k + 1], pitch: p, velocity: 70 });
    });
    expect(Math.abs(trackBeats(notes).bpm - 132)).toBeLessThanOrEqual(3);
    const hinted = trackBeats(notes, constantTempo(66));
    expectValid(hinted, notes);
    expect(Math.abs(hinted.bpm - 66)).toBeLessThanOrEqual(2);
    expect(worstMiss(truth.filter((_, k) => k % 2 === 0).slice(0, -1), hinted.beats)).toBeLessThan(0.03);
    // a hint no octave of the notes agrees with is ignored
    expect(trackBeats(notes, constantTempo(100)).beats).toEqual(trackBeats(notes).beats);
  });

  it('finds 3/4: three beats a bar, the bar lines on the bass notes, after a one-beat pickup', () => {
    // waltz: bass on 1, chord on 2 and 3, a chord a bar; the music starts on beat 3
    const truth = isochronous(100, 49);
    const notes: PerformedNote[] = [];
    const rand = lcg(11);
    const jitter = () => (rand() - 0.5) * 0.02;
    truth.slice(0, -1).forEach((t, k) => {
      const beat = (k + 2) % 3;
      const [bass, ...chord] = PROGRESSION[Math.floor((k + 2) / 3) % 4];
      const dt = truth[k + 1] - t;
      if (beat === 0) notes.push({ onset: t + jitter(), offset: t + 2.8 * dt, pitch: bass - 12, velocity: 90 });
      else for (const p of chord) notes.push({ onset: t + jitter(), offset: t + 0.8 * dt, pitch: p, velocity: 60 });
      notes.push({ onset: t + dt / 2 + jitter(), offset: t + dt, pitch: chord[2] + 12, velocity: 45 });
    });
    const track = trackBeats(notes);
    expectValid(track, notes);
    expect(track.beatsPerBar).toBe(3);
    expect(Math.abs(track.bpm - 100)).toBeLessThanOrEqual(2);
    const bars = truth.filter((_, k) => (k + 2) % 3 === 0).slice(0, -1);
    expect(worstMiss(bars, track.downbeats)).toBeLessThan(0.03);
    expect(track.downbeats.length).toBe(track.barStarts.length);
  });

  it('follows a short bar: after a 2/4 bar the bar lines move with the music', () => {
    // 4 bars of 4/4, one bar of 2 beats, 6 more bars of 4/4
    const lengths = [4, 4, 4, 4, 2, 4, 4, 4, 4, 4, 4];
    const barBeats: number[] = [];
    lengths.forEach((len, b) => barBeats.push(...Array.from({ length: len }, (_, i) => (i === 0 ? b : -1))));
    const truth = isochronous(96, barBeats.length + 1);
    const notes: PerformedNote[] = [];
    const rand = lcg(13);
    const jitter = () => (rand() - 0.5) * 0.02;
    let bar = -1;
    truth.slice(0, -1).forEach((t, k) => {
      if (barBeats[k] >= 0) bar = barBeats[k];
      const [bass, ...chord] = PROGRESSION[bar % 4];
      const dt = truth[k + 1] - t;
      if (barBeats[k] >= 0) notes.push({ onset: t + jitter(), offset: t + 1.8 * dt, pitch: bass - 12, velocity: 90 });
      for (const p of chord) notes.push({ onset: t + jitter(), offset: t + 0.9 * dt, pitch: p, velocity: barBeats[k] >= 0 ? 80 : 60 });
      notes.push({ onset: t + dt / 2 + jitter(), offset: t + dt, pitch: chord[2] + 12, velocity: 50 });
    });
    const track = trackBeats(notes);
    expectValid(track, notes);
    expect(track.beatsPerBar).toBe(4);
    const bars = truth.filter((_, k) => barBeats[k] >= 0);
    expect(worstMiss(bars, track.downbeats)).toBeLessThan(0.03);
    expect(worstMiss(track.downbeats.filter((d) => d < truth[truth.length - 2]), bars)).toBeLessThan(0.03);
  });

  it('returns a 120 BPM grid from 0 for no notes', () => {
    const track = trackBeats([]);
    expectValid(track, []);
    expect(track.beats[0]).toBe(0);
    expect(track.bpm).toBeCloseTo(120, 6);
  });

  it('covers a single note', () => {
    const notes = [{ onset: 1.3, offset: 2.9, pitch: 60, velocity: 80 }];
    expectValid(trackBeats(notes), notes);
  });

  it('covers notes that all start together', () => {
    const notes = [48, 52, 55, 60, 64, 67].map((pitch) => ({ onset: 2, offset: 2.5, pitch, velocity: 70 }));
    expectValid(trackBeats(notes), notes);
  });

  it('tolerates odd values and long silences', () => {
    const notes: PerformedNote[] = [
      ...pattern(isochronous(120, 12, 0)),
      { onset: 500, offset: 499, pitch: 60, velocity: 0 }, // offset before onset, velocity 0
      { onset: NaN, offset: 1, pitch: 60, velocity: 64 },
      ...pattern(isochronous(120, 12, 900)),
    ];
    const track = trackBeats(notes);
    const finite = notes.filter((n) => Number.isFinite(n.onset)).map((n) => ({ ...n, offset: Math.max(n.offset, n.onset) }));
    expectValid(track, finite);
  });

  it('is deterministic', () => {
    const notes = pattern(isochronous(97, 40));
    expect(trackBeats(notes)).toEqual(trackBeats(notes));
  });
});
