// Paints one atlas panel — an element's reference clips coloured by quadrant, the
// library's pieces as larger labelled markers, the axes with the variance they explain —
// and the legend that fills the grid's last cell.

import { QUADRANT_STYLES, quadrantStyle } from './palette.js';
import { placeLabels } from './labels.js';
import { toPixel, type PanelScale, type Point } from './scale.js';

export interface AtlasPanelScene {
  scale: PanelScale;
  element: string;
  explained: readonly [number, number];
  reference: readonly { xy: Point; quadrant: string }[];
  pieces: readonly { xy: Point; name: string; selected: boolean }[];
  /** The point under the pointer, ringed. */
  hover: { kind: 'reference' | 'piece'; index: number } | null;
}

const COLOURS = {
  background: '#15171c',
  plot: '#101216',
  frame: '#2a2f39',
  zero: '#262b34',
  text: '#9aa3b2',
  title: '#e3e7ee',
  piece: '#f4f6fa',
  outline: '#0b0d11',
  selected: '#4fb3e8',
};

const REFERENCE_RADIUS = 3.2;
export const PIECE_RADIUS = 6.5;
const LABEL_HEIGHT = 13;

const percent = (x: number) => `${Math.round(x * 100)}%`;

export function drawAtlasPanel(ctx: CanvasRenderingContext2D, s: AtlasPanelScene): void {
  const { box } = s.scale;
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, box.width, box.height);
  ctx.fillStyle = COLOURS.plot;
  ctx.fillRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  drawZeroLines(ctx, s.scale);
  ctx.strokeStyle = COLOURS.frame;
  ctx.lineWidth = 1;
  ctx.strokeRect(box.left + 0.5, box.top + 0.5, box.right - box.left - 1, box.bottom - box.top - 1);
  drawLabels(ctx, s);

  ctx.save();
  ctx.beginPath();
  ctx.rect(box.left, box.top, box.right - box.left, box.bottom - box.top);
  ctx.clip();
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = COLOURS.outline;
  for (const r of s.reference) {
    const [x, y] = toPixel(s.scale, r.xy);
    ctx.fillStyle = quadrantStyle(r.quadrant).colour;
    ctx.beginPath();
    ctx.arc(x, y, REFERENCE_RADIUS, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  s.pieces.forEach((p) => drawPiece(ctx, s.scale, p));
  drawPieceNames(ctx, s);
  if (s.hover) {
    const point = s.hover.kind === 'piece' ? s.pieces[s.hover.index]?.xy : s.reference[s.hover.index]?.xy;
    if (point) ring(ctx, toPixel(s.scale, point), (s.hover.kind === 'piece' ? PIECE_RADIUS : REFERENCE_RADIUS) + 3, COLOURS.title);
  }
  ctx.restore();
}

function drawZeroLines(ctx: CanvasRenderingContext2D, scale: PanelScale): void {
  const { box } = scale;
  const [x0, y0] = toPixel(scale, [0, 0]);
  ctx.fillStyle = COLOURS.zero;
  if (x0 > box.left && x0 < box.right) ctx.fillRect(Math.round(x0), box.top, 1, box.bottom - box.top);
  if (y0 > box.top && y0 < box.bottom) ctx.fillRect(box.left, Math.round(y0), box.right - box.left, 1);
}

function drawLabels(ctx: CanvasRenderingContext2D, s: AtlasPanelScene): void {
  const { box } = s.scale;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = COLOURS.title;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillText(s.element, box.left, box.top / 2);
  ctx.fillStyle = COLOURS.text;
  ctx.font = '10.5px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.fillText(`PC1 · ${percent(s.explained[0])} of variance`, (box.left + box.right) / 2, box.bottom + (box.height - box.bottom) / 2);
  ctx.save();
  ctx.translate(box.left / 2, (box.top + box.bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(`PC2 · ${percent(s.explained[1])}`, 0, 0);
  ctx.restore();
}

function drawPiece(ctx: CanvasRenderingContext2D, scale: PanelScale, p: AtlasPanelScene['pieces'][number]): void {
  const [x, y] = toPixel(scale, p.xy);
  if (p.selected) ring(ctx, [x, y], PIECE_RADIUS + 4, COLOURS.selected);
  diamond(ctx, x, y, PIECE_RADIUS);
  ctx.fillStyle = COLOURS.piece;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = COLOURS.outline;
  ctx.stroke();
}

/** The pieces' names where they fit, the selected piece's first; outlined to read over the dots. */
function drawPieceNames(ctx: CanvasRenderingContext2D, s: AtlasPanelScene): void {
  const { box } = s.scale;
  const order = s.pieces.map((_p, i) => i).sort((a, b) => Number(s.pieces[b].selected) - Number(s.pieces[a].selected));
  const font = (selected: boolean) => `${selected ? '600 ' : ''}11px system-ui, sans-serif`;
  const requests = order.map((i) => {
    const p = s.pieces[i];
    const [x, y] = toPixel(s.scale, p.xy);
    ctx.font = font(p.selected);
    return { x, y, w: ctx.measureText(p.name).width, h: LABEL_HEIGHT };
  });
  const spots = placeLabels(requests, { x: box.left, y: box.top, w: box.right - box.left, h: box.bottom - box.top }, PIECE_RADIUS + 1);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = COLOURS.plot;
  spots.forEach((spot, k) => {
    if (!spot) return;
    const p = s.pieces[order[k]];
    ctx.font = font(p.selected);
    ctx.strokeText(p.name, spot.x, spot.y + spot.h / 2);
    ctx.fillStyle = p.selected ? COLOURS.selected : COLOURS.piece;
    ctx.fillText(p.name, spot.x, spot.y + spot.h / 2);
  });
}

function diamond(ctx: CanvasRenderingContext2D, x: number, y: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
}

function ring(ctx: CanvasRenderingContext2D, [x, y]: [number, number], r: number, colour: string): void {
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.lineWidth = 2;
  ctx.strokeStyle = colour;
  ctx.stroke();
}

/** The quadrants' colours and the library marker, with where the reference comes from. */
export function drawAtlasLegend(ctx: CanvasRenderingContext2D, width: number, height: number, source: string): void {
  ctx.fillStyle = COLOURS.background;
  ctx.fillRect(0, 0, width, height);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = COLOURS.title;
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillText('Quadrant', 16, 12);
  ctx.font = '12px system-ui, sans-serif';
  const row = Math.min(22, (height - 60) / (QUADRANT_STYLES.length + 1));
  QUADRANT_STYLES.forEach((q, i) => {
    const y = 34 + i * row;
    ctx.fillStyle = q.colour;
    ctx.beginPath();
    ctx.arc(22, y, 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = COLOURS.title;
    ctx.fillText(`${q.quadrant} ${q.mood}`, 34, y);
  });
  const y = 34 + QUADRANT_STYLES.length * row;
  diamond(ctx, 22, y, PIECE_RADIUS);
  ctx.fillStyle = COLOURS.piece;
  ctx.fill();
  ctx.fillStyle = COLOURS.title;
  ctx.fillText('your library', 34, y);
  // the source line by line ("EMOPIA test split (88 clips)", "CC BY-NC-SA 4.0"), from the bottom
  ctx.fillStyle = COLOURS.text;
  ctx.font = '10.5px system-ui, sans-serif';
  const lines = source.split(', ');
  lines.forEach((line, i) => ctx.fillText(line, 16, height - 12 - (lines.length - 1 - i) * 14, width - 24));
}
