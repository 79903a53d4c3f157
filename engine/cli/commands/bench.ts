import { runBench, type BenchReport } from '../../tools/bench.js';
import type { Command } from '../command.js';
import { MODEL_HELP, MODEL_OPTIONS, wholeNumber } from '../model-args.js';

export const benchCommand: Command = {
  name: 'bench',
  summary: 'time engine start, encoding and decoding against the goals',
  usage: 'muser bench [--baseline-tokens N] [--json]',
  optionHelp: [['--baseline-tokens N', 'prefix length for the full-recompute baseline (default 256; it costs O(N^2))'], ...MODEL_HELP],
  options: { 'baseline-tokens': { type: 'string' }, ...MODEL_OPTIONS },
  positionals: [0, 0],
  async run(args, io) {
    const baselineTokens = wholeNumber(args, 'baseline-tokens', 2);
    const report = await runBench({ dir: args.values.models as string | undefined, baselineTokens, log: args.values.json ? undefined : (l) => io.err(`  ... ${l}`) });
    io.out(args.values.json ? JSON.stringify(report, null, 2) : formatBench(report));
    return 0;
  },
};

function formatBench(r: BenchReport): string {
  const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
  const g = r.goals;
  const rec = r.recompute;
  return [
    `models: ${r.dir} on ${r.provider}`,
    `start:   ${r.startMs.toFixed(0)} ms (models verified and opened, worker ready)        goal <= ${g.startMs} ms  ${ok(r.startMs <= g.startMs)}`,
    `encode:  ${r.encodeMs.toFixed(1)} ms for a ${r.piece.seconds.toFixed(0)} s piece (${r.piece.tokens} tokens), median of 5   goal <= ${g.encodeMs} ms  ${ok(r.encodeMs <= g.encodeMs)}`,
    ...r.decode.map(
      (d) => `decode:  batch ${d.batch}: ${d.msPerToken.toFixed(3)} ms/token over ${d.tokens} tokens, ${d.realTime.toFixed(1)}x real time${d.batch === 1 ? `   goal >= ${g.realTime}x  ${ok(d.realTime >= g.realTime)}` : ''}`,
    ),
    `recompute baseline over ${rec.tokens} tokens: ${rec.recomputeMsPerToken.toFixed(3)} ms/token vs ${rec.recurrentMsPerToken.toFixed(3)} ms/token recurrent = ${rec.speedUp.toFixed(1)}x faster   goal >= ${g.speedUp}x  ${ok(rec.speedUp >= g.speedUp)}`,
    `(real time = seconds of music per second of compute, at the bench piece's ${(r.piece.seconds / r.piece.tokens).toFixed(3)} s of music per token)`,
  ].join('\n');
}
