import { schemeTableau10 } from 'd3-scale-chromatic';
import { describe, expect, it } from 'vitest';
import { PIECE_RADIUS } from '../../renderer/src/atlas/draw.js';
import { atlasColumns } from '../../renderer/src/atlas/grid.js';
import { placeLabels } from '../../renderer/src/atlas/labels.js';
import { QUADRANT_STYLES, quadrantStyle } from '../../renderer/src/atlas/palette.js';
import { nearest, panelBox, panelScale, toPixel, type Point } from '../../renderer/src/atlas/scale.js';

describe('atlas panel scale', () => {
  const box = panelBox(300, 240);
  const points: Point[] = [
    [-2, -1],
    [2, 3],
    [0, 1],
  ];
  const scale = panelScale(points, box);

  it('fits every point inside the plot box, far enough in for a whole marker', () => {
    for (const p of points) {
      const [x, y] = toPixel(scale, p);
      expect(x).toBeGreaterThanOrEqual(box.left + PIECE_RADIUS);
      expect(x).toBeLessThanOrEqual(box.right - PIECE_RADIUS);
      expect(y).toBeGreaterThanOrEqual(box.top + PIECE_RADIUS);
      expect(y).toBeLessThanOrEqual(box.bottom - PIECE_RADIUS);
    }
    expect(scale.x[0]).toBeLessThan(-2);
    expect(scale.x[1]).toBeGreaterThan(2);
  });

  it('puts larger x right and larger y up, the centre in the middle', () => {
    const [x0, y0] = toPixel(scale, [0, 1]);
    expect(x0).toBeCloseTo((box.left + box.right) / 2);
    expect(y0).toBeCloseTo((box.top + box.bottom) / 2);
    expect(toPixel(scale, [2, 1])[0]).toBeGreaterThan(x0);
    expect(toPixel(scale, [0, 3])[1]).toBeLessThan(y0);
  });

  it('gives one point, or none, a usable scale', () => {
    for (const s of [panelScale([[5, 5]], box), panelScale([], box)]) {
      const [x, y] = toPixel(s, [5, 5]);
      expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    }
  });

  it('leaves room for the title and the axis labels', () => {
    expect(box).toMatchObject({ width: 300, height: 240 });
    expect(box.left).toBeGreaterThan(0);
    expect(box.top).toBeGreaterThan(0);
    expect(box.right).toBeLessThan(300);
    expect(box.bottom).toBeLessThan(240);
  });
});

describe('atlas hit testing', () => {
  const pixels: Point[] = [
    [10, 10],
    [14, 10],
    [100, 100],
  ];

  it('finds the nearest point within the radius', () => {
    expect(nearest(pixels, 11, 10, 5)).toBe(0);
    expect(nearest(pixels, 13, 11, 5)).toBe(1);
    expect(nearest(pixels, 103, 104, 5)).toBe(2);
  });

  it('finds nothing farther than the radius', () => {
    expect(nearest(pixels, 50, 50, 5)).toBe(-1);
    expect(nearest([], 0, 0, 5)).toBe(-1);
  });
});

describe('atlas quadrant palette', () => {
  it('colours the four quadrants with four different Tableau 10 colours, named by mood', () => {
    expect(QUADRANT_STYLES.map((q) => `${q.quadrant} ${q.mood}`)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm']);
    const colours = QUADRANT_STYLES.map((q) => q.colour);
    expect(new Set(colours).size).toBe(4);
    for (const c of colours) expect(schemeTableau10).toContain(c);
  });

  it('greys out an unknown label rather than failing', () => {
    expect(quadrantStyle('Q9')).toMatchObject({ quadrant: 'Q9', colour: schemeTableau10[9] });
  });
});

describe('atlas piece names', () => {
  const plot = { x: 0, y: 0, w: 200, h: 100 };

  it('puts a name right of its marker when there is room', () => {
    expect(placeLabels([{ x: 50, y: 50, w: 40, h: 12 }], plot, 7)).toEqual([{ x: 60, y: 44, w: 40, h: 12 }]);
  });

  it('moves a name to the left at the right edge, and keeps names apart', () => {
    const [edge] = placeLabels([{ x: 190, y: 50, w: 40, h: 12 }], plot, 7);
    expect(edge).toEqual({ x: 140, y: 44, w: 40, h: 12 });
    const [first, second] = placeLabels(
      [
        { x: 50, y: 50, w: 40, h: 12 },
        { x: 52, y: 52, w: 40, h: 12 },
      ],
      plot,
      7,
    );
    expect(first).toEqual({ x: 60, y: 44, w: 40, h: 12 });
    expect(second).not.toBeNull();
    const overlap = second!.x < first!.x + first!.w && first!.x < second!.x + second!.w && second!.y < first!.y + first!.h && first!.y < second!.y + second!.h;
    expect(overlap).toBe(false);
  });

  it('leaves out a name that fits nowhere', () => {
    expect(placeLabels([{ x: 100, y: 50, w: 300, h: 12 }], plot, 7)).toEqual([null]);
  });
});

describe('atlas grid', () => {
  it('picks the panels per row that make the panels largest', () => {
    expect(atlasColumns(1200, 700, 8, 8)).toBe(4);
    expect(atlasColumns(660, 650, 8, 8)).toBe(3);
    expect(atlasColumns(600, 1200, 8, 8)).toBe(2);
    // very wide and low: one row
    expect(atlasColumns(3000, 250, 8, 8)).toBe(8);
  });
});
