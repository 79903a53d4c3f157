import { describe, expect, it } from 'vitest';
import type { Note } from '../../engine/piece/piece.js';
import { gridLines, noteRect, pitchSpan, pitchTop, rowHeight, velocityColor, type RollLayout } from '../../renderer/src/roll/geometry.js';

const note = (pitch: number, onset: number, offset: number, velocity = 80): Note => ({ pitch, velocity, onset, offset, onsetBeat: onset * 2, offsetBeat: offset * 2 });

const layout: RollLayout = { width: 1046, height: 262, gutter: 46, ruler: 22, low: 48, high: 71 };

describe('piano roll geometry', () => {
  it('shows the notes with room around them, at least two octaves, inside the piano', () => {
    expect(pitchSpan([note(60, 0, 1), note(64, 0, 1)])).toEqual({ low: 51, high: 74 });
    expect(pitchSpan([note(30, 0, 1), note(90, 0, 1)])).toEqual({ low: 28, high: 92 });
    expect(pitchSpan([note(21, 0, 1)])).toEqual({ low: 21, high: 44 });
    expect(pitchSpan([note(108, 0, 1)])).toEqual({ low: 85, high: 108 });
    expect(pitchSpan([])).toEqual({ low: 48, high: 71 });
  });

  it('puts high pitches at the top, one row each', () => {
    expect(rowHeight(layout)).toBe(10);
    expect(pitchTop(layout, 71)).toBe(22);
    expect(pitchTop(layout, 48)).toBe(22 + 23 * 10);
  });

  it('places a note by time after the gutter and by pitch', () => {
    const r = noteRect(layout, { secondsPerPixel: 0.01, scrollSeconds: 1 }, note(60, 2, 2.5));
    expect(r.x).toBeCloseTo(46 + 100);
    expect(r.w).toBeCloseTo(49);
    expect(r.y).toBeCloseTo(pitchTop(layout, 60) + 0.5);
    expect(r.h).toBe(9);
    // a very short note is still visible
    expect(noteRect(layout, { secondsPerPixel: 1, scrollSeconds: 0 }, note(60, 0, 0.01)).w).toBe(2);
  });

  it('shades louder notes lighter', () => {
    const lightness = (v: number) => Number(/(\d+)%\)$/.exec(velocityColor(v))?.[1]);
    expect(lightness(20)).toBeLessThan(lightness(64));
    expect(lightness(64)).toBeLessThan(lightness(127));
    expect(velocityColor(500)).toBe(velocityColor(127));
  });

  it('draws bar and beat lines in view, thinning labels and beats when zoomed out', () => {
    const beats = Array.from({ length: 17 }, (_, i) => i * 0.5);
    const downbeats = beats.filter((_, i) => i % 4 === 0);
    const near = gridLines({ secondsPerPixel: 0.01, scrollSeconds: 0 }, 500, beats, downbeats);
    expect(near.bars.map((b) => b.bar)).toEqual([1, 2, 3]); // 0, 2, 4 s in 0..5 s
    expect(near.bars.every((b) => b.label)).toBe(true);
    expect(near.beats).toHaveLength(8); // 10 beats up to 5 s (x <= width + 1), minus the bar starts
    // 10 px between bars: every 4th is labelled
    const far = gridLines({ secondsPerPixel: 0.2, scrollSeconds: 0 }, 500, beats, downbeats);
    expect(far.beats).toEqual([]);
    expect(far.bars.filter((b) => b.label).map((b) => b.bar)).toEqual([1, 5]);
  });
});
