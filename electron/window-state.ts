// The window's size, place and maximized state, kept between runs in a small JSON
// file. A saved place is used only while it is still on a screen (monitors change).

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../engine/io/atomic-write.js';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the OS place the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const MIN_SIZE = { width: 800, height: 560 };
export const DEFAULT_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** How much of the window must overlap a screen for its saved place to count as visible. */
const VISIBLE = { width: 200, height: 80 };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && Math.abs(v) < 100_000;

function overlaps(a: Rect, b: Rect): boolean {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w >= Math.min(VISIBLE.width, a.width) && h >= Math.min(VISIBLE.height, a.height);
}

/** The saved state made safe for the current screens' work areas; the defaults when there is none. */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  if (typeof saved !== 'object' || saved === null) return { ...DEFAULT_STATE };
  const s = saved as Record<string, unknown>;
  const widest = Math.max(MIN_SIZE.width, ...workAreas.map((a) => a.width));
  const tallest = Math.max(MIN_SIZE.height, ...workAreas.map((a) => a.height));
  const width = isInt(s.width) ? Math.min(Math.max(s.width, MIN_SIZE.width), widest) : DEFAULT_STATE.width;
  const height = isInt(s.height) ? Math.min(Math.max(s.height, MIN_SIZE.height), tallest) : DEFAULT_STATE.height;
  const state: WindowState = { width, height, maximized: s.maximized === true };
  if (isInt(s.x) && isInt(s.y) && workAreas.some((a) => overlaps({ x: s.x as number, y: s.y as number, width, height }, a))) {
    state.x = s.x;
    state.y = s.y;
  }
  return state;
}

export function readWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let saved: unknown = null;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first run, or a damaged file: the defaults will do
  }
  return restoreWindowState(saved, workAreas);
}

export function writeWindowState(file: string, bounds: Rect, maximized: boolean): void {
  const state: WindowState = { width: bounds.width, height: bounds.height, x: bounds.x, y: bounds.y, maximized };
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(state));
}
