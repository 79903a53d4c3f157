// The live note stream reads tokens as they come; what it sends, call after call, must be
// the piece the whole sequence detokenizes to.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NoteStream } from '../../engine/flows/note-stream.js';
import { importMidi } from '../../engine/midi/import.js';
import { projectPath } from '../../engine/paths.js';
import { detokenize } from '../../engine/tokens/detokenize.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { loadVocab } from '../../engine/tokens/vocab.js';

const vocab = loadVocab();

describe('NoteStream', () => {
  const file = projectPath('assets', 'examples', 'Q3 sad.mid');
  const { sequence } = tokenize(importMidi(new Uint8Array(readFileSync(file)), file), vocab, 'Q3');
  const whole = detokenize(sequence, vocab).notes;

  it('sends, over its calls, exactly the notes of the whole sequence, each once and never ahead of an unfinished onset', () => {
    const stream = new NoteStream(vocab, sequence.tokens[0], sequence.meters);
    const sent = [];
    for (const t of sequence.tokens.slice(1)) {
      stream.push(t);
      if (stream.length % 8 === 0) {
        const fresh = stream.fresh();
        // a chord still being written is held back: nothing sent sits at the latest onset read
        const pushedSoFar = detokenize({ ...sequence, tokens: sequence.tokens.slice(0, stream.length) }, vocab).notes;
        const latest = Math.max(...pushedSoFar.map((n) => n.onsetBeat));
        for (const n of fresh) expect(n.onsetBeat).toBeLessThan(latest);
        sent.push(...fresh);
      }
    }
    sent.push(...stream.fresh(true));
    expect(stream.length).toBe(sequence.tokens.length);
    // the same notes; an offset in seconds may still move with a tempo change read later
    const timeless = ({ offset: _, ...n }: (typeof whole)[number]) => n;
    expect(sent.map(timeless)).toEqual(whole.map(timeless));
  });

  it('sends every note of a long stream (the piece repeated past 8,000 tokens)', () => {
    const stream = new NoteStream(vocab, sequence.tokens[0], sequence.meters);
    const body = sequence.tokens.slice(1, -1);
    let count = 0;
    for (let i = 0; i < 8000; i++) {
      stream.push(body[i % body.length]);
      if (stream.length % 8 === 0) count += stream.fresh().length;
    }
    count += stream.fresh(true).length;
    // tokens repeat the piece's bars again and again, so every pass adds the piece's notes
    expect(count).toBeGreaterThan(whole.length * Math.floor(8000 / body.length) - whole.length);
  });
});
