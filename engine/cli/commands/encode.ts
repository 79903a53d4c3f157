import { basename } from 'node:path';
import { latentCsv, latentReport } from '../../inference/latent-report.js';
import { readTokens } from '../../io/read-tokens.js';
import { requireString, type Command } from '../command.js';
import { MODEL_HELP, MODEL_OPTIONS, openEngine } from '../model-args.js';
import { writeOutput } from '../output.js';

export const encodeCommand: Command = {
  name: 'encode',
  summary: 'element-wise latents, codes and per-bar heatmap of a piece (JSON, CSV)',
  usage: 'muser encode IN.mid -o OUT.json [--csv OUT.csv] [--json]',
  optionHelp: [
    ['-o, --out FILE', 'JSON to write: tokens, latents [token][element][16], codes, per-bar means'],
    ['--csv FILE', 'also write the heatmap as CSV: scope (token|bar), index, bar, element, d0..d15'],
    ...MODEL_HELP,
  ],
  options: { out: { type: 'string', short: 'o' }, csv: { type: 'string' }, ...MODEL_OPTIONS },
  positionals: [1, 1],
  async run(args, io) {
    const [input] = args.positionals;
    const out = requireString(args, 'out');
    const csv = args.values.csv as string | undefined;
    const engine = await openEngine(args);
    try {
      const { tokens } = readTokens(input, engine.vocab);
      const t0 = performance.now();
      const report = latentReport(await engine.encode(tokens), engine.manifest, basename(input));
      const ms = performance.now() - t0;
      writeOutput(out, `${JSON.stringify(report)}\n`, [input]);
      if (csv) writeOutput(csv, latentCsv(report), [input, out]);
      const summary = { out, csv: csv ?? null, tokens: tokens.length, bars: report.bars.length, ms, provider: engine.info.provider };
      if (args.values.json) io.out(JSON.stringify(summary, null, 2));
      else io.err(`${out}: ${tokens.length} tokens x ${report.elements.length} elements x ${report.slice} dims, ${report.bars.length} bars (${ms.toFixed(0)} ms)${csv ? `; ${csv}` : ''}`);
      return 0;
    } finally {
      await engine.close();
    }
  },
};
