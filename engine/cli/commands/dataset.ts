import { buildDataset } from '../../dataset/build.js';
import { sharedDataPath } from '../../paths.js';
import { loadVocab } from '../../tokens/vocab.js';
import { requireString, UsageError, type Command } from '../command.js';

export const datasetCommand: Command = {
  name: 'dataset',
  summary: 'tokenize EMOPIA into int16 tensors + index for training (see docs/dataset-format.md)',
  usage: 'muser dataset --out DIR [--data DIR] [--no-verify] [--limit N]',
  optionHelp: [
    ['--out DIR', 'folder to write tokens.bin, index.json and report.md into'],
    ['--data DIR', 'the EMOPIA folder (default ../shared/data/emopia)'],
    ['--no-verify', 'skip the per-clip round-trip check (tokens -> MIDI -> tokens)'],
    ['--limit N', 'only the first N files (for a quick try)'],
  ],
  options: { out: { type: 'string' }, data: { type: 'string' }, 'no-verify': { type: 'boolean' }, limit: { type: 'string' } },
  positionals: [0, 0],
  run(args, io) {
    const out = requireString(args, 'out');
    const limit = args.values.limit === undefined ? undefined : Number(args.values.limit);
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit takes a positive whole number');
    const tty = process.stderr.isTTY;
    const index = buildDataset({
      data: (args.values.data as string | undefined) ?? sharedDataPath('emopia'),
      out,
      vocab: loadVocab(),
      verify: !args.values['no-verify'],
      limit,
      progress: (done, total, name) => {
        if (tty) process.stderr.write(`\r[${done}/${total}] ${name.padEnd(40)}`);
        else if (done % 100 === 0 || done === total) io.err(`[${done}/${total}] ${name}`);
      },
    });
    if (tty) process.stderr.write('\n');
    for (const s of index.skipped) io.err(`skipped ${s.file}: ${s.reason}`);
    const all = index.stats.bySplit.all;
    io.out(`${out}: ${index.clips.length} clips, ${index.totalTokens} tokens (median ${all?.median ?? 0} per clip), ${index.skipped.length} skipped; tokenizing took ${index.seconds.tokenize.toFixed(1)} s`);
    if (index.roundTrip) {
      const r = index.roundTrip;
      io.out(`round trip: ${r.idempotent}/${r.clips} idempotent, ${r.lost} of ${r.notes} notes lost, ${r.mergedDuplicates} duplicates merged, order kept in ${r.orderKept}/${r.clips}`);
    }
    io.out(`report: ${out}/report.md`);
    return 0;
  },
};
