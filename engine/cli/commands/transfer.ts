import { basename } from 'node:path';
import { estimateTokens } from '../../analysis/analysis.js';
import { transfer } from '../../flows/transfer.js';
import { ALIGNMENTS, DEFAULT_ALIGNMENT, ELEMENTS, type Alignment, type Element } from '../../inference/latent-transfer.js';
import { readTokens } from '../../io/read-tokens.js';
import { openJudge } from '../../judge/judge.js';
import { passageName, type BarRange } from '../../piece/passage.js';
import type { EmotionChoice } from '../../runner/engine.js';
import { QUADRANTS } from '../../tokens/quadrants.js';
import { requireString, UsageError, type Command } from '../command.js';
import { MODEL_HELP, MODEL_OPTIONS, openEngine, SAMPLING_HELP, SAMPLING_OPTIONS, samplingArgs } from '../model-args.js';
import { writeMusic } from '../music-output.js';

const EMOTION_CHOICES = ['A', 'B', ...QUADRANTS, 'none'];

export function parseElements(value: string | boolean | undefined): Element[] {
  if (value === undefined || value === '') return [];
  if (value === 'all') return [...ELEMENTS];
  const names = String(value).split(',').map((s) => s.trim());
  const bad = names.filter((n) => !(ELEMENTS as readonly string[]).includes(n));
  if (bad.length) throw new UsageError(`unknown element(s) ${bad.join(', ')}; choose from ${ELEMENTS.join(', ')} or all`);
  return [...new Set(names as Element[])];
}

/** `--bars 5-8` (or `--bars 5`, one bar) as a bar range. */
export function parseBars(value: string | boolean | undefined): BarRange | undefined {
  if (value === undefined) return undefined;
  const m = typeof value === 'string' ? /^(\d+)(?:-(\d+))?$/.exec(value.trim()) : null;
  const range = m && { first: Number(m[1]), last: Number(m[2] ?? m[1]) };
  if (!range || range.first < 1 || range.last < range.first) throw new UsageError(`--bars must be FIRST-LAST, bars counted from 1 (e.g. 5-8), got ${String(value)}`);
  return range;
}

export const transferCommand: Command = {
  name: 'transfer',
  summary: 'A with chosen elements (pitch, duration, ...) transferred from B',
  usage: 'muser transfer A.mid B.mid --elements pitch,duration -o OUT.mid [--align position|bar|type] [--bars FIRST-LAST] [--seed N] [--temperature T] [--top-p P] [--greedy] [--json]',
  optionHelp: [
    ['--elements LIST', `elements to take from B, comma-separated: ${ELEMENTS.join(', ')}, or all (none: A as the model rebuilds it)`],
    ['-o, --out FILE', 'MIDI file to write (.json: a token file)'],
    ['--align MODE', `type: A's n-th note takes B's n-th note, its n-th bar or beat B's n-th (default: it transfers better, see models/README.md); position: B's latent at the same token index (the paper's); bar: at the same bar and position in the bar`],
    ['--bars FIRST-LAST', 'only this passage of A (bars counted from 1, e.g. 5-8) takes B\'s elements; default all of A'],
    ['--emotion E', 'emotion the decoder is conditioned on: A (default), B, Q1..Q4 or none'],
    ...SAMPLING_HELP,
    ...MODEL_HELP,
  ],
  options: { elements: { type: 'string' }, out: { type: 'string', short: 'o' }, align: { type: 'string' }, bars: { type: 'string' }, emotion: { type: 'string' }, ...SAMPLING_OPTIONS, ...MODEL_OPTIONS },
  positionals: [2, 2],
  async run(args, io) {
    const [aPath, bPath] = args.positionals;
    const out = requireString(args, 'out');
    const elements = parseElements(args.values.elements);
    const align = (args.values.align ?? DEFAULT_ALIGNMENT) as Alignment;
    if (!ALIGNMENTS.includes(align)) throw new UsageError(`--align must be one of ${ALIGNMENTS.join(', ')}`);
    const bars = parseBars(args.values.bars);
    const emotion = (args.values.emotion ?? 'A') as EmotionChoice;
    if (!EMOTION_CHOICES.includes(emotion)) throw new UsageError(`--emotion must be one of ${EMOTION_CHOICES.join(', ')}`);
    const { sampling, seed } = samplingArgs(args);

    const engine = await openEngine(args);
    try {
      const source = async (file: string) => {
        const sequence = readTokens(file, engine.vocab);
        return { sequence, encoding: await engine.encode(sequence.tokens), name: basename(file), file };
      };
      const [a, b] = [await source(aPath), await source(bPath)];
      const made = await transfer(engine, a, b, { elements, align, emotion, bars, sampling, seed });
      const { tokens } = made.sequence;
      const notes = writeMusic(out, made, [aPath, bPath]);
      const report = {
        out,
        a: aPath,
        b: bPath,
        elements,
        align,
        bars: bars ?? null,
        emotion,
        seed: made.seed,
        sampling,
        tokens: tokens.length,
        notes,
        provider: engine.info.provider,
        emotionBefore: estimateTokens(a.sequence, engine.vocab, openJudge(engine.info.dir)),
        emotionAfter: estimateTokens({ ...a.sequence, tokens }, engine.vocab, openJudge(engine.info.dir)),
      };
      if (args.values.json) io.out(JSON.stringify(report, null, 2));
      else {
        const e = (x: typeof report.emotionAfter) => `${x.quadrant} (valence ${x.valence.toFixed(2)}, arousal ${x.arousal.toFixed(2)})`;
        io.err(`${out}: ${notes} notes, ${tokens.length} tokens; ${elements.length ? elements.join(', ') : 'no elements'} from ${bPath} (${align} alignment${bars ? `, ${passageName(bars)}` : ''}), seed ${made.seed}`);
        io.err(`  emotion estimate: A ${e(report.emotionBefore)} -> result ${e(report.emotionAfter)}`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
