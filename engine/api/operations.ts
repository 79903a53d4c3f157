// The one API definition: every operation the UI calls, with its argument check.
// Electron's IPC handlers and `muser serve`'s HTTP routes both dispatch through this
// table, so no operation exists on only one side.

import { parseKeyChoice, type KeyChoice } from '../flows/key-choice.js';
import { ALIGNMENTS, COVERS, ELEMENTS } from '../inference/latent-transfer.js';
import { MAX_MIDI_BYTES } from '../midi/read-smf.js';
import { judgeAccuracy, MAX_GUIDANCE, priorGuidance, type JudgeAccuracy } from '../onnx/manifest.js';
import { MAX_BAR, type BarRange } from '../piece/passage.js';
import type { Piece } from '../piece/piece.js';
import { project, readAtlas, signature, type Atlas } from '../studio/atlas.js';
import type { ModelService } from '../studio/model-service.js';
import { chordSpans, type ChordSpan } from '../tokens/chord-spans.js';
import { QUADRANTS, type Quadrant } from '../tokens/quadrants.js';
import { loadVocab } from '../tokens/vocab.js';
import { exampleFile, exampleNames } from '../workspace/examples.js';
import { safeFileName } from '../workspace/file-names.js';
import type { LibraryItem, LibraryView } from '../workspace/library.js';
import type { Workspace } from '../workspace/workspace.js';
import type { JobResult, Jobs } from './jobs.js';
import { GENERATE_BARS, GENERATE_COUNT, MAX_SEED } from './limits.js';
import { ArgError, integer, listOf, nonEmptyList, nonEmpty, number, object, oneOf, optional, string, type Check } from './validate.js';
import { fromBase64, toBase64, type FileData } from './wire.js';

export interface ApiContext {
  workspace: Workspace;
  models: ModelService;
  jobs: Jobs<JobResult>;
}

export interface Operation<A, R> {
  args: Check<A>;
  run(ctx: ApiContext, args: A): R | Promise<R>;
}

const op = <A, R>(args: Check<A>, run: (ctx: ApiContext, args: A) => R | Promise<R>): Operation<A, R> => ({ args, run });

const none = object({});
const byId = object({ id: nonEmpty(64) });
// base64 is 4/3 of the bytes; the byte limit itself is checked on the decoded file
const upload = object({ fileName: nonEmpty(255), base64: string(Math.ceil((MAX_MIDI_BYTES * 4) / 3) + 4) });

export interface Imported {
  library: LibraryView;
  item: LibraryItem;
}

export interface PieceView {
  item: LibraryItem;
  piece: Piece;
  /** Its chords in seconds, as the tokens label them (the chord lane above the roll). */
  chords: ChordSpan[];
}

export interface ModelInfo {
  available: boolean;
  /** Why not, when not available. */
  message: string | null;
  provider: string | null;
  elements: string[];
  /** The prior's guidance scale by default for each quadrant (the manifest's); null when no model is loaded. */
  guidance: Record<Quadrant, number> | null;
  /** How far to trust an emotion estimate: the judge's test accuracy, when known. */
  judge: JudgeAccuracy | null;
}

export interface AtlasView {
  /** Null when assets/atlas.json is missing. */
  atlas: Atlas | null;
  /** The atlas was computed with another encoder than the one loaded. */
  stale: boolean;
  pieces: { id: string; name: string; xy: [number, number][] }[];
}

const seed = optional(integer(0, MAX_SEED));
const temperature = optional(number(0, 10));
/** 'auto', 'free' or a key's name ("D minor"). */
const key = optional<KeyChoice>((v, where) => {
  try {
    return parseKeyChoice(string(40)(v, where));
  } catch (err) {
    throw err instanceof ArgError ? err : new ArgError(`${where}: ${(err as Error).message}`);
  }
});
const passage = object({ first: integer(1, MAX_BAR), last: integer(1, MAX_BAR) });

function checkPassage(operation: string, bars: BarRange | undefined): void {
  if (bars && bars.last < bars.first) throw new ArgError(`${operation}.bars.last must not come before ${operation}.bars.first`);
}

export const operations = {
  'library.list': op(none, ({ workspace }): LibraryView => workspace.view()),

  /** Adds an uploaded MIDI file: the client sends bytes, never a path. */
  'library.import': op(upload, async ({ workspace }, a): Promise<Imported> => {
    const item = await workspace.importMidi(a.fileName, fromBase64(a.base64));
    return { library: workspace.view(), item };
  }),

  'library.examples': op(none, () => exampleNames()),

  'library.addExample': op(object({ fileName: nonEmpty(255) }), async ({ workspace }, a): Promise<Imported> => {
    const ex = exampleFile(a.fileName);
    const item = await workspace.importMidi(ex.fileName, ex.bytes, { kind: 'example', fileName: ex.fileName });
    return { library: workspace.view(), item };
  }),

  'library.remove': op(byId, ({ workspace }, a): LibraryView => {
    workspace.remove(a.id);
    return workspace.view();
  }),

  'library.rename': op(object({ id: nonEmpty(64), name: nonEmpty(200) }), ({ workspace }, a): LibraryView => {
    workspace.rename(a.id, a.name);
    return workspace.view();
  }),

  'library.undo': op(none, ({ workspace }): LibraryView => {
    workspace.undo();
    return workspace.view();
  }),

  'library.redo': op(none, ({ workspace }): LibraryView => {
    workspace.redo();
    return workspace.view();
  }),

  'piece.get': op(byId, async ({ workspace }, a): Promise<PieceView> => {
    const { item, piece } = await workspace.piece(a.id);
    return { item, piece, chords: chordSpans(piece, loadVocab()) };
  }),

  'piece.exportMidi': op(byId, ({ workspace }, a): FileData => {
    const f = workspace.midiFile(a.id);
    return { fileName: f.fileName, base64: toBase64(f.bytes) };
  }),

  'model.info': op(none, async ({ models }): Promise<ModelInfo> => {
    try {
      const engine = await models.engine();
      const m = engine.manifest;
      return { available: true, message: null, provider: engine.info.provider, elements: m.latent.elements, guidance: Object.fromEntries(QUADRANTS.map((q) => [q, priorGuidance(m, q)])) as Record<Quadrant, number>, judge: judgeAccuracy(m) };
    } catch (err) {
      return { available: false, message: (err as Error).message, provider: null, elements: [...ELEMENTS], guidance: null, judge: null };
    }
  }),

  /** The heatmap: 7 x 16 latents per token, with where each token and bar sounds. */
  'piece.latents': op(byId, ({ models }, a) => models.latents(a.id)),

  'piece.exportLatents': op(object({ id: nonEmpty(64), format: oneOf('json', 'csv') }), async ({ models, workspace }, a): Promise<FileData> => {
    const { json, csv } = await models.latentReport(a.id);
    const text = a.format === 'csv' ? csv : `${JSON.stringify(json)}\n`;
    return { fileName: safeFileName(`${workspace.item(a.id).name} latents`, `.${a.format}`), base64: toBase64(new TextEncoder().encode(text)) };
  }),

  'piece.emotion': op(byId, ({ models }, a) => models.emotion(a.id)),

  /** Valence and arousal around each bar, for the lane under the roll. */
  'piece.emotionLane': op(byId, ({ models }, a) => models.emotionLane(a.id)),

  /** Starts a job: A with the chosen elements transferred from B; the result joins the library. */
  'transfer.start': op(
    object({
      a: nonEmpty(64),
      b: nonEmpty(64),
      elements: listOf(oneOf(...ELEMENTS), ELEMENTS.length),
      align: oneOf(...ALIGNMENTS),
      emotion: optional(oneOf('A', 'B', ...QUADRANTS, 'none')),
      bars: optional(passage),
      cover: optional(oneOf(...COVERS)),
      temperature,
      seed,
    }),
    ({ models, jobs, workspace }, a) => {
      workspace.item(a.a);
      workspace.item(a.b);
      checkPassage('transfer.start', a.bars);
      return jobs.start(async (progress, signal) => ({ op: 'transfer.start', ...(await models.transfer({ ...a, elements: [...new Set(a.elements)] }, progress, signal)) }));
    },
  ),

  /** Starts a job: A with the chosen elements drawn anew by the prior toward a quadrant (no B); the result joins the library. */
  'remood.start': op(
    object({
      a: nonEmpty(64),
      to: oneOf(...QUADRANTS),
      elements: nonEmptyList(oneOf(...ELEMENTS), ELEMENTS.length),
      bars: optional(passage),
      guidance: optional(number(0, MAX_GUIDANCE)),
      temperature,
      seed,
      key,
    }),
    ({ models, jobs, workspace }, a) => {
      workspace.item(a.a);
      checkPassage('remood.start', a.bars);
      return jobs.start(async (progress, signal) => ({ op: 'remood.start', ...(await models.remood({ ...a, elements: [...new Set(a.elements)] }, progress, signal)) }));
    },
  ),

  /** Starts a job: A followed by new bars in a quadrant, `count` variations; they join the library. */
  'continue.start': op(
    object({
      a: nonEmpty(64),
      quadrant: oneOf(...QUADRANTS),
      bars: integer(GENERATE_BARS.min, GENERATE_BARS.max),
      count: integer(GENERATE_COUNT.min, GENERATE_COUNT.max),
      guidance: optional(number(0, MAX_GUIDANCE)),
      temperature,
      seed,
      key,
    }),
    ({ models, jobs, workspace }, a) => {
      workspace.item(a.a);
      return jobs.start(async (progress, signal) => ({ op: 'continue.start', ...(await models.continue(a, progress, signal)) }));
    },
  ),

  /** Starts a job: `count` new pieces for a quadrant; they join the library. */
  'generate.start': op(
    object({
      quadrant: oneOf(...QUADRANTS),
      count: integer(GENERATE_COUNT.min, GENERATE_COUNT.max),
      bars: integer(GENERATE_BARS.min, GENERATE_BARS.max),
      temperature,
      guidance: optional(number(0, MAX_GUIDANCE)),
      seed,
      key,
    }),
    ({ models, jobs }, a) => jobs.start(async (progress, signal) => ({ op: 'generate.start', ...(await models.generate(a, progress, signal)) })),
  ),

  'job.cancel': op(object({ job: nonEmpty(64) }), ({ jobs }, a) => ({ cancelled: jobs.cancel(a.job) })),

  /** A job's state now, with its outcome once ended: for a window whose events dropped. */
  'job.state': op(object({ job: nonEmpty(64) }), ({ jobs }, a) => jobs.state(a.job)),

  /** The reference atlas with the library's pieces placed on it. */
  'atlas.get': op(none, async ({ models, workspace }): Promise<AtlasView> => {
    const atlas = readAtlas();
    if (!atlas) return { atlas: null, stale: false, pieces: [] };
    const engine = await models.engine();
    const pieces = [];
    for (const item of workspace.view().items) {
      const sig = signature(await models.encoding(item.id), engine.manifest);
      pieces.push({ id: item.id, name: item.name, xy: atlas.projections.map((p, k) => project(p, sig[k])) });
    }
    return { atlas, stale: atlas.encoder !== engine.manifest.files.encoder.sha256, pieces };
  }),
};

export type Operations = typeof operations;
export type OpName = keyof Operations;
export type ArgsOf<K extends OpName> = Operations[K] extends Operation<infer A, unknown> ? A : never;
export type ResultOf<K extends OpName> = Awaited<ReturnType<Operations[K]['run']>>;

/** What the renderer holds, whichever door it talks through. */
export interface ApiClient {
  call<K extends OpName>(op: K, args: ArgsOf<K>): Promise<ResultOf<K>>;
}
