// Key and mode of a whole piece (Krumhansl-Schmuckler): the duration-weighted
// pitch-class histogram is correlated with the Krumhansl-Kessler probe-tone profiles
// rotated to each of the 24 major and minor keys; the best correlation names the key.
// Confidence is the margin to the runner-up key (often the relative or a fifth away):
// near 0 when two keys explain the notes equally well, 0 when nothing tells keys apart.

export interface KeyProfiles {
  major: readonly number[];
  minor: readonly number[];
}

/** Krumhansl & Kessler (1982) probe-tone ratings, from the tonic up by semitones. */
export const KRUMHANSL: KeyProfiles = {
  major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
  minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
};

/**
 * Aarden's (2003) profiles: how often each degree sounds in the Essen folk songs, major
 * and minor. Counted from music rather than rated, they weigh the third, which decides
 * the mode, more sharply than the probe-tone ratings do.
 */
export const AARDEN: KeyProfiles = {
  major: [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122],
  minor: [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623],
};

/** Tonic names by pitch class, flats for black keys but C# and F#. */
export const KEY_TONICS = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];

export type Mode = 'major' | 'minor';

export interface KeyEstimate {
  /** Tonic pitch class name, flats for black keys but C# and F# (as key names are usually spelled). */
  tonic: string;
  mode: Mode;
  /** "C major", "F# minor". */
  label: string;
  /** Best correlation minus the runner-up's, 0..2; 0 when the notes favour no key. */
  confidence: number;
  /** The best key's correlation, -1..1: how clearly the notes are in any key at all. */
  clarity: number;
  /** Best major key's correlation minus best minor key's: above 0 the notes lean major. */
  modeMargin: number;
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

/** The key a pitch-class histogram fits best, by `profiles` (Krumhansl-Kessler's unless told). */
export function keyOfHistogram(histogram: readonly number[], profiles: KeyProfiles = KRUMHANSL): KeyEstimate {
  const candidates = ([['major', profiles.major], ['minor', profiles.minor]] as const).flatMap(([mode, profile]) =>
    KEY_TONICS.map((_, tonic) => ({ tonic, mode, r: correlation(histogram, profile, tonic) })),
  );
  candidates.sort((a, b) => b.r - a.r);
  const [best, second] = candidates;
  const bestOf = (mode: Mode) => candidates.find((c) => c.mode === mode)!.r;
  return {
    tonic: KEY_TONICS[best.tonic],
    mode: best.mode,
    label: `${KEY_TONICS[best.tonic]} ${best.mode}`,
    confidence: best.r - second.r,
    clarity: best.r,
    modeMargin: bestOf('major') - bestOf('minor'),
  };
}

/** The key of a piece's notes, each weighted by how long it sounds. */
export function estimateKey(notes: readonly SoundingPitch[], profiles: KeyProfiles = KRUMHANSL): KeyEstimate {
  return keyOfHistogram(pitchClassDurations(notes), profiles);
}
