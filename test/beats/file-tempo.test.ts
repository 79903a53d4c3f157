import { describe, expect, it } from 'vitest';
import { followedBeats } from '../../engine/beats/file-tempo.js';
import { trackBeats } from '../../engine/beats/track.js';
import { constantTempo, isochronous, lcg, pattern, performedTempo } from '../fixtures/played.js';

/** Beat times of a performance slowing from 96 to 80 BPM over `count` beats, from 0.2 s. */
function slowing(count: number): number[] {
  const times = [0.2];
  for (let k = 1; k < count; k++) times.push(times[k - 1] + 60 / (96 - (16 * k) / count));
  return times;
}

/** The map's beat times `offset` beats past each of its beats. */
function atPhase(map: ReturnType<typeof performedTempo>, count: number, offset: number): number[] {
  return Array.from({ length: count }, (_, k) => map.toSeconds(k + offset));
}

describe('followedBeats', () => {
  // the file's tick 0 sits 0.3 beat before the music's first beat
  const map = performedTempo(slowing(80));
  const truth = atPhase(map, 72, 0.3);
  const notes = pattern(truth);

  it("takes the map's beats at the phase the tracked beats keep, over a stretch where the tracker went astray", () => {
    const rand = lcg(3);
    // beats 30-49 half a beat off, the rest jittered by up to ±15 ms
    const tracked = truth.map((t, k) => (k >= 30 && k < 50 ? (t + truth[k + 1]) / 2 : t + (rand() - 0.5) * 0.03));
    const beats = followedBeats(tracked, notes, map);
    expect(beats).toBeDefined();
    expect(beats!.length).toBe(truth.length);
    // the phase comes from jittered beats: within a millisecond
    beats!.forEach((b, k) => expect(Math.abs(b - truth[k])).toBeLessThan(0.001));
  });

  it('moves a tracker that sat a 16th early throughout onto the beat, where the bass and the chords are', () => {
    const tracked = truth.map((_, k) => map.toSeconds(k + 0.3 - 0.25));
    const beats = followedBeats(tracked, notes, map);
    expect(beats).toBeDefined();
    for (const t of truth.slice(1, -1)) expect(Math.min(...beats!.map((b) => Math.abs(b - t)))).toBeLessThan(1e-6);
  });

  it('leaves a performance free of the map alone: 3 % faster, it drifts through every phase', () => {
    const free = constantTempo(90);
    const played = isochronous(90 * 1.03, 72);
    expect(followedBeats(played, pattern(played), free)).toBeUndefined();
  });

  it('leaves beats at another level alone', () => {
    const half = truth.filter((_, k) => k % 2 === 0);
    expect(followedBeats(half, notes, map)).toBeUndefined();
  });
});

describe('trackBeats with a tempo map the notes follow', () => {
  it('returns the map’s beats through a ritardando, bar lines on the bass notes', () => {
    const map = performedTempo(slowing(80));
    const truth = atPhase(map, 72, 0);
    const notes = pattern(truth, 0);
    const track = trackBeats(notes, map);
    // the phase comes from beats tracked on onsets jittered by ±10 ms (and 10 ms frames)
    const near = (xs: readonly number[], t: number) => Math.min(...xs.map((b) => Math.abs(b - t)));
    for (const t of truth.slice(0, -1)) expect(near(track.beats, t)).toBeLessThan(0.01);
    for (const d of truth.filter((_, k) => k % 4 === 0).slice(0, -1)) expect(near(track.downbeats, d)).toBeLessThan(0.01);
    // every beat keeps the map's spacing: no drift, no dropped beat
    const inside = track.beats.filter((b) => b >= truth[0] - 0.01 && b <= truth[truth.length - 2] + 0.01);
    expect(inside.length).toBe(truth.length - 1);
  });
});
