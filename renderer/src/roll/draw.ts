// Paints the piano roll onto a 2D canvas context (already scaled to CSS pixels).

import { pitchName, type Note } from '../../../engine/piece/piece.js';
import { isBlackKey } from '../music/notes.js';
import { timeToX, xToTime, type TimeView } from '../time/time-axis.js';
import { gridLines, noteRect, pitchTop, rowHeight, timeAreaWidth, velocityColor, type RollLayout } from './geometry.js';

export interface RollScene {
  layout: RollLayout;
  view: TimeView;
  notes: readonly Note[];
  /** Notes drawn dimmed under `notes` (what a transfer started from). */
  ghost: readonly Note[];
  beats: readonly number[];
  downbeats: readonly number[];
  playhead: number;
}

const COLORS = {
  background: '#15171c',
  blackRow: '#111317',
  octaveLine: '#262a33',
  beatLine: '#20242c',
  barLine: '#39404d',
  rulerBackground: '#1c1f26',
  rulerText: '#9aa3b2',
  whiteKey: '#d9dde4',
  blackKey: '#2a2e36',
  keyLabel: '#4a5160',
  keyDivider: '#b7bcc6',
  playhead: '#ff6b5e',
  ghost: 'rgba(141, 150, 165, 0.3)',
};

export function drawRoll(ctx: CanvasRenderingContext2D, scene: RollScene): void {
  const { layout } = scene;
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, layout.width, layout.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(layout.gutter, layout.ruler, timeAreaWidth(layout), layout.height - layout.ruler);
  ctx.clip();
  drawRows(ctx, layout);
  drawGrid(ctx, scene);
  drawNotes(ctx, scene, scene.ghost, () => COLORS.ghost);
  drawNotes(ctx, scene, scene.notes, velocityColor);
  ctx.restore();
  drawRuler(ctx, scene);
  drawKeyboard(ctx, layout);
  drawPlayhead(ctx, scene);
}

function drawRows(ctx: CanvasRenderingContext2D, layout: RollLayout): void {
  const row = rowHeight(layout);
  for (let p = layout.low; p <= layout.high; p++) {
    const y = pitchTop(layout, p);
    if (isBlackKey(p)) {
      ctx.fillStyle = COLORS.blackRow;
      ctx.fillRect(layout.gutter, y, layout.width, row);
    }
    if (p % 12 === 0) {
      // a line under each C marks the octaves
      ctx.fillStyle = COLORS.octaveLine;
      ctx.fillRect(layout.gutter, Math.round(y + row) - 1, layout.width, 1);
    }
  }
}

function drawGrid(ctx: CanvasRenderingContext2D, scene: RollScene): void {
  const { layout } = scene;
  const lines = gridLines(scene.view, timeAreaWidth(layout), scene.beats, scene.downbeats);
  const top = layout.ruler;
  const height = layout.height - top;
  ctx.fillStyle = COLORS.beatLine;
  for (const x of lines.beats) ctx.fillRect(Math.round(layout.gutter + x), top, 1, height);
  ctx.fillStyle = COLORS.barLine;
  for (const b of lines.bars) ctx.fillRect(Math.round(layout.gutter + b.x), top, 1, height);
}

function drawNotes(ctx: CanvasRenderingContext2D, scene: RollScene, notes: readonly Note[], color: (velocity: number) => string): void {
  const { layout, view } = scene;
  const from = xToTime(view, 0);
  const to = xToTime(view, timeAreaWidth(layout));
  for (const n of notes) {
    if (n.onset > to) break; // sorted by onset
    if (n.offset < from || n.pitch < layout.low || n.pitch > layout.high) continue;
    const r = noteRect(layout, view, n);
    ctx.fillStyle = color(n.velocity);
    ctx.fillRect(r.x, r.y, r.w, r.h);
  }
}

function drawRuler(ctx: CanvasRenderingContext2D, scene: RollScene): void {
  const { layout } = scene;
  ctx.fillStyle = COLORS.rulerBackground;
  ctx.fillRect(0, 0, layout.width, layout.ruler);
  ctx.save();
  ctx.beginPath();
  ctx.rect(layout.gutter, 0, timeAreaWidth(layout), layout.ruler);
  ctx.clip();
  const lines = gridLines(scene.view, timeAreaWidth(layout), scene.beats, scene.downbeats);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  for (const b of lines.bars) {
    const x = Math.round(layout.gutter + b.x);
    ctx.fillStyle = COLORS.barLine;
    ctx.fillRect(x, layout.ruler - 7, 1, 7);
    if (b.label) {
      ctx.fillStyle = COLORS.rulerText;
      ctx.fillText(String(b.bar), x + 4, layout.ruler / 2);
    }
  }
  ctx.restore();
}

function drawKeyboard(ctx: CanvasRenderingContext2D, layout: RollLayout): void {
  const row = rowHeight(layout);
  ctx.fillStyle = COLORS.whiteKey;
  ctx.fillRect(0, layout.ruler, layout.gutter, layout.height - layout.ruler);
  ctx.font = `${Math.min(10, Math.max(8, row))}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (let p = layout.low; p <= layout.high; p++) {
    const y = pitchTop(layout, p);
    if (isBlackKey(p)) {
      ctx.fillStyle = COLORS.blackKey;
      ctx.fillRect(0, y, layout.gutter * 0.62, row);
    } else if (p % 12 === 0 || p % 12 === 5) {
      // the white-key boundaries below C and F (the others fall under black keys)
      ctx.fillStyle = COLORS.keyDivider;
      ctx.fillRect(0, Math.round(y + row) - 1, layout.gutter, 1);
    }
    if (p % 12 === 0 && row >= 5) {
      ctx.fillStyle = COLORS.keyLabel;
      ctx.fillText(pitchName(p), layout.gutter * 0.64, y + row / 2);
    }
  }
  ctx.fillStyle = COLORS.rulerBackground;
  ctx.fillRect(0, 0, layout.gutter, layout.ruler);
}

/** The playhead line; the latent heatmap draws the same one. */
export function drawPlayhead(ctx: CanvasRenderingContext2D, scene: Pick<RollScene, 'view' | 'playhead'> & { layout: Pick<RollLayout, 'gutter' | 'width' | 'height'> }): void {
  const { layout } = scene;
  const x = layout.gutter + timeToX(scene.view, scene.playhead);
  if (x < layout.gutter || x > layout.width) return;
  ctx.fillStyle = COLORS.playhead;
  ctx.fillRect(Math.round(x) - 1, 0, 2, layout.height);
  ctx.beginPath();
  ctx.moveTo(x - 5, 0);
  ctx.lineTo(x + 5, 0);
  ctx.lineTo(x, 7);
  ctx.closePath();
  ctx.fill();
}
