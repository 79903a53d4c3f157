// Emotion estimate of any token sequence, as classifier.py's classify(): the classifier
// sees windows of at most `crop` tokens (the emotion token, then crop-1 tokens), its
// logits are averaged over the windows, and the softmax gives quadrant probabilities.
// Valence is high in Q1 and Q4, arousal in Q1 and Q2 (Russell's circumplex).

import type { Graphs } from '../onnx/graphs.js';
import { QUADRANTS, type Quadrant } from '../tokens/quadrants.js';
import { tokenWindows } from './windows.js';

export interface ClassifierEstimate {
  probabilities: Record<Quadrant, number>;
  /** The most likely quadrant. */
  quadrant: Quadrant;
  /** P(Q1) + P(Q4). */
  valence: number;
  /** P(Q1) + P(Q2). */
  arousal: number;
  windows: number;
}

/** Windows are scored in batches of this many, to bound memory on long pieces. */
const WINDOW_BATCH = 16;

export async function estimateEmotion(graphs: Graphs, tokens: number[][], crop: number): Promise<ClassifierEstimate> {
  const windows = tokenWindows(tokens, crop);
  const mean = [0, 0, 0, 0];
  for (let i = 0; i < windows.length; i += WINDOW_BATCH) {
    const logits = await graphs.classify(windows.slice(i, i + WINDOW_BATCH));
    logits.forEach((v, k) => (mean[k % 4] += v / windows.length));
  }
  const top = Math.max(...mean);
  const exp = mean.map((v) => Math.exp(v - top));
  const total = exp.reduce((a, b) => a + b, 0);
  const p = exp.map((v) => v / total);
  return {
    probabilities: { Q1: p[0], Q2: p[1], Q3: p[2], Q4: p[3] },
    quadrant: QUADRANTS[p.indexOf(Math.max(...p))],
    valence: p[0] + p[3],
    arousal: p[0] + p[1],
    windows: windows.length,
  };
}
