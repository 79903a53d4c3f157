// The models as the app uses them on the workspace's pieces: a piece's latents and
// emotion estimate, and the flows that make new pieces (transferring elements of B to A,
// re-mooding A toward a quadrant, continuing A, generating for a quadrant), whose results
// join the library. Encodings are cached per
// stored file, so views and jobs share them.

import { describe } from '../descriptors/describe.js';
import { messageOf, ModelUnavailable } from '../errors.js';
import { generate } from '../flows/generate.js';
import type { KeyChoice } from '../flows/key-choice.js';
import type { Made } from '../flows/made.js';
import type { Progress } from '../flows/progress.js';
import { continuePiece } from '../flows/continue.js';
import type { EncodedPiece } from '../flows/encoded-piece.js';
import { remood } from '../flows/re-mood.js';
import { transfer } from '../flows/transfer.js';
import type { Encoding } from '../inference/encoding.js';
import { latentCsv, latentReport, type LatentReport } from '../inference/latent-report.js';
import type { Alignment, Cover, Element } from '../inference/latent-transfer.js';
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
  /** How a B shorter than A covers it (default: B's bars repeat). */
  cover?: Cover;
  temperature?: number;
  seed?: number;
}

export interface RemoodArgs {
  a: string;
  to: Quadrant;
  elements: Element[];
  /** Only this passage of A changes. */
  bars?: BarRange;
  guidance?: number;
  temperature?: number;
  seed?: number;
  /** The key new pitches keep to (default 'auto'). */
  key?: KeyChoice;
}

export interface ContinueArgs {
  a: string;
  quadrant: Quadrant;
  /** New bars after A's last. */
  bars: number;
  count: number;
  guidance?: number;
  temperature?: number;
  seed?: number;
  /** The key new pitches keep to (default 'auto'). */
  key?: KeyChoice;
}

export interface GenerateArgs {
  quadrant: Quadrant;
  count: number;
  bars: number;
  temperature?: number;
  /** Classifier-free guidance scale (1 none); default the model's. */
  guidance?: number;
  seed?: number;
  /** The key new pitches keep to (default 'auto'). */
  key?: KeyChoice;
}

export interface MadePiece {
  item: LibraryItem;
  emotion: EmotionEstimate;
  seed: number;
}

/** A result that changed some of A's bars, and says which and how. */
export interface ChangedPiece extends MadePiece {
  changedBars: BarRange[];
  change: string;
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

  async transfer(r: TransferArgs, progress: (p: Progress) => void, signal: AbortSignal): Promise<ChangedPiece> {
    const [a, b] = [await this.encoded(r.a), await this.encoded(r.b)];
    const request = { elements: r.elements, align: r.align, emotion: r.emotion, bars: r.bars, cover: r.cover, sampling: { temperature: r.temperature }, seed: r.seed };
    const made = await transfer(await this.engine(), a, b, request, { progress, signal });
    return { ...(await this.addResult(made, [r.a, r.b])), changedBars: made.changedBars, change: made.change };
  }

  async remood(r: RemoodArgs, progress: (p: Progress) => void, signal: AbortSignal): Promise<ChangedPiece> {
    const request = { to: r.to, elements: r.elements, bars: r.bars, guidance: r.guidance, sampling: { temperature: r.temperature }, seed: r.seed, key: r.key };
    const made = await remood(await this.engine(), await this.encoded(r.a), request, { progress, signal });
    return { ...(await this.addResult(made, [r.a])), changedBars: made.changedBars, change: made.change };
  }

  async continue(r: ContinueArgs, progress: (p: Progress) => void, signal: AbortSignal): Promise<{ pieces: MadePiece[] }> {
    const request = { quadrant: r.quadrant, bars: r.bars, count: r.count, guidance: r.guidance, sampling: { temperature: r.temperature }, seed: r.seed, key: r.key };
    const continued = await continuePiece(await this.engine(), await this.encoded(r.a), request, { progress, signal });
    const pieces: MadePiece[] = [];
    for (const made of continued.pieces) pieces.push(await this.addResult(made, [r.a]));
    return { pieces };
  }

  async generate(g: GenerateArgs, progress: (p: Progress) => void, signal: AbortSignal): Promise<{ pieces: MadePiece[] }> {
    const request = { quadrant: g.quadrant, count: g.count, bars: g.bars, guidance: g.guidance, sampling: { temperature: g.temperature }, seed: g.seed, key: g.key };
    const generated = await generate(await this.engine(), request, { progress, signal });
    const pieces: MadePiece[] = [];
    for (const made of generated.pieces) pieces.push(await this.addResult(made, []));
    return { pieces };
  }

  /** A library piece as the flows take it. */
  private async encoded(id: string): Promise<EncodedPiece> {
    const x = await this.analysed(id, true);
    return { sequence: x.seq, encoding: x.enc!, name: this.workspace.item(id).name };
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
