import { basename } from 'node:path';
import { estimateTokens } from '../../analysis/analysis.js';
import { remoodKeyProblem } from '../../flows/key-choice.js';
import { remood } from '../../flows/re-mood.js';
import { transfer } from '../../flows/transfer.js';
import { ALIGNMENTS, COVERS, DEFAULT_ALIGNMENT, ELEMENTS, type Alignment, type Cover, type Element } from '../../inference/latent-transfer.js';
import { readTokens } from '../../io/read-tokens.js';
import { openJudge } from '../../judge/judge.js';
import { priorGuidance } from '../../onnx/manifest.js';
import type { BarRange } from '../../piece/passage.js';
import type { EmotionChoice } from '../../runner/engine.js';
import { QUADRANTS } from '../../tokens/quadrants.js';
import { requireString, UsageError, type Command } from '../command.js';
import { GUIDANCE_HELP, guidanceArg, KEY_HELP, keyArg, MODEL_HELP, MODEL_OPTIONS, openEngine, quadrantArg, SAMPLING_HELP, SAMPLING_OPTIONS, samplingArgs } from '../model-args.js';
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
  summary: 'A with chosen elements (pitch, duration, ...) transferred from B, or drawn anew toward a quadrant (--to)',
  usage:
    'muser transfer A.mid B.mid --elements pitch,duration -o OUT.mid [--align position|bar|type] [--cover repeat|span] [--bars FIRST-LAST] [--seed N] [--temperature T] [--top-p P] [--greedy] [--json]\n' +
    '       muser transfer A.mid --to Q1|Q2|Q3|Q4 --elements pitch[,...] -o OUT.mid [--guidance W] [--key K] [--bars FIRST-LAST] [--seed N] [--json]',
  optionHelp: [
    ['--elements LIST', `elements to take from B or to draw anew, comma-separated: ${ELEMENTS.join(', ')}, or all (none, with B: A as the model rebuilds it)`],
    ['--to Q', 're-mood: no B; the prior draws the elements anew for quadrant Q (Q1 happy, Q2 tense, Q3 sad, Q4 calm), every other element A\'s own'],
    ['-o, --out FILE', 'MIDI file to write (.json: a token file)'],
    ['--align MODE', `type: A's n-th note takes B's n-th note, its n-th bar or beat B's n-th (default: it transfers better, see models/README.md); position: B's latent at the same token index (the paper's); bar: at the same bar and position in the bar`],
    ['--cover MODE', `how a B shorter than A covers it: repeat: B's bars in turn over every bar of A, aligned within each bar (default when B has fewer bars); span: only the bars B covers change`],
    ['--bars FIRST-LAST', 'only this passage of A (bars counted from 1, e.g. 5-8) changes; default all of A'],
    ['--emotion E', 'emotion the decoder is conditioned on: A (default), B, Q1..Q4 or none'],
    GUIDANCE_HELP,
    KEY_HELP,
    ...SAMPLING_HELP,
    ...MODEL_HELP,
  ],
  options: { elements: { type: 'string' }, to: { type: 'string' }, out: { type: 'string', short: 'o' }, align: { type: 'string' }, cover: { type: 'string' }, bars: { type: 'string' }, emotion: { type: 'string' }, guidance: { type: 'string' }, key: { type: 'string' }, ...SAMPLING_OPTIONS, ...MODEL_OPTIONS },
  positionals: [1, 2],
  async run(args, io) {
    const [aPath, bPath] = args.positionals;
    const to = quadrantArg(args.values.to, 'to');
    if (to && bPath) throw new UsageError('give B or --to, not both: --to draws the elements anew, with no B');
    if (!to && !bPath) throw new UsageError('give B (a piece to take the elements from) or --to Q (a quadrant to move toward)');
    const out = requireString(args, 'out');
    const elements = parseElements(args.values.elements);
    if (to && elements.length === 0) throw new UsageError('--to needs --elements: which elements to draw anew toward the quadrant');
    const bars = parseBars(args.values.bars);
    const emotion = (args.values.emotion ?? 'A') as EmotionChoice;
    if (!EMOTION_CHOICES.includes(emotion)) throw new UsageError(`--emotion must be one of ${EMOTION_CHOICES.join(', ')}`);
    if (to && (args.values.align !== undefined || args.values.cover !== undefined)) throw new UsageError('--align and --cover are for a transfer from B, not for --to');
    if (!to && args.values.guidance !== undefined) throw new UsageError('--guidance is for --to (the prior draws the elements); a transfer from B uses no prior');
    if (!to && args.values.key !== undefined) throw new UsageError('--key is for --to (the pitches the prior draws keep to it); a transfer from B takes its pitch as it is');
    const align = (args.values.align ?? DEFAULT_ALIGNMENT) as Alignment;
    if (!ALIGNMENTS.includes(align)) throw new UsageError(`--align must be one of ${ALIGNMENTS.join(', ')}`);
    const cover = args.values.cover as Cover | undefined;
    if (cover !== undefined && !COVERS.includes(cover)) throw new UsageError(`--cover must be one of ${COVERS.join(', ')}`);
    const guidance = guidanceArg(args);
    const key = keyArg(args);
    const keyProblem = key && remoodKeyProblem(key, elements);
    if (keyProblem) throw new UsageError(`--key: ${keyProblem}`);
    const { sampling, seed } = samplingArgs(args);

    const engine = await openEngine(args);
    try {
      const source = async (file: string) => {
        const sequence = readTokens(file, engine.vocab);
        return { sequence, encoding: await engine.encode(sequence.tokens), name: basename(file), file };
      };
      const a = await source(aPath);
      const made = to
        ? await remood(engine, a, { to, elements, bars, guidance, emotion, sampling, seed, key })
        : await transfer(engine, a, await source(bPath), { elements, align, cover, emotion, bars, sampling, seed });
      const { tokens } = made.sequence;
      const notes = writeMusic(out, made, bPath ? [aPath, bPath] : [aPath]);
      const how = 'cover' in made ? { b: bPath, align, cover: made.cover } : { to, guidance: guidance ?? priorGuidance(engine.manifest, to), key: made.key };
      const judgeModel = openJudge(engine.info.dir);
      const report = {
        out,
        a: aPath,
        ...how,
        elements,
        bars: bars ?? null,
        changedBars: made.changedBars,
        change: made.change,
        emotion,
        seed: made.seed,
        sampling,
        tokens: tokens.length,
        notes,
        provider: engine.info.provider,
        emotionBefore: estimateTokens(a.sequence, engine.vocab, judgeModel),
        emotionAfter: estimateTokens({ ...a.sequence, tokens }, engine.vocab, judgeModel),
      };
      if (args.values.json) io.out(JSON.stringify(report, null, 2));
      else {
        const e = (x: typeof report.emotionAfter) => `${x.quadrant} (valence ${x.valence.toFixed(2)}, arousal ${x.arousal.toFixed(2)})`;
        io.err(`${out}: ${notes} notes, ${tokens.length} tokens; ${made.change} (seed ${made.seed})`);
        io.err(`  emotion estimate: A ${e(report.emotionBefore)} -> result ${e(report.emotionAfter)}`);
      }
      return 0;
    } finally {
      await engine.close();
    }
  },
};
