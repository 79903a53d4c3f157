// Is a file already on a grid under its own tempo map (a DAW export), or a
// performance whose tempo events mean nothing (EMOPIA: a constant 120 BPM event over
// free timing)? We ask where the note onsets fall in ticks: on a grid nearly all sit
// on 16ths or 16th-triplets, and most on 16ths; free timing scatters them (about 28 %
// land on either by chance). A few EMOPIA clips sit near a triplet grid of the fake
// 120 BPM by accident of their tempo; requiring half the onsets on 16ths keeps them
// performances, and their beats are tracked.

export const GRID_SHARE = 0.9;
export const SIXTEENTH_SHARE = 0.5;

export interface GridShares {
  /** Onsets within ticksPerBeat/64 of a 16th or a 16th-triplet position. */
  grid: number;
  /** Onsets within ticksPerBeat/64 of a 16th position. */
  sixteenths: number;
}

export function gridShares(onsetTicks: readonly number[], ticksPerBeat: number): GridShares {
  if (onsetTicks.length === 0) return { grid: 1, sixteenths: 1 };
  const tol = ticksPerBeat / 64;
  const near = (t: number, step: number) => {
    const r = t % step;
    return Math.min(r, step - r) <= tol;
  };
  let grid = 0;
  let sixteenths = 0;
  for (const t of onsetTicks) {
    const on16 = near(t, ticksPerBeat / 4);
    if (on16) sixteenths++;
    if (on16 || near(t, ticksPerBeat / 6)) grid++;
  }
  return { grid: grid / onsetTicks.length, sixteenths: sixteenths / onsetTicks.length };
}

export function isOnGrid(onsetTicks: readonly number[], ticksPerBeat: number): boolean {
  const s = gridShares(onsetTicks, ticksPerBeat);
  return s.grid >= GRID_SHARE && s.sixteenths >= SIXTEENTH_SHARE;
}
