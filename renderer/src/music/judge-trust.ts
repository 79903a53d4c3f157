// How far to trust an emotion estimate, said where estimates are shown: the judge's
// accuracy on the held-out EMOPIA clips, from the model card.

import type { JudgeAccuracy } from '../../../engine/onnx/manifest.js';

// a no-break space keeps "47 %" on one line
const pct = (x: number) => `${Math.round(x * 100)}\u00a0%`;

export function judgeTrust(acc: JudgeAccuracy | null): string | null {
  if (!acc) return null;
  return `Estimates come from a judge of the music's mode, harmony, speed and loudness that puts ${pct(acc.quadrant)} of held-out EMOPIA clips in their quadrant (valence ${pct(acc.valence)}, arousal ${pct(acc.arousal)} right): a hint, not a verdict.`;
}
