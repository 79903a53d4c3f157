// One stretch of live playback: from a start time until paused, stopped or ended. Notes
// are handed to the sampler a little ahead of the audio clock; pausing fades out and
// drops the whole sampler, so nothing already scheduled can sound afterwards.

import { pitchName, type Note } from '../../../engine/piece/piece.js';
import { dueUntil, firstNoteFrom } from '../music/notes.js';
import { createSampler, RELEASE_SECONDS, type Piano } from './piano.js';
import { Gain, type Sampler } from './tone.js';

/** How far ahead notes are scheduled; covers timers throttled in a background window. */
const LOOKAHEAD_SECONDS = 1.5;
const TICK_MS = 50;
/** Delay before the first note, so it is not scheduled in the past. */
const START_DELAY_SECONDS = 0.05;

export class PlaybackSession {
  readonly #piano: Piano;
  readonly #notes: readonly Note[];
  readonly #from: number;
  readonly #startAt: number;
  readonly #end: number;
  readonly #output: Gain;
  readonly #sampler: Sampler;
  readonly #timer: ReturnType<typeof setInterval>;
  #cursor: number;

  /** Plays `notes` from `from` seconds; `onEnd` runs once the last note has rung out. */
  constructor(p: Piano, notes: readonly Note[], from: number, end: number, onEnd: () => void) {
    this.#piano = p;
    this.#notes = notes;
    this.#from = from;
    this.#end = end;
    this.#startAt = p.context.currentTime + START_DELAY_SECONDS;
    this.#cursor = firstNoteFrom(notes, from);
    this.#output = new Gain(1).toDestination();
    this.#sampler = createSampler(p).connect(this.#output);
    this.#timer = setInterval(() => {
      this.#schedule();
      if (this.position() >= this.#end + RELEASE_SECONDS) onEnd();
    }, TICK_MS);
    this.#schedule();
  }

  /** Seconds into the piece now. */
  position(): number {
    return this.#from + Math.max(0, this.#piano.context.currentTime - this.#startAt);
  }

  #schedule(): void {
    const until = dueUntil(this.#notes, this.#cursor, this.position() + LOOKAHEAD_SECONDS);
    for (let i = this.#cursor; i < until; i++) {
      const n = this.#notes[i];
      this.#sampler.triggerAttackRelease(pitchName(n.pitch), n.offset - n.onset, this.#startAt + n.onset - this.#from, n.velocity / 127);
    }
    this.#cursor = until;
  }

  close(): void {
    clearInterval(this.#timer);
    const now = this.#piano.context.currentTime;
    this.#output.gain.cancelScheduledValues(now);
    this.#output.gain.rampTo(0, 0.03, now);
    setTimeout(() => {
      this.#sampler.dispose();
      this.#output.dispose();
    }, 150);
  }
}
