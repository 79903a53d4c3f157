// Notes as they are decoded: every few tokens the prefix is turned back into notes and
// the ones not yet sent go out, so the piano roll fills in while the model writes.

import type { Note } from '../piece/piece.js';
import { detokenize } from '../tokens/detokenize.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';

export class NoteStream {
  private readonly tokens: number[][];
  private sent = 0;

  constructor(
    private readonly vocab: Vocab,
    first: number[],
    private readonly meters: TokenSequence['meters'],
  ) {
    this.tokens = [first];
  }

  push(token: number[]): void {
    this.tokens.push(token);
  }

  get length(): number {
    return this.tokens.length;
  }

  /** Notes completed since the last call (a note is complete once a later onset exists). */
  fresh(final = false): Note[] {
    const notes = detokenize({ vocab: this.vocab.version, fields: [...FIELDS], tokens: this.tokens, meters: this.meters }, this.vocab).notes;
    // the last onset's chord may still grow (notes sort by onset, then pitch); a preview
    // only: should the model step back in time, the final piece (job.done) is the truth
    const lastOnset = notes.length ? notes[notes.length - 1].onsetBeat : 0;
    const ready = final ? notes.length : notes.findIndex((n) => n.onsetBeat === lastOnset);
    const out = notes.slice(this.sent, Math.max(this.sent, ready));
    this.sent = Math.max(this.sent, ready);
    return out;
  }
}
