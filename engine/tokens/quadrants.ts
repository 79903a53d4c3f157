// The emotion token's four values: the quadrants of Russell's circumplex (valence high
// in Q1 and Q4, arousal high in Q1 and Q2), and what the app calls each.

export type Quadrant = 'Q1' | 'Q2' | 'Q3' | 'Q4';

export const QUADRANTS: readonly Quadrant[] = ['Q1', 'Q2', 'Q3', 'Q4'];

/** What each quadrant is called in the app. */
export const MOODS: Record<Quadrant, string> = { Q1: 'happy', Q2: 'tense', Q3: 'sad', Q4: 'calm' };
