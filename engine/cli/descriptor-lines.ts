// The musical descriptors as `muser inspect` and `muser analyze` print them.

import type { Descriptors } from '../descriptors/describe.js';

export function descriptorLines(d: Descriptors): string[] {
  return [
    `  key:       ${d.key.label} (confidence ${d.key.confidence.toFixed(2)}); ${(100 * d.majorBars).toFixed(0)} % of bars in a major key`,
    `  density:   ${d.density.toFixed(2)} notes/s, ${d.onsetRate.toFixed(2)} onsets/s, ${d.polyphony.toFixed(2)} notes per onset   tempo: ${d.tempo.toFixed(1)} BPM`,
    `  sound:     articulation ${d.articulation.toFixed(2)} (share of each beat sounding), ${(100 * d.shortNotes).toFixed(0)} % short notes, ${(100 * d.bassShare).toFixed(0)} % in the bass`,
    `  velocity:  mean ${d.velocityMean.toFixed(1)}, spread ${d.velocitySpread.toFixed(1)}, beat accent ${(100 * d.accent).toFixed(0)} %   register: mean pitch ${d.pitchMean.toFixed(1)}, range ${d.pitchRange}`,
    `  chords:    ${Object.entries(d.chords).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${(100 * v).toFixed(0)} %`).join(', ')}`,
  ];
}
