import { describe, expect, it } from 'vitest';
import { MOODS, QUADRANT_CENTRES, quadrantGrid, quadrantLabel } from '../../renderer/src/music/quadrants.js';
import { resultArrows } from '../../renderer/src/plane/arrows.js';
import { arrowAt, arrowShape, PAD, plotArea, pointAt, toPlane } from '../../renderer/src/plane/geometry.js';
import { libraryItem as item } from '../fixtures/library-items.js';

const layout = { width: PAD.left + 200 + PAD.right, height: PAD.top + 200 + PAD.bottom }; // a 200 x 200 plot

describe('the valence–arousal plane', () => {
  it('puts valence on x and arousal upwards on y, inside the padding', () => {
    expect(plotArea(layout)).toEqual({ left: PAD.left, top: PAD.top, width: 200, height: 200 });
    expect(toPlane(layout, 0, 0)).toEqual({ x: PAD.left, y: PAD.top + 200 });
    expect(toPlane(layout, 1, 1)).toEqual({ x: PAD.left + 200, y: PAD.top });
    expect(toPlane(layout, 0.25, 0.75)).toEqual({ x: PAD.left + 50, y: PAD.top + 50 });
    // estimates are probabilities, but a rounding error must not leave the plot
    expect(toPlane(layout, 1.0000001, -0.0000001)).toEqual(toPlane(layout, 1, 0));
  });

  it('places and names the quadrants as EMOPIA does', () => {
    const at = (q: keyof typeof QUADRANT_CENTRES) => toPlane(layout, QUADRANT_CENTRES[q].valence, QUADRANT_CENTRES[q].arousal);
    expect(at('Q1').x).toBeGreaterThan(at('Q2').x); // happy: right (positive valence)
    expect(at('Q1').y).toBeLessThan(at('Q4').y); // happy: top (high arousal)
    expect(at('Q3').x).toBeLessThan(at('Q4').x);
    expect(at('Q3').y).toBeGreaterThan(at('Q2').y);
    expect(quadrantGrid()).toEqual(['Q2', 'Q1', 'Q3', 'Q4']); // tense happy / sad calm
    expect(Object.values(MOODS)).toEqual(['happy', 'tense', 'sad', 'calm']);
    expect(quadrantLabel('Q3')).toBe('Q3 sad');
  });

  it('finds the point under the pointer: the nearest within reach, the top one on a tie', () => {
    const points = [
      { id: 'a', x: 50, y: 50 },
      { id: 'b', x: 58, y: 50 },
      { id: 'c', x: 58, y: 50 },
    ];
    expect(pointAt(points, { x: 51, y: 51 }, 8)?.id).toBe('a');
    expect(pointAt(points, { x: 57, y: 50 }, 8)?.id).toBe('c');
    expect(pointAt(points, { x: 54, y: 50 }, 8)?.id).toBe('c');
    expect(pointAt(points, { x: 80, y: 80 }, 8)).toBeNull();
    expect(pointAt([], { x: 0, y: 0 }, 8)).toBeNull();
  });

  it('draws an arrow from rim to rim with its head at the target', () => {
    const a = arrowShape({ x: 0, y: 0 }, { x: 100, y: 0 }, 5, 8);
    expect(a.from).toEqual({ x: 5, y: 0 });
    expect(a.to).toEqual({ x: 95, y: 0 });
    expect(a.head[0]).toEqual({ x: 95, y: 0 });
    expect(a.head[1].x).toBeCloseTo(87);
    expect(a.head[2].x).toBeCloseTo(87);
    expect(a.head[1].y).toBeCloseTo(-a.head[2].y);
    expect(Math.abs(a.head[1].y)).toBeCloseTo(4);
  });

  it('still draws a head when the two points (nearly) coincide', () => {
    const close = arrowShape({ x: 10, y: 10 }, { x: 10, y: 14 }, 5, 8);
    expect(close.to).toEqual({ x: 10, y: 9 });
    expect(close.from).toEqual({ x: 10, y: 1 });
    const same = arrowShape({ x: 10, y: 10 }, { x: 10, y: 10 }, 5, 8);
    expect(same.to).toEqual({ x: 5, y: 10 });
    expect(same.head.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y))).toBe(true);
  });
});

describe('the arrow under the pointer', () => {
  const across = arrowShape({ x: 0, y: 0 }, { x: 100, y: 0 }, 5, 8);
  const down = arrowShape({ x: 50, y: 10 }, { x: 50, y: 100 }, 5, 8);

  it('is the one whose shaft passes nearest, within reach', () => {
    expect(arrowAt([across, down], { x: 30, y: 3 }, 4)).toBe(across);
    expect(arrowAt([across, down], { x: 52, y: 60 }, 4)).toBe(down);
    expect(arrowAt([across, down], { x: 51, y: 1 }, 4)).toBe(across); // 1 from across, 1.4 from down's tail
    expect(arrowAt([across, down], { x: 30, y: 30 }, 4)).toBeNull();
  });

  it('ends at the shaft\'s ends: past the tip is not on the arrow', () => {
    expect(arrowAt([across], { x: 98, y: 0 }, 4)).toBe(across); // 3 past the tip at x 95
    expect(arrowAt([across], { x: 100, y: 0 }, 4)).toBeNull();
  });
});

describe('arrows from origins', () => {
  const a = item('a', { kind: 'import', fileName: 'a.mid' });
  const b = item('b', { kind: 'example', fileName: 'b.mid' });
  const ab = item('ab', { kind: 'result', description: 'a with pitch of b', from: ['a', 'b'] });
  const again = item('again', { kind: 'result', description: 'ab with velocity of a', from: ['ab', 'a'] });
  const generated = item('g', { kind: 'result', description: 'generated for Q3', from: [] });
  const remooded = item('sad', { kind: 'result', description: 'the pitch of a drawn anew for Q3 sad', from: ['a'] });

  it('runs from each result\'s A to the result (a transfer, a re-mood); generated pieces get none', () => {
    expect(resultArrows([a, b, ab, again, generated, remooded], () => true)).toEqual([
      { from: 'a', to: 'ab' },
      { from: 'ab', to: 'again' },
      { from: 'a', to: 'sad' },
    ]);
  });

  it('needs both ends in the library and on the plane', () => {
    expect(resultArrows([b, ab], () => true)).toEqual([]); // A removed
    expect(resultArrows([a, b, ab], (id) => id !== 'ab')).toEqual([]); // result not estimated yet
    expect(resultArrows([a, b, ab], (id) => id !== 'a')).toEqual([]);
  });
});
