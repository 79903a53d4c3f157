import { describe, expect, it } from 'vitest';
import { chordName } from '../../renderer/src/music/chord-name.js';
import { laneBoxes } from '../../renderer/src/roll/lane-boxes.js';

const chords = [
  { start: 0, end: 2, label: 'C:maj' },
  { start: 2, end: 4, label: 'A:min' },
  { start: 4, end: 6, label: 'G:7' },
];

describe('chord lane', () => {
  it('places each chord on the time axis', () => {
    expect(laneBoxes(chords, { secondsPerPixel: 0.01, scrollSeconds: 0 }, 1000)).toEqual([
      { x: 0, width: 200, label: 'C:maj' },
      { x: 200, width: 200, label: 'A:min' },
      { x: 400, width: 200, label: 'G:7' },
    ]);
  });

  it('follows scroll and zoom, clips to the time area and leaves out what is outside', () => {
    // 50 px per second from 3 s: the 100 px area shows 3 s to 5 s
    expect(laneBoxes(chords, { secondsPerPixel: 0.02, scrollSeconds: 3 }, 100)).toEqual([
      { x: 0, width: 50, label: 'A:min' },
      { x: 50, width: 50, label: 'G:7' },
    ]);
    expect(laneBoxes(chords, { secondsPerPixel: 0.01, scrollSeconds: 10 }, 500)).toEqual([]);
    expect(laneBoxes([], { secondsPerPixel: 0.01, scrollSeconds: 0 }, 500)).toEqual([]);
  });

  it('names chords as musicians write them', () => {
    expect(['C:maj', 'A:min', 'G:7', 'F:M7', 'D:m7', 'B:dim', 'B:hdim7', 'C#:o7', 'D#:aug', 'G:sus4', 'N'].map(chordName)).toEqual([
      'C', 'Am', 'G7', 'Fmaj7', 'Dm7', 'B°', 'Bø7', 'C#°7', 'D#+', 'Gsus4', 'N',
    ]);
  });
});
