// Key and mode of a whole piece (Krumhansl-Schmuckler): the duration-weighted
// pitch-class histogram is correlated with the Krumhansl-Kessler probe-tone profiles
// rotated to each of the 24 major and minor keys; the best correlation names the key.
// Confidence is the margin to the runner-up key (often the relative or a fifth away):
// near 0 when two keys explain the notes equally well, 0 when nothing tells keys apart.

/** Krumhansl & Kessler (1982) probe-tone ratings, from the tonic up by semitones. */
const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

const TONICS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

export type Mode = 'major' | 'minor';

export interface KeyEstimate {
  /** Tonic pitch class name, flats for black keys but C# and F# (as key names are usually spelled). */
  tonic: string;
  mode: Mode;
  /** "C major", "F# minor". */
  label: string;
  /** Best correlation minus the runner-up's, 0..2; 0 when the notes favour no key. */
  confidence: number;
}

/** A note's pitch and how long it sounds, in any time unit. */
export interface SoundingPitch {
  pitch: number;
  onset: number;
  offset: number;
}

/** Time each pitch class sounds for. */
export function pitchClassDurations(notes: readonly SoundingPitch[]): number[] {
  const histogram = new Array<number>(12).fill(0);
  for (const n of notes) histogram[((n.pitch % 12) + 12) % 12] += Math.max(0, n.offset - n.onset);
  return histogram;
}

/** Pearson correlation of x with the profile rotated so that its index 0 sits on `tonic`. */
function correlation(x: readonly number[], profile: readonly number[], tonic: number): number {
  const mean = (v: readonly number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const mx = mean(x);
  const mp = mean(profile);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let pc = 0; pc < 12; pc++) {
    const dx = x[pc] - mx;
    const dy = profile[(pc - tonic + 12) % 12] - mp;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

/** The key a pitch-class histogram fits best. */
export function keyOfHistogram(histogram: readonly number[]): KeyEstimate {
  const candidates = ([['major', MAJOR_PROFILE], ['minor', MINOR_PROFILE]] as const).flatMap(([mode, profile]) =>
    TONICS.map((_, tonic) => ({ tonic, mode, r: correlation(histogram, profile, tonic) })),
  );
  candidates.sort((a, b) => b.r - a.r);
  const [best, second] = candidates;
  return {
    tonic: TONICS[best.tonic],
    mode: best.mode,
    label: `${TONICS[best.tonic]} ${best.mode}`,
    confidence: best.r - second.r,
  };
}

/** The key of a piece's notes, each weighted by how long it sounds. */
export function estimateKey(notes: readonly SoundingPitch[]): KeyEstimate {
  return keyOfHistogram(pitchClassDurations(notes));
}
