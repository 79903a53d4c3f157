// `muser bench`: how fast the engine starts (worker included), encodes and decodes, and
// how much the recurrent decoder saves over recomputing the prefix at every token. Both
// decoders are timed on this thread, over every latent position (EOS is not sampled), so
// the figures measure the work per token whatever the model's output.

import { decodeLatents, type StepperFactory } from '../inference/decode.js';
import { samplingOf } from '../inference/sampling.js';
import type { Graphs } from '../onnx/graphs.js';
import { loadGraphs } from '../onnx/load.js';
import { pieceDuration } from '../piece/piece.js';
import { xorshift32 } from '../rng.js';
import { Engine } from '../runner/engine.js';
import { tokenize } from '../tokens/tokenize.js';
import { loadVocab } from '../tokens/vocab.js';
import { benchPiece } from './bench-piece.js';
import { recomputeStepper } from './recompute-stepper.js';

export const GOALS = { startMs: 1500, encodeMs: 50, realTime: 30, speedUp: 10 };

export interface DecodeFigure {
  batch: number;
  tokens: number;
  msPerToken: number;
  /** Seconds of music per second of compute (all sequences of the batch together). */
  realTime: number;
}

export interface BenchReport {
  dir: string;
  provider: string;
  startMs: number;
  piece: { seconds: number; tokens: number };
  encodeMs: number;
  decode: DecodeFigure[];
  recompute: { tokens: number; recomputeMsPerToken: number; recurrentMsPerToken: number; speedUp: number };
  goals: typeof GOALS;
}

const SEED = 1;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeDecode(graphs: Graphs, latents: Float32Array, length: number, batch: number, emotion: number, stepper?: StepperFactory) {
  const tiled = new Float32Array(batch * latents.length);
  for (let b = 0; b < batch; b++) tiled.set(latents, b * latents.length);
  const rngs = Array.from({ length: batch }, (_, b) => xorshift32(SEED, b));
  const input = { latents: tiled, batch, length, emotion: new Array(batch).fill(emotion), sampling: samplingOf(), fullLength: true };
  const t0 = performance.now();
  const seqs = await decodeLatents(graphs, loadVocab(), input, rngs, {}, stepper);
  return { ms: performance.now() - t0, tokens: seqs.reduce((n, s) => n + s.length - 1, 0) };
}

export async function runBench(options: { dir?: string; baselineTokens?: number; log?: (line: string) => void }): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const t0 = performance.now();
  const engine = await Engine.open({ dir: options.dir });
  await engine.warmUp();
  const startMs = performance.now() - t0;
  log(`start ${startMs.toFixed(0)} ms`);
  try {
    const piece = benchPiece();
    const tokens = tokenize(piece, engine.vocab).sequence.tokens;
    const seconds = pieceDuration(piece);
    const secondsPerToken = seconds / tokens.length;
    const encodeRuns: number[] = [];
    let enc = await engine.encode(tokens); // the first run pays for onnxruntime's warm-up
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      enc = await engine.encode(tokens);
      encodeRuns.push(performance.now() - t);
    }
    const encodeMs = median(encodeRuns);
    log(`encode ${encodeMs.toFixed(1)} ms (${tokens.length} tokens)`);

    const { graphs } = await loadGraphs({ dir: engine.info.dir, providers: [engine.info.provider], graphs: ['decoder_step', 'decoder_heads'] });
    try {
      const figure = (batch: number, r: { ms: number; tokens: number }): DecodeFigure => ({
        batch,
        tokens: r.tokens,
        msPerToken: r.ms / r.tokens,
        realTime: (r.tokens * secondsPerToken) / (r.ms / 1000),
      });
      // onnxruntime's first runs of a session are slow; warm both decoders up first
      await timeDecode(graphs, enc.quantized, 16, 1, enc.emotion);
      await timeDecode(graphs, enc.quantized, 16, 1, enc.emotion, recomputeStepper);
      const decode: DecodeFigure[] = [];
      for (const batch of [1, 4]) {
        decode.push(figure(batch, await timeDecode(graphs, enc.quantized, enc.length, batch, enc.emotion)));
        log(`decode batch ${batch}: ${decode[decode.length - 1].msPerToken.toFixed(3)} ms/token`);
      }

      // the same prefix both ways; recomputing costs O(n^2), so it runs on a prefix only
      const n = Math.min(options.baselineTokens ?? 256, enc.length);
      const prefix = enc.quantized.subarray(0, n * engine.manifest.latent.dims);
      const recurrent = await timeDecode(graphs, prefix, n, 1, enc.emotion);
      const recompute = await timeDecode(graphs, prefix, n, 1, enc.emotion, recomputeStepper);
      const recurrentMs = recurrent.ms / recurrent.tokens;
      const recomputeMs = recompute.ms / recompute.tokens;
      log(`recompute over ${n} tokens: ${recomputeMs.toFixed(3)} ms/token`);
      return {
        dir: engine.info.dir,
        provider: engine.info.provider,
        startMs,
        piece: { seconds, tokens: tokens.length },
        encodeMs,
        decode,
        recompute: { tokens: recompute.tokens, recomputeMsPerToken: recomputeMs, recurrentMsPerToken: recurrentMs, speedUp: recomputeMs / recurrentMs },
        goals: GOALS,
      };
    } finally {
      await graphs.release();
    }
  } finally {
    await engine.close();
  }
}
