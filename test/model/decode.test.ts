// Decoding, transfer and generation through the engine (and its worker).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLatents, recurrentStepper, type StepperFactory } from '../../engine/inference/decode.js';
import { encodeTokens } from '../../engine/inference/encoding.js';
import { readPiece } from '../../engine/io/read-piece.js';
import { projectPath } from '../../engine/paths.js';
import { ALIGNMENTS, ELEMENTS } from '../../engine/inference/latent-transfer.js';
import { samplingOf } from '../../engine/inference/sampling.js';
import { HEAD_ELEMENTS, type Graphs } from '../../engine/onnx/graphs.js';
import { loadGraphs } from '../../engine/onnx/load.js';
import { trainingCrop } from '../../engine/onnx/manifest.js';
import { xorshift32 } from '../../engine/rng.js';
import { Engine } from '../../engine/runner/engine.js';
import { tokensInBars } from '../../engine/tokens/bar-range.js';
import { tokenize } from '../../engine/tokens/tokenize.js';
import { FIELDS } from '../../engine/tokens/vocab.js';
import { MODEL_DIR, noModels, smallPiece, suite, vocab } from './helpers.js';

const EMOTION = FIELDS.indexOf('emotion');
const withoutEmotion = (seq: number[][]) => seq.map((t) => t.map((v, f) => (f === EMOTION ? 0 : v)));

describe.skipIf(noModels)(suite('decoding'), () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await Engine.open({ dir: MODEL_DIR });
  });
  afterAll(() => engine.close());

  it('gives the same tokens for the same seed, and other tokens for other seeds', async () => {
    const a = await engine.encode(smallPiece(4));
    const first = await engine.reconstruct(a, { seed: 11 });
    expect(first.seed).toBe(11);
    expect((await engine.reconstruct(a, { seed: 11 })).sequences).toEqual(first.sequences);
    const others = await Promise.all([12, 13, 14, 15].map((seed) => engine.reconstruct(a, { seed, sampling: { temperature: 1.5, topP: 1 } })));
    expect(others.some((o) => JSON.stringify(o.sequences) !== JSON.stringify(first.sequences))).toBe(true);
  });

  it('produces well-formed tokens: emotion token first, one token per latent at most, fields by type', async () => {
    const tokens = smallPiece(3, { emotion: 'Q2' });
    const a = await engine.encode(tokens);
    const [seq] = (await engine.reconstruct(a, { seed: 3 })).sequences;
    expect(seq[0]).toEqual(tokens[0]);
    expect(seq.length).toBeLessThanOrEqual(tokens.length);
    const types = vocab.values.type;
    for (const t of seq.slice(1)) {
      expect(['Metrical', 'Note', 'EOS']).toContain(types[t[FIELDS.indexOf('type')]]);
      expect(t[EMOTION]).toBe(0);
      const carried = types[t[3]] === 'Metrical' ? [0, 1, 2] : types[t[3]] === 'Note' ? [4, 5, 6] : [];
      for (const f of [0, 1, 2, 4, 5, 6]) expect(t[f] !== 0, `${FIELDS[f]} of ${types[t[3]]}`).toBe(carried.includes(f));
    }
    expect(seq.slice(1, -1).every((t) => types[t[3]] !== 'EOS')).toBe(true);
  });

  it('calls back once per generated token, in order, with the tokens of the result', async () => {
    const a = await engine.encode(smallPiece(2));
    const seen: number[][] = [];
    const indices: number[] = [];
    const result = await engine.reconstruct(a, { seed: 5, onToken: (item, index, token) => (expect(item).toBe(0), indices.push(index), seen.push(token)) });
    expect(seen).toEqual(result.sequences[0].slice(1));
    expect(indices).toEqual(seen.map((_, i) => i + 1));
  });

  it('transferring no element gives A as the model reconstructs it (sampled and greedy)', async () => {
    const a = await engine.encode(smallPiece(3));
    const b = await engine.encode(smallPiece(2, { shift: 3 }));
    for (const align of ALIGNMENTS) {
      const t = await engine.transfer(a, b, { elements: [], align }, { seed: 21 });
      expect(t.sequences).toEqual((await engine.reconstruct(a, { seed: 21 })).sequences);
    }
    const greedy = { sampling: { greedy: true } };
    expect((await engine.transfer(a, b, { elements: [] }, greedy)).sequences).toEqual((await engine.reconstruct(a, greedy)).sequences);
  });

  it("transferring all 7 elements (position, equal lengths) gives B's reconstruction but for the emotion field", async () => {
    const aTokens = smallPiece(3);
    const bTokens = smallPiece(3, { shift: 5, velocity: 110 });
    expect(bTokens.length).toBe(aTokens.length);
    const a = await engine.encode(aTokens);
    const b = await engine.encode(bTokens);
    const t = await engine.transfer(a, b, { elements: ELEMENTS, align: 'position' }, { seed: 8 });
    const rb = await engine.reconstruct(b, { seed: 8 });
    expect(withoutEmotion(t.sequences[0])).toEqual(withoutEmotion(rb.sequences[0]));

    // A's emotion is kept unless asked for B's
    const aq = await engine.encode(smallPiece(3, { emotion: 'Q1' }));
    const bq = await engine.encode(smallPiece(3, { shift: 5, velocity: 110, emotion: 'Q3' }));
    const kept = await engine.transfer(aq, bq, { elements: ELEMENTS, align: 'position' }, { seed: 8 });
    expect(kept.sequences[0][0][EMOTION]).toBe(vocab.id('emotion', 'Q1'));
    const fromB = await engine.transfer(aq, bq, { elements: ELEMENTS, align: 'position', emotion: 'B' }, { seed: 8 });
    expect(fromB.sequences).toEqual((await engine.reconstruct(bq, { seed: 8 })).sequences);
  });

  it('limited to a passage, keeps what comes before it as A is rebuilt', async () => {
    const aTokens = smallPiece(3);
    const a = await engine.encode(aTokens);
    const b = await engine.encode(smallPiece(3, { shift: 7 }));
    const only = tokensInBars({ tokens: aTokens }, vocab, { first: 2, last: 2 }, 'a');
    const start = only.indexOf(true); // bar 2's bar line
    const [rebuilt] = (await engine.reconstruct(a, { seed: 5 })).sequences;
    const [passage] = (await engine.transfer(a, b, { elements: ['pitch'], only }, { seed: 5 })).sequences;
    const [whole] = (await engine.transfer(a, b, { elements: ['pitch'] }, { seed: 5 })).sequences;
    expect(passage.slice(0, start)).toEqual(rebuilt.slice(0, start));
    expect(whole.slice(0, start)).not.toEqual(rebuilt.slice(0, start)); // B's pitch reaches bar 1 when not limited
    expect(passage).not.toEqual(rebuilt);
  });

  it('handles B shorter and longer than A in every alignment', async () => {
    const a = await engine.encode(smallPiece(3));
    for (const bars of [1, 6]) {
      const b = await engine.encode(smallPiece(bars, { shift: -4 }));
      for (const align of ALIGNMENTS) {
        for (const elements of [['pitch', 'duration'], ['type']] as const) {
          // B's last token (EOS) moved into A must not end A there
          const [seq] = (await engine.transfer(a, b, { elements: [...elements], align }, { seed: 2 })).sequences;
          expect(seq.length, `${elements.join('+')} from ${bars} bars by ${align}`).toBe(a.length);
        }
      }
    }
  });

  it("transferring B's token types keeps all of A, whichever way they align", async () => {
    // by position, the types of a shorter B carried its EOS into A: 15 of 24 example pairs ended there
    const [a, b] = await Promise.all(['Q1 happy', 'Q4 calm'].map((name) => engine.encode(tokenize(readPiece(projectPath('assets', 'examples', `${name}.mid`)), vocab, 'Q1').sequence.tokens)));
    expect(b.length).toBeLessThan(a.length);
    for (const align of ALIGNMENTS) {
      for (let seed = 0; seed < 4; seed++) {
        const [seq] = (await engine.transfer(a, b, { elements: ['type'], align }, { seed })).sequences;
        expect(seq.length, `by ${align}, seed ${seed}`).toBe(a.length);
      }
    }
  });

  it('generates a batch of variations for a quadrant, reproducibly, within the bar limit', async () => {
    const g = { quadrant: 'Q3' as const, tokens: 48, count: 3, maxBars: 2 };
    const one = await engine.generate(g, { seed: 99 });
    expect(one.sequences).toHaveLength(3);
    expect((await engine.generate(g, { seed: 99 })).sequences).toEqual(one.sequences);
    const bar = vocab.id('bar-beat', 'Bar');
    for (const seq of one.sequences) {
      expect(seq[0][EMOTION]).toBe(vocab.id('emotion', 'Q3'));
      expect(seq.length).toBeLessThanOrEqual(48);
      expect(seq.filter((t) => t[3] === vocab.id('type', 'Metrical') && t[2] === bar).length).toBeLessThanOrEqual(2);
    }
  });

  it('never moves a generated position token back within its bar, even sampling hot', async () => {
    const { sequences } = await engine.generate({ quadrant: 'Q1', tokens: 160, count: 4 }, { seed: 12, sampling: { temperature: 1.5, topP: 1 } });
    const [metrical, bar] = [vocab.id('type', 'Metrical'), vocab.id('bar-beat', 'Bar')];
    let positions = 0;
    for (const seq of sequences) {
      let last = -1;
      for (const t of seq.filter((t) => t[3] === metrical)) {
        if (t[2] === bar) last = -1;
        else {
          const step = Number(vocab.values['bar-beat'][t[2]].slice(5));
          expect(step).toBeGreaterThan(last);
          last = step;
          positions++;
        }
      }
    }
    expect(positions).toBeGreaterThan(20);
  });

  it('estimates emotion as quadrant probabilities with valence and arousal', async () => {
    const e = await engine.estimateEmotion(smallPiece(4));
    const p = e.probabilities;
    expect(p.Q1 + p.Q2 + p.Q3 + p.Q4).toBeCloseTo(1, 6);
    expect(e.valence).toBeCloseTo(p.Q1 + p.Q4, 9);
    expect(e.arousal).toBeCloseTo(p.Q1 + p.Q2, 9);
    expect(e.windows).toBeGreaterThanOrEqual(1);
  });
});

describe.skipIf(noModels)(suite('decoding past the training crop'), () => {
  it('starts a fresh window every crop-1 tokens, from the emotion token at position 0', async () => {
    const { graphs } = await loadGraphs({ dir: MODEL_DIR });
    const crop = trainingCrop(graphs.manifest);
    const a = await encodeTokens(graphs, vocab, smallPiece(Math.ceil((2.5 * crop) / 15)), crop);
    expect(a.length).toBeGreaterThan(2 * crop);
    const calls: { fresh: boolean; pos: number; prevType: number }[] = [];
    let made = 0;
    const counting: StepperFactory = (g, batch, emotion) => {
      const inner = recurrentStepper(g, batch, emotion);
      const first = made++ > 0;
      let steps = 0;
      return {
        step(prev, latent, pos) {
          calls.push({ fresh: first && steps++ === 0, pos, prevType: Number((prev.data as BigInt64Array)[FIELDS.indexOf('type')]) });
          return inner.step(prev, latent, pos);
        },
      };
    };
    const input = { latents: a.quantized, batch: 1, length: a.length, emotion: [a.emotion], sampling: samplingOf({ greedy: true }), fullLength: true };
    await decodeLatents(graphs, vocab, input, [xorshift32(1)], {}, counting);
    expect(made).toBe(Math.ceil((a.length - 1) / (crop - 1)));
    expect(Math.max(...calls.map((c) => c.pos))).toBe(crop - 2);
    const restarts = calls.filter((c) => c.fresh);
    expect(restarts.length).toBe(made - 1);
    for (const r of restarts) expect([r.pos, vocab.values.type[r.prevType]]).toEqual([0, 'Emotion']);
    await graphs.release();
  });
});

describe.skipIf(noModels)(suite('new music opens on a bar line with notes'), () => {
  const types = vocab.values.type;
  const TYPE = FIELDS.indexOf('type');
  const BAR_BEAT = FIELDS.indexOf('bar-beat');
  const bar = vocab.id('bar-beat', 'Bar');
  /** The decoder, pushed toward some types (and the bar line) far past what the latents say. */
  const pushed = (graphs: Graphs, push: Record<string, number>, barLines: number): [Graphs, StepperFactory] => {
    const barBeat = HEAD_ELEMENTS.indexOf('bar-beat');
    const size = vocab.values['bar-beat'].length;
    const heads = Object.create(graphs, {
      decoderHeads: {
        value: async (...args: Parameters<Graphs['decoderHeads']>) => {
          const logits = await graphs.decoderHeads(...args);
          for (let b = 0; b * size < logits[barBeat].length; b++) logits[barBeat][b * size + bar] += barLines;
          return logits;
        },
      },
    }) as Graphs;
    const stepper: StepperFactory = (g, batch, emotion) => {
      const inner = recurrentStepper(g, batch, emotion);
      return {
        async step(prev, latent, pos) {
          const out = await inner.step(prev, latent, pos);
          const typeLogits = out.typeLogits.slice();
          for (let b = 0; b < batch; b++) for (const [name, by] of Object.entries(push)) typeLogits[b * types.length + types.indexOf(name)] += by;
          return { ...out, typeLogits };
        },
      };
    };
    return [heads, stepper];
  };
  const kinds = (seq: number[][]) => seq.slice(1).map((t) => (types[t[TYPE]] === 'Metrical' ? (t[BAR_BEAT] === bar ? 'Bar' : 'Beat') : types[t[TYPE]]));

  it('even when the decoder would end at once, or write only bar lines', async () => {
    const { graphs } = await loadGraphs({ dir: MODEL_DIR });
    const a = await encodeTokens(graphs, vocab, smallPiece(4), trainingCrop(graphs.manifest));
    const input = { latents: a.quantized, batch: 2, length: a.length, emotion: [a.emotion, a.emotion], sampling: samplingOf({ greedy: true }), forwardOnly: true };
    const twice = new Float32Array(2 * a.quantized.length);
    twice.set(a.quantized);
    twice.set(a.quantized, a.quantized.length);
    const cases = [pushed(graphs, { EOS: 50, Note: 40 }, 0), pushed(graphs, { Metrical: 50 }, 50)];
    for (const [heads, stepper] of cases) {
      const free = await decodeLatents(heads, vocab, { ...input, latents: twice }, [xorshift32(1), xorshift32(2)], {}, stepper);
      const opened = await decodeLatents(heads, vocab, { ...input, latents: twice, opensWithNotes: true }, [xorshift32(1), xorshift32(2)], {}, stepper);
      for (const seq of free) expect(kinds(seq).indexOf('Note') > 0 && kinds(seq).indexOf('Note') < kinds(seq).indexOf('Bar', 1)).toBe(false);
      for (const seq of opened) {
        const k = kinds(seq);
        expect(k[0]).toBe('Bar');
        const note = k.indexOf('Note');
        expect(note).toBeGreaterThan(0);
        expect(k.slice(1, note).every((x) => x === 'Beat')).toBe(true);
      }
    }
    await graphs.release();
  });
});
