import { describe, expect, it } from 'vitest';
import { onePerPitch } from '../../engine/piece/one-per-pitch.js';

const note = (pitch: number, start: number, end: number, velocity = 60) => ({ pitch, velocity, start, end });

describe('one sounding note per pitch', () => {
  it('plays a pitch struck twice at once as one note, the louder and the longer', () => {
    const input = [note(60, 0, 1, 50), note(64, 0, 2), note(60, 0, 3, 90)];
    const r = onePerPitch(input);
    expect(r.notes).toEqual([note(60, 0, 3, 90), note(64, 0, 2)]);
    expect([r.merged, r.truncated]).toEqual([1, 0]);
    expect(input[0]).toEqual(note(60, 0, 1, 50)); // the input is left as it was
  });

  it('ends a note where its pitch is struck again, and leaves other pitches alone', () => {
    const r = onePerPitch([note(62, 2, 4), note(60, 0, 4), note(64, 1, 3), note(60, 2, 5, 70)]);
    expect(r.notes).toEqual([note(60, 0, 2), note(64, 1, 3), note(60, 2, 5, 70), note(62, 2, 4)]);
    expect([r.merged, r.truncated]).toEqual([0, 1]);
  });
});
