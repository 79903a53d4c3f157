// The four emotion quadrants as the UI names and places them (Russell's circumplex, as
// EMOPIA labels its pieces): valence on x, arousal on y. Their colours: atlas/palette.ts.

import { MOODS, QUADRANTS, type Quadrant } from '../../../engine/tokens/quadrants.js';

export { MOODS, QUADRANTS };

/** Each quadrant's centre on the valence–arousal plane (0..1): valence is high in Q1 and Q4, arousal in Q1 and Q2. */
export const QUADRANT_CENTRES: Record<Quadrant, { valence: number; arousal: number }> = {
  Q1: { valence: 0.75, arousal: 0.75 },
  Q2: { valence: 0.25, arousal: 0.75 },
  Q3: { valence: 0.25, arousal: 0.25 },
  Q4: { valence: 0.75, arousal: 0.25 },
};

/** The quadrants in reading order of a 2×2 grid: high arousal on top, high valence on the right. */
export function quadrantGrid(): Quadrant[] {
  const c = QUADRANT_CENTRES;
  return [...QUADRANTS].sort((a, b) => c[b].arousal - c[a].arousal || c[a].valence - c[b].valence);
}

export const quadrantLabel = (q: Quadrant): string => `${q} ${MOODS[q]}`;
