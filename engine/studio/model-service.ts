// The models as the app uses them on the workspace's pieces: a piece's latents and
// emotion estimate, and the flows that make new pieces (transferring elements of B to A,
// generating for a quadrant). Encodings are cached per stored file, so views and jobs share them.

import type { JobProgress } from '../api/jobs.js';
import { describe } from '../descriptors/describe.js';
import { messageOf, ModelUnavailable } from '../errors.js';
import type { Encoding } from '../inference/encoding.js';
import { latentCsv, latentReport, type LatentReport } from '../inference/latent-report.js';
import type { Alignment, Element } from '../inference/latent-transfer.js';
import { judge, openJudge, type EmotionEstimate } from '../judge/judge.js';
import { emotionOverTime, type BarEmotion } from '../judge/over-time.js';
import { priorGuidance } from '../onnx/manifest.js';
import { endAtBar } from '../piece/end-at-bar.js';
import { passageName, type BarRange } from '../piece/passage.js';
import { pieceDuration, type Piece } from '../piece/piece.js';
import { Engine, type EmotionChoice } from '../runner/engine.js';
import { tokensInBars } from '../tokens/bar-range.js';
import { detokenize } from '../tokens/detokenize.js';
import { MOODS, type Quadrant } from '../tokens/quadrants.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { tokenize } from '../tokens/tokenize.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';
import type { LibraryItem } from '../workspace/library.js';
import type { Workspace } from '../workspace/workspace.js';
import { latentView, type LatentView } from './latent-view.js';
import { NoteStream } from './note-stream.js';
import { tokenLabel } from './token-label.js';
import { tokenSeconds } from './token-times.js';

/** Latent tokens budgeted per generated bar; decoding stops at the bar limit first. */
const TOKENS_PER_BAR = 48;
/** Progress (and streamed notes) every this many decoded tokens. */
const PROGRESS_EVERY = 8;

interface Analysed {
  piece: Piece;
  seq: TokenSequence;
  enc?: Encoding;
  emotion?: EmotionEstimate;
  lane?: BarEmotion[];
}

export interface TransferArgs {
  a: string;
  b: string;
  elements: Element[];
  align: Alignment;
  emotion?: EmotionChoice;
  /** Only this passage of A takes B's elements. */
  bars?: BarRange;
  temperature?: number;
  seed?: number;
}

export interface GenerateArgs {
  quadrant: Quadrant;
  count: number;
  bars: number;
  temperature?: number;
  /** Classifier-free guidance scale (1 none); default the model's. */
  guidance?: number;
  seed?: number;
}

export interface MadePiece {
  item: LibraryItem;
  emotion: EmotionEstimate;
  seed: number;
}

type Progress = (p: JobProgress) => void;

export class ModelService {
  private readonly cache = new Map<string, Analysed>();

  constructor(
    private readonly workspace: Workspace,
    private readonly openEngine: () => Promise<Engine> = () => Engine.open(),
  ) {}

  async engine(): Promise<Engine> {
    try {
      return await this.openEngine();
    } catch (err) {
      throw new ModelUnavailable(`the MusER models cannot be loaded: ${messageOf(err)}`);
    }
  }

  private async analysed(id: string, encode: boolean): Promise<Analysed> {
    const { item, piece } = await this.workspace.piece(id);
    const engine = await this.engine();
    let a = this.cache.get(item.file);
    if (!a) this.cache.set(item.file, (a = { piece, seq: tokenize(piece, engine.vocab).sequence }));
    if (encode && !a.enc) a.enc = await engine.encode(a.seq.tokens);
    return a;
  }

  async encoding(id: string): Promise<Encoding> {
    return (await this.analysed(id, true)).enc!;
  }

  async emotion(id: string): Promise<EmotionEstimate> {
    const a = await this.analysed(id, false);
    a.emotion ??= await this.judged(a.piece);
    return a.emotion;
  }

  async emotionLane(id: string): Promise<BarEmotion[]> {
    const a = await this.analysed(id, false);
    if (!a.lane) {
      const engine = await this.engine();
      a.lane = emotionOverTime(a.piece, engine.vocab, openJudge(engine.info.dir));
    }
    return a.lane;
  }

  async latents(id: string): Promise<LatentView> {
    const a = await this.analysed(id, true);
    const engine = await this.engine();
    const report = latentReport(a.enc!, engine.manifest, this.workspace.item(id).name);
    return latentView(report, tokenSeconds(a.seq, engine.vocab, a.piece), a.seq.tokens.map((t) => tokenLabel(t, engine.vocab)), pieceDuration(a.piece));
  }

  /** The latents as `muser encode` writes them: JSON and long-format CSV. */
  async latentReport(id: string): Promise<{ json: LatentReport; csv: string }> {
    const a = await this.analysed(id, true);
    const json = latentReport(a.enc!, (await this.engine()).manifest, this.workspace.item(id).name);
    return { json, csv: latentCsv(json) };
  }

  async transfer(r: TransferArgs, progress: Progress, signal: AbortSignal): Promise<MadePiece> {
    const [a, b] = [await this.analysed(r.a, true), await this.analysed(r.b, true)];
    const engine = await this.engine();
    const [nameA, nameB] = [this.workspace.item(r.a).name, this.workspace.item(r.b).name];
    const only = r.bars && tokensInBars(a.seq, engine.vocab, r.bars, nameA);
    const stream = new NoteStream(engine.vocab, a.seq.tokens[0], a.seq.meters);
    const decoded = await engine.transfer(a.enc!, b.enc!, { elements: r.elements, align: r.align, emotion: r.emotion, only }, {
      seed: r.seed,
      sampling: { temperature: r.temperature },
      signal,
      onToken: (_item, _index, token) => {
        stream.push(token);
        if (stream.length % PROGRESS_EVERY === 0) progress({ phase: 'notes', item: 0, done: stream.length, total: a.enc!.length, notes: stream.fresh() });
      },
    });
    progress({ phase: 'notes', item: 0, done: a.enc!.length, total: a.enc!.length, notes: stream.fresh(true) });
    const what = r.elements.length ? r.elements.join('+') : 'nothing';
    const passage = r.bars ? ` in ${passageName(r.bars)}` : '';
    const made = await this.addResult(engine.vocab, decoded.sequences[0], a.seq.meters, `${nameA} with ${what} of ${nameB}${passage}`, undefined, {
      description: `the ${what} latents of ${nameB} transferred to ${nameA}${passage} (${r.align} alignment, seed ${decoded.seed})`,
      from: [r.a, r.b],
    });
    return { ...made, seed: decoded.seed };
  }

  async generate(g: GenerateArgs, progress: Progress, signal: AbortSignal): Promise<{ pieces: MadePiece[] }> {
    const engine = await this.engine();
    const tokens = 2 + g.bars * TOKENS_PER_BAR;
    const streams: NoteStream[] = [];
    const decoded = await engine.generate({ quadrant: g.quadrant, tokens, maxBars: g.bars, count: g.count, guidance: g.guidance }, {
      seed: g.seed,
      sampling: { temperature: g.temperature },
      signal,
      onLatent: (index) => progress({ phase: 'latents', item: 0, done: index + 1, total: tokens, notes: [] }),
      onToken: (item, _index, token) => {
        const s = (streams[item] ??= new NoteStream(engine.vocab, [], undefined));
        s.push(token);
        if (s.length % PROGRESS_EVERY === 0) progress({ phase: 'notes', item, done: s.length, total: tokens, notes: s.fresh() });
      },
    });
    const pieces: MadePiece[] = [];
    const guidance = g.guidance ?? priorGuidance(engine.manifest);
    for (const [k, seq] of decoded.sequences.entries()) {
      const name = `${g.quadrant} ${MOODS[g.quadrant]} ${g.bars} bars #${k + 1} (seed ${decoded.seed})`;
      const made = await this.addResult(engine.vocab, seq, undefined, name, g.bars, { description: `generated for ${g.quadrant} (${MOODS[g.quadrant]}), variation ${k + 1}, seed ${decoded.seed}, mood strength ${guidance}`, from: [] });
      pieces.push({ ...made, seed: decoded.seed });
    }
    return { pieces };
  }

  /** Adds decoded tokens to the library, cut at the end of bar `bars` when given (a generation's length). */
  private async addResult(vocab: Vocab, tokens: number[][], meters: TokenSequence['meters'], name: string, bars: number | undefined, origin: { description: string; from: string[] }): Promise<{ item: LibraryItem; emotion: EmotionEstimate }> {
    const decoded = detokenize({ vocab: vocab.version, fields: [...FIELDS], tokens, name, meters }, vocab);
    const piece = bars === undefined ? decoded : endAtBar(decoded, bars);
    const item = await this.workspace.addPiece(piece, { name, origin: { kind: 'result', ...origin } });
    // judged as stored, so asking again later gives the same estimate
    return { item, emotion: await this.emotion(item.id) };
  }

  /** The emotion judge's estimate of a piece, by the judge shipped with the loaded models. */
  private async judged(piece: Piece): Promise<EmotionEstimate> {
    const engine = await this.engine();
    return judge(openJudge(engine.info.dir), describe(piece, engine.vocab));
  }
}
