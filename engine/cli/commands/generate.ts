import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { estimateTokens } from '../../analysis/analysis.js';
import { DEFAULT_TOKENS, generate, TOKENS_PER_BAR } from '../../flows/generate.js';
import { openJudge } from '../../judge/judge.js';
import { requireString, UsageError, type Command } from '../command.js';
import { GUIDANCE_HELP, guidanceArg, KEY_HELP, keyArg, MODEL_HELP, MODEL_OPTIONS, openEngine, quadrantArg, SAMPLING_HELP, SAMPLING_OPTIONS, samplingArgs, wholeNumber } from '../model-args.js';
import { writeMusic } from '../music-output.js';

export const generateCommand: Command = {
  name: 'generate',
  summary: 'new music for an emotion quadrant, sampled from the prior',
  usage: 'muser generate --quadrant Q1|Q2|Q3|Q4 [--bars N | --tokens N] [-n K] [--guidance W] [--key K] -o DIR [--seed N] [--json]',
  optionHelp: [
    ['--quadrant Q', 'emotion quadrant: Q1 happy, Q2 tense, Q3 sad, Q4 calm'],
    ['--bars N', `stop each piece after N bars (budgets ${TOKENS_PER_BAR} tokens per bar)`],
    ['--tokens N', `tokens per piece, the emotion token included (default ${DEFAULT_TOKENS})`],
    ['-n K', 'how many variations, decoded together (default 1)'],
    GUIDANCE_HELP,
    KEY_HELP,
    ['-o, --out DIR', 'folder to write the MIDI files into (made if missing)'],
    ...SAMPLING_HELP,
    ...MODEL_HELP,
  ],
  options: { quadrant: { type: 'string' }, bars: { type: 'string' }, tokens: { type: 'string' }, n: { type: 'string', short: 'n' }, guidance: { type: 'string' }, key: { type: 'string' }, out: { type: 'string', short: 'o' }, ...SAMPLING_OPTIONS, ...MODEL_OPTIONS },
  positionals: [0, 0],
  async run(args, io) {
    const quadrant = quadrantArg(args.values.quadrant, 'quadrant');
    if (!quadrant) throw new UsageError('--quadrant is required');
    const dir = requireString(args, 'out');
    const bars = wholeNumber(args, 'bars', 1);
    const tokens = wholeNumber(args, 'tokens', 2);
    if (bars !== undefined && tokens !== undefined) throw new UsageError('give --bars or --tokens, not both');
    const count = wholeNumber(args, 'n', 1) ?? 1;
    const guidance = guidanceArg(args);
    const key = keyArg(args);
    const { sampling, seed } = samplingArgs(args);

    const engine = await openEngine(args);
    try {
      const t0 = performance.now();
      const generated = await generate(engine, { quadrant, count, bars, tokens, guidance, sampling, seed, key });
      const seconds = (performance.now() - t0) / 1000;
      mkdirSync(dir, { recursive: true });
      const pieces = generated.pieces.map((made, k) => {
        const file = join(dir, `${quadrant}-seed${made.seed}-${k + 1}.mid`);
        const notes = writeMusic(file, made, []);
        return { file, key: made.key, tokens: made.sequence.tokens.length, notes, emotion: estimateTokens(made.sequence, engine.vocab, openJudge(engine.info.dir)) };
      });
      const { seed: used, tokens: length } = generated;
      if (args.values.json) io.out(JSON.stringify({ quadrant, seed: used, sampling, guidance: generated.guidance, tokens: length, maxBars: bars ?? null, seconds, provider: engine.info.provider, pieces }, null, 2));
      else {
        for (const p of pieces) io.err(`${p.file}: ${p.notes} notes, ${p.tokens} tokens; judged ${p.emotion.quadrant} (P(${quadrant}) = ${p.emotion.probabilities[quadrant].toFixed(2)})`);
        io.err(`${pieces.length} piece(s) for ${quadrant} in ${seconds.toFixed(1)} s, seed ${used}`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
