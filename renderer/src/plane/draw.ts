// Paints the valence–arousal plane onto a 2D canvas context (already scaled to CSS
// pixels): the four quadrants with their names, the pieces as points coloured by their
// most likely quadrant, and arrows from each result's A to the result (the hovered one
// brighter).

import type { Quadrant } from '../../../engine/tokens/quadrants.js';
import { quadrantStyle } from '../atlas/palette.js';
import { QUADRANT_CENTRES, QUADRANTS, quadrantLabel } from '../music/quadrants.js';
import { PAD, plotArea, POINT_RADIUS, toPlane, type ArrowShape, type PlaneLayout, type XY } from './geometry.js';

export interface PlanePoint extends XY {
  id: string;
  quadrant: Quadrant;
}

export interface PlaneScene {
  layout: PlaneLayout;
  points: readonly PlanePoint[];
  arrows: readonly ArrowShape[];
  selected: string | null;
  hovered: string | null;
  hoveredArrow: ArrowShape | null;
}

const COLORS = {
  background: '#15171c',
  midLine: '#39404d',
  border: '#262a32',
  axis: '#8d96a5',
  arrow: 'rgba(227, 231, 238, 0.55)',
  pointEdge: '#0f1115',
  selected: '#4fb3e8',
  hovered: '#e3e7ee',
};

export function drawPlane(ctx: CanvasRenderingContext2D, scene: PlaneScene): void {
  const { layout } = scene;
  ctx.clearRect(0, 0, layout.width, layout.height);
  drawQuadrants(ctx, layout);
  drawAxisTitles(ctx, layout);
  drawArrows(ctx, scene.arrows, COLORS.arrow);
  if (scene.hoveredArrow) drawArrows(ctx, [scene.hoveredArrow], COLORS.hovered);
  for (const p of scene.points) drawPoint(ctx, p);
  ring(ctx, scene.points, scene.hovered, COLORS.hovered, POINT_RADIUS + 2);
  ring(ctx, scene.points, scene.selected, COLORS.selected, POINT_RADIUS + 3);
}

function drawQuadrants(ctx: CanvasRenderingContext2D, layout: PlaneLayout): void {
  const a = plotArea(layout);
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(a.left, a.top, a.width, a.height);
  ctx.font = '11px system-ui, sans-serif';
  for (const q of QUADRANTS) {
    const c = QUADRANT_CENTRES[q];
    const right = c.valence > 0.5;
    const top = c.arousal > 0.5;
    const topLeft = toPlane(layout, c.valence - 0.25, c.arousal + 0.25);
    ctx.fillStyle = quadrantStyle(q).colour;
    ctx.globalAlpha = 0.08;
    ctx.fillRect(topLeft.x, topLeft.y, a.width / 2, a.height / 2);
    ctx.globalAlpha = 1;
    // the name sits outside the quadrant's outer corner, where no point can cover it
    const corner = toPlane(layout, right ? 1 : 0, top ? 1 : 0);
    ctx.textAlign = right ? 'right' : 'left';
    ctx.textBaseline = top ? 'bottom' : 'top';
    ctx.fillText(quadrantLabel(q), corner.x, corner.y + (top ? -5 : 5));
  }
  const mid = toPlane(layout, 0.5, 0.5);
  ctx.fillStyle = COLORS.midLine;
  ctx.fillRect(Math.round(mid.x), a.top, 1, a.height);
  ctx.fillRect(a.left, Math.round(mid.y), a.width, 1);
  ctx.strokeStyle = COLORS.border;
  ctx.strokeRect(a.left + 0.5, a.top + 0.5, a.width - 1, a.height - 1);
}

function drawAxisTitles(ctx: CanvasRenderingContext2D, layout: PlaneLayout): void {
  const a = plotArea(layout);
  ctx.fillStyle = COLORS.axis;
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('valence →', a.left + a.width / 2, a.top + a.height + 5);
  ctx.save();
  ctx.translate(PAD.left / 2, a.top + a.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText('arousal →', 0, 0);
  ctx.restore();
}

function drawArrows(ctx: CanvasRenderingContext2D, arrows: readonly ArrowShape[], colour: string): void {
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.5;
  for (const a of arrows) {
    ctx.beginPath();
    ctx.moveTo(a.from.x, a.from.y);
    ctx.lineTo(a.head[0].x, a.head[0].y);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(a.head[0].x, a.head[0].y);
    ctx.lineTo(a.head[1].x, a.head[1].y);
    ctx.lineTo(a.head[2].x, a.head[2].y);
    ctx.closePath();
    ctx.fill();
  }
  ctx.lineWidth = 1;
}

function drawPoint(ctx: CanvasRenderingContext2D, p: PlanePoint): void {
  ctx.beginPath();
  ctx.arc(p.x, p.y, POINT_RADIUS, 0, 2 * Math.PI);
  ctx.fillStyle = quadrantStyle(p.quadrant).colour;
  ctx.fill();
  ctx.strokeStyle = COLORS.pointEdge;
  ctx.stroke();
}

function ring(ctx: CanvasRenderingContext2D, points: readonly PlanePoint[], id: string | null, color: string, radius: number): void {
  const p = id === null ? undefined : points.find((q) => q.id === id);
  if (!p) return;
  ctx.beginPath();
  ctx.arc(p.x, p.y, radius, 0, 2 * Math.PI);
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.stroke();
  ctx.lineWidth = 1;
}
