import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clampScroll,
  END_MARGIN_SECONDS,
  fitView,
  followPlayhead,
  MAX_SECONDS_PER_PIXEL,
  MIN_SECONDS_PER_PIXEL,
  scrollForThumb,
  scrollThumb,
  timeToX,
  xToTime,
  zoomAt,
} from '../../renderer/src/time/time-axis.js';

const view = { secondsPerPixel: 0.01, scrollSeconds: 5 };

describe('time axis', () => {
  it('maps time to pixels and back', () => {
    expect(timeToX(view, 5)).toBe(0);
    expect(timeToX(view, 6)).toBeCloseTo(100);
    expect(xToTime(view, 250)).toBeCloseTo(7.5);
    fc.assert(
      fc.property(fc.double({ min: -1e3, max: 1e4, noNaN: true }), fc.double({ min: 1e-4, max: 1, noNaN: true }), (x, spp) => {
        const v = { secondsPerPixel: spp, scrollSeconds: 3 };
        expect(timeToX(v, xToTime(v, x))).toBeCloseTo(x, 6);
      }),
    );
  });

  it('zooms around the anchor, within the limits', () => {
    const z = zoomAt(view, 2, 300);
    expect(z.secondsPerPixel).toBeCloseTo(0.005);
    expect(xToTime(z, 300)).toBeCloseTo(xToTime(view, 300));
    expect(zoomAt(view, 1e9, 0).secondsPerPixel).toBe(MIN_SECONDS_PER_PIXEL);
    expect(zoomAt(view, 1e-9, 0).secondsPerPixel).toBe(MAX_SECONDS_PER_PIXEL);
  });

  it('keeps the scroll inside the piece', () => {
    expect(clampScroll({ secondsPerPixel: 0.01, scrollSeconds: -3 }, 60, 1000).scrollSeconds).toBe(0);
    // 10 s visible of 60 s (+ margin): the last scroll shows the end
    expect(clampScroll({ secondsPerPixel: 0.01, scrollSeconds: 1e3 }, 60, 1000).scrollSeconds).toBeCloseTo(60 + END_MARGIN_SECONDS - 10);
    // all of it visible: no scrolling
    expect(clampScroll({ secondsPerPixel: 1, scrollSeconds: 20 }, 60, 1000).scrollSeconds).toBe(0);
  });

  it('fits the piece into the width', () => {
    const f = fitView(30, 620);
    expect(f.scrollSeconds).toBe(0);
    expect(f.secondsPerPixel * 620).toBeCloseTo(30 + END_MARGIN_SECONDS);
  });

  it('turns the page only when the playhead leaves the view', () => {
    expect(followPlayhead(view, 8, 1000)).toBe(view); // 5..15 s visible
    const next = followPlayhead(view, 14.5, 1000);
    expect(next.scrollSeconds).toBeCloseTo(14.5 - 0.5);
    expect(followPlayhead(view, 1, 1000).scrollSeconds).toBeCloseTo(0.5);
  });

  it('sizes and places the scrollbar thumb', () => {
    const t = scrollThumb({ secondsPerPixel: 0.01, scrollSeconds: 0 }, 39, 1000);
    expect(t.size).toBeCloseTo(0.25);
    expect(t.start).toBe(0);
    const moved = scrollForThumb({ secondsPerPixel: 0.01, scrollSeconds: 0 }, 39, 1000, 0.5);
    expect(moved.scrollSeconds).toBeCloseTo(20);
    expect(scrollThumb(moved, 39, 1000).start).toBeCloseTo(0.5);
    expect(scrollThumb({ secondsPerPixel: 1, scrollSeconds: 0 }, 39, 1000).size).toBe(1);
  });
});
