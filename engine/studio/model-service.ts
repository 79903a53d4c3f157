// The models as the app uses them on the workspace's pieces: a piece's latents and
// emotion estimate, and the flows that make new pieces (transferring elements of B to A,
// generating for a quadrant), whose results join the library. Encodings are cached per
// stored file, so views and jobs share them.

import { describe } from '../descriptors/describe.js';
import { messageOf, ModelUnavailable } from '../errors.js';
import { generate } from '../flows/generate.js';
import type { Made } from '../flows/made.js';
import type { Progress } from '../flows/progress.js';
import { transfer } from '../flows/transfer.js';
import type { Encoding } from '../inference/encoding.js';
import { latentCsv, latentReport, type LatentReport } from '../inference/latent-report.js';
import type { Alignment, Element } from '../inference/latent-transfer.js';
import { judge, openJudge, type EmotionEstimate } from '../judge/judge.js';
import { emotionOverTime, type BarEmotion } from '../judge/over-time.js';
import type { BarRange } from '../piece/passage.js';
import { pieceDuration, type Piece } from '../piece/piece.js';
import { Engine, type EmotionChoice } from '../runner/engine.js';
import type { Quadrant } from '../tokens/quadrants.js';
import type { TokenSequence } from '../tokens/token-file.js';
import { tokenize } from '../tokens/tokenize.js';
import type { LibraryItem } from '../workspace/library.js';
import type { Workspace } from '../workspace/workspace.js';
import { latentView, type LatentView } from './latent-view.js';
import { tokenLabel } from './token-label.js';
import { tokenSeconds } from './token-times.js';

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

  async transfer(r: TransferArgs, progress: (p: Progress) => void, signal: AbortSignal): Promise<MadePiece> {
    const [a, b] = [await this.analysed(r.a, true), await this.analysed(r.b, true)];
    const source = (id: string, x: Analysed) => ({ sequence: x.seq, encoding: x.enc!, name: this.workspace.item(id).name });
    const request = { elements: r.elements, align: r.align, emotion: r.emotion, bars: r.bars, sampling: { temperature: r.temperature }, seed: r.seed };
    const made = await transfer(await this.engine(), source(r.a, a), source(r.b, b), request, { progress, signal });
    return this.addResult(made, [r.a, r.b]);
  }

  async generate(g: GenerateArgs, progress: (p: Progress) => void, signal: AbortSignal): Promise<{ pieces: MadePiece[] }> {
    const request = { quadrant: g.quadrant, count: g.count, bars: g.bars, guidance: g.guidance, sampling: { temperature: g.temperature }, seed: g.seed };
    const generated = await generate(await this.engine(), request, { progress, signal });
    const pieces: MadePiece[] = [];
    for (const made of generated.pieces) pieces.push(await this.addResult(made, []));
    return { pieces };
  }

  private async addResult(made: Made, from: string[]): Promise<MadePiece> {
    const item = await this.workspace.addPiece(made.piece, { name: made.name, origin: { kind: 'result', description: made.description, from } });
    // judged as stored, so asking again later gives the same estimate
    return { item, emotion: await this.emotion(item.id), seed: made.seed };
  }

  /** The emotion judge's estimate of a piece, by the judge shipped with the loaded models. */
  private async judged(piece: Piece): Promise<EmotionEstimate> {
    const engine = await this.engine();
    return judge(openJudge(engine.info.dir), describe(piece, engine.vocab));
  }
}
