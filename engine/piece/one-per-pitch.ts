// A piano key sounds one note at a time. Struck twice at once it is one note (the louder,
// held the longer); struck again while it sounds, the note before ends there. Import holds
// a file's notes to this (two tracks doubling a line), and so does reading tokens, where a
// decoder can write one pitch twice on one onset: a musician would not, and a MIDI file
// with both would play them as the synth happens to pair its note-offs.

/** A note as this rule sees it, in any time unit. */
export interface Struck {
  pitch: number;
  velocity: number;
  start: number;
  end: number;
}

export interface OnePerPitch<T> {
  /** Sorted by start, then pitch. */
  notes: T[];
  /** Notes folded into another of the same pitch and start. */
  merged: number;
  /** Notes cut short where their pitch was struck again. */
  truncated: number;
}

export function onePerPitch<T extends Struck>(input: readonly T[]): OnePerPitch<T> {
  // the longer of two same-pitch notes at one start comes first and is the one kept
  const notes = input.map((n) => ({ ...n })).sort((a, b) => a.start - b.start || a.pitch - b.pitch || b.end - a.end);
  const out: T[] = [];
  const sounding = new Map<number, T>();
  let merged = 0;
  let truncated = 0;
  for (const n of notes) {
    const prev = sounding.get(n.pitch);
    if (prev && prev.start === n.start) {
      prev.velocity = Math.max(prev.velocity, n.velocity);
      merged++;
      continue;
    }
    if (prev && prev.end > n.start) {
      prev.end = n.start;
      truncated++;
    }
    sounding.set(n.pitch, n);
    out.push(n);
  }
  return { notes: out, merged, truncated };
}
