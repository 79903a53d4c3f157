// The emotion judge's inputs: a fixed list of numbers from a piece's descriptors, each
// one a musical reason a listener hears a mood by (mode and harmony for valence; speed,
// texture, dynamic contrast and connectedness for arousal). Absolute loudness is left
// out on purpose: files differ in their overall velocity by source (one performer's
// habit, a DAW's default), not by mood. The dataset builder writes this vector, so
// the judge is trained on exactly what the app computes.

import type { Descriptors } from '../descriptors/describe.js';

export const JUDGE_FEATURES = [
  'mode_margin',
  'mode_margin_aarden',
  'major_bars',
  'bar_mode_margin',
  'key_clarity',
  'chords_major',
  'chords_minor',
  'chords_dominant',
  'chords_diminished',
  'chords_suspended',
  'pitch_mean',
  'pitch_range',
  'log_density',
  'log_onset_rate',
  'log_tempo',
  'articulation',
  'short_notes',
  'polyphony',
  'rhythm_variation',
  'bass_share',
  'velocity_variation',
  'accent',
] as const;
export type JudgeFeature = (typeof JUDGE_FEATURES)[number];

export function judgeFeatures(d: Descriptors): Record<JudgeFeature, number> {
  return {
    mode_margin: d.key.modeMargin,
    mode_margin_aarden: d.modeMarginAarden,
    major_bars: d.majorBars,
    bar_mode_margin: d.barModeMargin,
    key_clarity: d.key.clarity,
    chords_major: d.chords.major,
    chords_minor: d.chords.minor,
    chords_dominant: d.chords.dominant,
    chords_diminished: d.chords.diminished,
    chords_suspended: d.chords.suspended,
    pitch_mean: d.pitchMean,
    pitch_range: d.pitchRange,
    // speed is heard in ratios (twice as fast), so its logarithm enters linearly
    log_density: Math.log(1 + d.density),
    log_onset_rate: Math.log(1 + d.onsetRate),
    log_tempo: Math.log(Math.max(d.tempo, 1)),
    articulation: d.articulation,
    short_notes: d.shortNotes,
    polyphony: d.polyphony,
    rhythm_variation: d.rhythmVariation,
    bass_share: d.bassShare,
    // relative to the file's own level: MIDI sources differ in overall velocity, not in contrast
    velocity_variation: d.velocityVariation,
    accent: d.accent,
  };
}

export function featureVector(d: Descriptors): number[] {
  const f = judgeFeatures(d);
  return JUDGE_FEATURES.map((k) => f[k]);
}
