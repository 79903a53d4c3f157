// The emotion quadrants' colours on the atlas: Tableau 10 hues picked to differ in
// lightness as well as hue (yellow, red, blue, teal), so they stay apart under the
// common colour-vision deficiencies.

import { schemeTableau10 } from 'd3-scale-chromatic';
import type { Quadrant } from '../../../engine/tokens/quadrants.js';
import { MOODS, QUADRANTS } from '../music/quadrants.js';

const COLOURS: Record<Quadrant, string> = { Q1: schemeTableau10[5], Q2: schemeTableau10[2], Q3: schemeTableau10[0], Q4: schemeTableau10[3] };
const UNKNOWN = schemeTableau10[9];

export interface QuadrantStyle {
  quadrant: string;
  mood: string;
  colour: string;
}

const isQuadrant = (q: string): q is Quadrant => (QUADRANTS as readonly string[]).includes(q);

export function quadrantStyle(quadrant: string): QuadrantStyle {
  return isQuadrant(quadrant) ? { quadrant, mood: MOODS[quadrant], colour: COLOURS[quadrant] } : { quadrant, mood: 'unlabelled', colour: UNKNOWN };
}

export const QUADRANT_STYLES: readonly QuadrantStyle[] = QUADRANTS.map(quadrantStyle);
