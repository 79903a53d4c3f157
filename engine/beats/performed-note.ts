// A note as the beat tracker sees it: seconds, pitch and velocity, no beat grid yet.
// Every step of tracking reads notes in this shape, so it lives apart from any step.

export interface PerformedNote {
  onset: number;
  offset: number;
  pitch: number;
  velocity: number;
}
