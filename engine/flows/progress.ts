// What a flow reports while it runs, and how a caller follows and stops it: the prior's
// sampling, then each variation's notes as they are decoded (the piano roll fills in while
// the model writes). The API sends these as job.progress events.

import type { Note } from '../piece/piece.js';
import type { TokenSequence } from '../tokens/token-file.js';
import type { Vocab } from '../tokens/vocab.js';
import { NoteStream } from './note-stream.js';

export interface Progress {
  /** 'latents': a generation's prior is sampling (no notes yet); 'notes': decoding. */
  phase: 'latents' | 'notes';
  /** Batch item (variation) the notes belong to. */
  item: number;
  done: number;
  total: number;
  /** Notes decoded since the last progress event of this item. */
  notes: Note[];
}

export interface FlowHooks {
  /** Without it, no notes are read while decoding. */
  progress?(p: Progress): void;
  signal?: AbortSignal;
}

/** Progress (and streamed notes) every this many decoded tokens. */
const PROGRESS_EVERY = 8;

/** Reads each item's tokens as they are decoded and reports its notes every PROGRESS_EVERY tokens, of `total`. */
export class NoteProgress {
  private readonly streams: NoteStream[] = [];

  constructor(
    private readonly vocab: Vocab,
    private readonly progress: (p: Progress) => void,
    private readonly total: number,
    /** Each item's stream starts from this token (a transfer's: A's emotion token), on these meters. */
    private readonly first: number[] = [],
    private readonly meters?: TokenSequence['meters'],
  ) {}

  token(item: number, token: number[]): void {
    const s = this.stream(item);
    s.push(token);
    if (s.length % PROGRESS_EVERY === 0) this.progress({ phase: 'notes', item, done: s.length, total: this.total, notes: s.fresh() });
  }

  /** Sends the notes held back at the last onset, once the item is decoded. */
  finish(item: number): void {
    this.progress({ phase: 'notes', item, done: this.total, total: this.total, notes: this.stream(item).fresh(true) });
  }

  private stream(item: number): NoteStream {
    return (this.streams[item] ??= new NoteStream(this.vocab, this.first, this.meters));
  }
}
