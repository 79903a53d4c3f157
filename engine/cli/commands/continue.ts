import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { estimateTokens } from '../../analysis/analysis.js';
import { continuePiece } from '../../flows/continue.js';
import { readTokens } from '../../io/read-tokens.js';
import { openJudge } from '../../judge/judge.js';
import { requireString, UsageError, type Command } from '../command.js';
import { GUIDANCE_HELP, guidanceArg, KEY_HELP, keyArg, MODEL_HELP, MODEL_OPTIONS, openEngine, quadrantArg, SAMPLING_HELP, SAMPLING_OPTIONS, samplingArgs, wholeNumber } from '../model-args.js';
import { writeMusic } from '../music-output.js';

export const continueCommand: Command = {
  name: 'continue',
  summary: 'A followed by new bars in an emotion quadrant, the prior primed with A',
  usage: 'muser continue A.mid --bars N --quadrant Q1|Q2|Q3|Q4 [-n K] [--guidance W] [--key K] -o DIR [--seed N] [--json]',
  optionHelp: [
    ['--bars N', 'how many bars to add after A\'s last'],
    ['--quadrant Q', 'emotion quadrant of the new bars: Q1 happy, Q2 tense, Q3 sad, Q4 calm'],
    ['-n K', 'how many variations, decoded together (default 1)'],
    GUIDANCE_HELP,
    KEY_HELP,
    ['-o, --out DIR', 'folder to write the MIDI files into (made if missing)'],
    ...SAMPLING_HELP,
    ...MODEL_HELP,
  ],
  options: { bars: { type: 'string' }, quadrant: { type: 'string' }, n: { type: 'string', short: 'n' }, guidance: { type: 'string' }, key: { type: 'string' }, out: { type: 'string', short: 'o' }, ...SAMPLING_OPTIONS, ...MODEL_OPTIONS },
  positionals: [1, 1],
  async run(args, io) {
    const [aPath] = args.positionals;
    const quadrant = quadrantArg(args.values.quadrant, 'quadrant');
    if (!quadrant) throw new UsageError('--quadrant is required');
    const bars = wholeNumber(args, 'bars', 1);
    if (bars === undefined) throw new UsageError('--bars is required: how many bars to add');
    const dir = requireString(args, 'out');
    const count = wholeNumber(args, 'n', 1) ?? 1;
    const guidance = guidanceArg(args);
    const key = keyArg(args);
    const { sampling, seed } = samplingArgs(args);

    const engine = await openEngine(args);
    try {
      const sequence = readTokens(aPath, engine.vocab);
      const a = { sequence, encoding: await engine.encode(sequence.tokens), name: basename(aPath), file: aPath };
      const continued = await continuePiece(engine, a, { quadrant, bars, count, guidance, sampling, seed, key });
      mkdirSync(dir, { recursive: true });
      const stem = basename(aPath).replace(/\.[^.]+$/, '');
      const judgeModel = openJudge(engine.info.dir);
      const pieces = continued.pieces.map((made, k) => {
        const file = join(dir, `${stem}-${quadrant}-seed${made.seed}-${k + 1}.mid`);
        const notes = writeMusic(file, made, [aPath]);
        return { file, key: made.key, tokens: made.sequence.tokens.length, notes, emotion: estimateTokens(made.sequence, engine.vocab, judgeModel) };
      });
      if (args.values.json) io.out(JSON.stringify({ a: aPath, quadrant, bars, ownBars: continued.ownBars, seed: continued.seed, sampling, pieces }, null, 2));
      else {
        for (const p of pieces) io.err(`${p.file}: ${p.notes} notes; judged ${p.emotion.quadrant} (valence ${p.emotion.valence.toFixed(2)}, arousal ${p.emotion.arousal.toFixed(2)})`);
        io.err(`${pieces.length} continuation(s) of ${aPath} (${continued.ownBars} bars) by ${bars} bars for ${quadrant}, seed ${continued.seed}`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
