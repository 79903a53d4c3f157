// Live playback state the transport, the roll and the tests read: what is playing and
// where the playhead is.

import type { Note } from '../../../engine/piece/piece.js';
import { notesEnd } from '../music/notes.js';
import { piano, type Piano } from './piano.js';
import { PlaybackSession } from './session.js';

export type PlayState = 'stopped' | 'loading' | 'playing' | 'paused';

export class Player {
  state = $state<PlayState>('stopped');
  /** Playhead, seconds into the piece. */
  position = $state(0);
  error = $state<string | null>(null);
  duration = $state(0);
  /** The AudioContext's state ('none' before the first play), for the UI and the tests. */
  audio = $state<AudioContextState | 'none'>('none');
  #notes: readonly Note[] = [];
  #piano: Piano | null = null;
  #session: PlaybackSession | null = null;
  #frame = 0;

  /** A new piece: playback stops and the playhead goes back to the start. */
  load(notes: readonly Note[]): void {
    this.#halt();
    this.#notes = notes;
    this.duration = notesEnd(notes);
    this.position = 0;
    this.state = 'stopped';
  }

  /** Other notes from the same playhead (A/B listening): playback goes on, now with these. */
  swap(notes: readonly Note[]): void {
    const playing = this.#session !== null;
    const at = this.#session ? this.#session.position() : this.position;
    this.#halt();
    this.#notes = notes;
    this.duration = notesEnd(notes);
    const to = Math.min(at, this.duration);
    if (playing) this.#start(to);
    else this.position = to;
  }

  toggle(): void {
    if (this.state === 'playing' || this.state === 'loading') this.pause();
    else void this.play();
  }

  async play(): Promise<void> {
    if (this.state === 'playing' || this.state === 'loading' || this.#notes.length === 0) return;
    this.error = null;
    this.state = 'loading';
    try {
      if (!this.#piano) {
        const p = await piano();
        p.context.on('statechange', (state) => (this.audio = state));
        this.#piano = p;
      }
      await this.#piano.context.resume();
      this.audio = this.#piano.context.state;
      if (this.state !== 'loading') return; // paused or another piece while loading
      if (this.position >= this.duration) this.position = 0;
      this.#start(this.position);
    } catch (err) {
      this.state = 'stopped';
      this.error = `Playback failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  pause(): void {
    if (this.#session) this.position = Math.min(this.#session.position(), this.duration);
    this.#halt();
    this.state = this.position > 0 ? 'paused' : 'stopped';
  }

  /** Stop and rewind. */
  stop(): void {
    this.#halt();
    this.position = 0;
    this.state = 'stopped';
  }

  seek(seconds: number): void {
    const to = Math.min(Math.max(0, seconds), this.duration);
    if (this.#session) {
      this.#halt();
      this.#start(to);
    } else {
      this.position = to;
    }
  }

  #start(from: number): void {
    if (!this.#piano) return;
    this.position = from;
    this.#session = new PlaybackSession(this.#piano, this.#notes, from, this.duration, () => {
      this.#halt();
      this.position = this.duration;
      this.state = 'stopped';
    });
    this.state = 'playing';
    this.#follow();
  }

  /** Moves the playhead with the audio clock, once per screen frame. */
  #follow(): void {
    const tick = () => {
      if (!this.#session) return;
      this.position = Math.min(this.#session.position(), this.duration);
      this.#frame = requestAnimationFrame(tick);
    };
    this.#frame = requestAnimationFrame(tick);
  }

  #halt(): void {
    cancelAnimationFrame(this.#frame);
    this.#session?.close();
    this.#session = null;
  }
}
