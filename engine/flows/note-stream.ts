// Notes as they are decoded: each token is read once as it comes (a TokenReader), and
// the notes complete so far go out, so the piano roll fills in while the model writes.

import { tempoMapSeconds } from '../piece/beat-map.js';
import { compareNotes, type Note } from '../piece/piece.js';
import { meterMap } from '../tokens/detokenize.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { TokenReader } from '../tokens/token-reader.js';
import type { Vocab } from '../tokens/vocab.js';

export class NoteStream {
  private readonly reader: TokenReader;
  private count = 0;
  private sent = 0;

  constructor(vocab: Vocab, first: number[], meters: TokenSequence['meters']) {
    this.reader = new TokenReader(vocab, meterMap({ meters }));
    this.push(first);
  }

  push(token: number[]): void {
    this.reader.read(token);
    this.count++;
  }

  /** Tokens pushed, the first included. */
  get length(): number {
    return this.count;
  }

  /**
   * Notes completed since the last call (a note is complete once a later onset exists).
   * Seconds follow the tempo map read so far: a tempo change after a note's onset moves
   * its offset in the final piece.
   */
  fresh(final = false): Note[] {
    const notes = this.reader.notes;
    // the last onset's chord may still grow; a preview only: should the model step back
    // in time, the final piece (job.done) is the truth
    const lastOnset = notes.length ? notes[notes.length - 1].onsetBeat : 0;
    let ready = notes.length;
    if (!final) while (ready > this.sent && notes[ready - 1].onsetBeat === lastOnset) ready--;
    const tempos = this.reader.tempos();
    const out = notes.slice(this.sent, ready).map((n) => ({ ...n, onset: tempoMapSeconds(tempos, n.onsetBeat), offset: tempoMapSeconds(tempos, n.offsetBeat) }));
    this.sent = Math.max(this.sent, ready);
    return out.sort(compareNotes);
  }
}
