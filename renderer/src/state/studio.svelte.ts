// The studio's ways to make pieces, run as engine jobs one at a time: transferring
// elements of B to A, re-mooding A's elements toward a quadrant, continuing A in a
// quadrant, and generating variations for a quadrant. While a job decodes, its notes
// stream into the roll; its results (added to the library by the engine) are listed,
// selected and placed on the valence–arousal plane; a transfer's or a re-mood's says
// which of A's bars changed.

import type { JobResult } from '../../../engine/api/jobs.js';
import type { ApiClient, ArgsOf, PieceView } from '../../../engine/api/operations.js';
import { messageOf } from '../../../engine/errors.js';
import type { Piece } from '../../../engine/piece/piece.js';
import type { ChangedPiece, MadePiece } from '../../../engine/studio/model-service.js';
import { quadrantLabel } from '../music/quadrants.js';
import type { Streaming } from '../roll/content.js';
import type { Emotions } from './emotions.svelte.js';
import type { Fetched } from './fetched.svelte.js';
import type { Jobs } from './jobs.svelte.js';
import type { Library } from './library.svelte.js';
import type { Model } from './model.svelte.js';

export type JobKind = 'transfer' | 'remood' | 'continue' | 'generate';

export interface StudioJob {
  kind: JobKind;
  /** Null until the engine has answered with the job's id. */
  id: string | null;
  /** The roll shows the job while this piece is selected. */
  anchor: string | null;
  /** The piece decoded over (a transfer's or a re-mood's A), dimmed under the new notes. */
  base: Piece | null;
  label: string;
  /** Variations decoded side by side. */
  count: number;
}

/** What a job made: a transfer or a re-mood says which of A's bars changed. */
export type Outcome = { kind: JobKind; made: (MadePiece | ChangedPiece)[] } | { kind: JobKind; cancelled: true };

export class Studio {
  readonly #api: ApiClient;
  readonly #jobs: Jobs;
  readonly #library: Library;
  readonly #selected: Fetched<PieceView>;
  readonly #emotions: Emotions;
  readonly #model: Model;
  job = $state.raw<StudioJob | null>(null);
  /** The last job's outcome, shown until the next one starts. */
  outcome = $state.raw<Outcome | null>(null);
  error = $state<string | null>(null);
  /** A new job can start. */
  ready = $derived.by(() => this.#model.info?.available === true && this.job === null);
  /** The running job's notes for the roll, while its anchor piece is selected. */
  streaming: Streaming | null = $derived.by(() => {
    const job = this.job;
    // until the engine has taken the job, the roll keeps showing the selection as it is
    if (!job?.id || this.#library.selectedId !== job.anchor) return null;
    return { base: job.base, notes: this.#jobs.states[job.id]?.items[0]?.notes ?? [], label: job.label };
  });

  constructor(api: ApiClient, jobs: Jobs, library: Library, selected: Fetched<PieceView>, emotions: Emotions, model: Model) {
    this.#api = api;
    this.#jobs = jobs;
    this.#library = library;
    this.#selected = selected;
    this.#emotions = emotions;
    this.#model = model;
  }

  /** A with the chosen elements of B: A is shown, the result decodes over it. */
  async transfer(args: ArgsOf<'transfer.start'>): Promise<void> {
    const label = `Transferring the ${args.elements.join('+')} of ${this.#name(args.b)} to ${this.#name(args.a)}`;
    await this.#run({ kind: 'transfer', id: null, anchor: args.a, base: null, label, count: 1 }, () => this.#over(args.a, () => this.#jobs.start('transfer.start', args)), (result) => (result.op === 'transfer.start' ? [result] : []));
  }

  /** A with the chosen elements drawn anew for a quadrant: A is shown, the result decodes over it. */
  async remood(args: ArgsOf<'remood.start'>): Promise<void> {
    const label = `Re-mooding the ${args.elements.join('+')} of ${this.#name(args.a)} toward ${quadrantLabel(args.to)}`;
    await this.#run({ kind: 'remood', id: null, anchor: args.a, base: null, label, count: 1 }, () => this.#over(args.a, () => this.#jobs.start('remood.start', args)), (result) => (result.op === 'remood.start' ? [result] : []));
  }

  /** A followed by new bars, `count` variations; the roll shows the first as it decodes (A's notes first). */
  async continue(args: ArgsOf<'continue.start'>): Promise<void> {
    const label = `Continuing ${this.#name(args.a)} by ${args.bars} bars for ${quadrantLabel(args.quadrant)}${showing(args.count)}`;
    await this.#run({ kind: 'continue', id: null, anchor: args.a, base: null, label, count: args.count }, async () => {
      this.#library.select(args.a);
      return { id: await this.#jobs.start('continue.start', args), base: null };
    }, (result) => (result.op === 'continue.start' ? result.pieces : []));
  }

  /** `count` new pieces for a quadrant; the roll shows the first as it decodes. */
  async generate(args: ArgsOf<'generate.start'>): Promise<void> {
    const label = `Generating ${quadrantLabel(args.quadrant)}, ${args.bars} bars${showing(args.count)}`;
    await this.#run({ kind: 'generate', id: null, anchor: this.#library.selectedId, base: null, label, count: args.count }, async () => ({ id: await this.#jobs.start('generate.start', args), base: null }), (result) => (result.op === 'generate.start' ? result.pieces : []));
  }

  async cancel(): Promise<void> {
    const id = this.job?.id;
    if (!id) return;
    try {
      await this.#jobs.cancel(id);
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  #name(id: string): string {
    return this.#library.items.find((i) => i.id === id)?.name ?? id;
  }

  /** Selects A and starts a job that decodes over it (A's notes, dimmed under the new ones). */
  async #over(a: string, start: () => Promise<string>): Promise<{ id: string; base: Piece }> {
    this.#library.select(a);
    const { piece } = await this.#api.call('piece.get', { id: a });
    return { id: await start(), base: piece };
  }

  async #run(job: StudioJob, start: () => Promise<{ id: string; base: Piece | null }>, made: (result: JobResult) => (MadePiece | ChangedPiece)[]): Promise<void> {
    if (!this.ready) return;
    this.error = null;
    this.outcome = null;
    this.job = job;
    let id: string | null = null;
    try {
      const started = await start();
      id = started.id;
      const running = { ...job, ...started };
      this.job = running;
      const end = await this.#jobs.finished(id);
      if (end.result) {
        const pieces = made(end.result);
        for (const p of pieces) this.#emotions.set(p.item.id, p.emotion);
        await this.#library.refresh();
        const first = pieces[0]?.item.id;
        if (first) {
          // the roll goes on showing the decoded notes until the result itself is there
          this.job = { ...running, anchor: first };
          this.#library.select(first);
          await this.#selected.show(first);
        }
        this.outcome = { kind: job.kind, made: pieces };
      } else if (end.error?.kind === 'cancelled') {
        this.outcome = { kind: job.kind, cancelled: true };
      } else {
        this.error = end.error?.message ?? 'the job failed';
      }
    } catch (err) {
      this.error = messageOf(err);
    } finally {
      if (id) this.#jobs.forget(id);
      this.job = null;
    }
  }
}

/** The roll shows the first of several variations as it decodes. */
const showing = (count: number) => (count > 1 ? ` (showing variation 1 of ${count})` : '');
