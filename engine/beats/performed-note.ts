// A note as the beat tracker sees it: seconds, pitch and velocity, no beat grid yet.
// Every step of tracking reads notes in this shape, so it lives apart from any step.

export interface PerformedNote {
  onset: number;
  offset: number;
  pitch: number;
  velocity: number;
}

/** Below this pitch (G3) a note is bass: in pop piano the left hand marks beats and bar starts. */
export const BASS_PITCH = 55;
