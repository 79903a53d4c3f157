// The MusER views' operations through the one API, on the shipped models: heatmap data
// aligned to the piece's time, emotion estimates, transferring and generating as jobs
// with streamed notes, cancelling, and the atlas.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../engine/api/context.js';
import { dispatch } from '../../engine/api/dispatch.js';
import type { ApiEvent } from '../../engine/api/jobs.js';
import { toBase64 } from '../../engine/api/wire.js';
import { exportMidi } from '../../engine/midi/export.js';
import { Engine } from '../../engine/runner/engine.js';
import { gridPiece, type BeatNote } from '../fixtures/pieces.js';
import { tempDir } from '../helpers.js';
import { MODEL_DIR, noModels, suite } from '../model/helpers.js';

function song(shift: number, bars = 4): Uint8Array {
  const notes: BeatNote[] = [];
  for (let bar = 0; bar < bars; bar++) {
    const root = [60, 65, 67, 62][bar % 4] + shift;
    for (const p of [root - 12, root, root + 4]) notes.push({ pitch: p, at: bar * 4, length: 2 });
    for (let k = 0; k < 4; k++) notes.push({ pitch: root + 12 + k, at: bar * 4 + 2 + k / 2, length: 0.5 });
  }
  return exportMidi(gridPiece(notes));
}

describe.skipIf(noModels)(suite('MusER views through the API'), () => {
  const ctx = createContext(tempDir(), { examples: () => [], openEngine: () => Engine.open({ dir: MODEL_DIR }) });
  const events: ApiEvent[] = [];
  ctx.events.subscribe((e) => events.push(e));
  const call = async (op: string, args: unknown = {}) => {
    const r = await dispatch(ctx, op, args);
    if (!r.ok) throw new Error(`${op}: ${r.error.kind}: ${r.error.message}`);
    return r.value as any;
  };
  const finished = (job: string) =>
    new Promise<ApiEvent>((resolve) => {
      const check = () => {
        const e = events.find((x) => x.job === job && x.kind !== 'job.progress');
        if (e) resolve(e);
        else setTimeout(check, 20);
      };
      check();
    });
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = (await call('library.import', { fileName: 'a.mid', base64: toBase64(song(0)) })).item.id;
    b = (await call('library.import', { fileName: 'b.mid', base64: toBase64(song(5)) })).item.id;
  });
  afterAll(async () => (await Engine.open({ dir: MODEL_DIR })).close());

  it('says the models are available', async () => {
    expect(await call('model.info')).toMatchObject({ available: true, elements: ['tempo', 'chord', 'bar-beat', 'type', 'pitch', 'duration', 'velocity'] });
  });

  it('gives 7 x 16 latents per token, each token at its place in the piece', async () => {
    const v = await call('piece.latents', { id: a });
    const { piece } = await call('piece.get', { id: a });
    expect(v.latents[0]).toHaveLength(7);
    expect(v.latents[0][0]).toHaveLength(16);
    expect(v.tokens).toHaveLength(v.latents.length);
    const onsets = new Set(piece.notes.map((n: { onset: number }) => n.onset.toFixed(3)));
    const noteTokens = v.tokens.filter((t: { label: string }) => t.label.startsWith('Note'));
    expect(noteTokens).toHaveLength(piece.notes.length);
    for (const t of noteTokens) expect(onsets.has(t.start.toFixed(3))).toBe(true);
    for (const t of v.tokens) expect(t.end).toBeGreaterThan(t.start);
    expect(v.bars.map((x: { bar: number }) => x.bar)).toEqual([0, 1, 2, 3]);
    expect(v.range).toBeGreaterThan(0);
  });

  it('exports the latents as CSV and JSON', async () => {
    const csv = await call('piece.exportLatents', { id: a, format: 'csv' });
    expect(csv.fileName).toBe('a latents.csv');
    expect(Buffer.from(csv.base64, 'base64').toString().split('\n')[0]).toMatch(/^scope,index,bar,element,d0/);
    const json = JSON.parse(Buffer.from((await call('piece.exportLatents', { id: a, format: 'json' })).base64, 'base64').toString());
    expect(json.format).toBe('muser-latents-1');
  });

  it('estimates emotion', async () => {
    const e = await call('piece.emotion', { id: a });
    expect(e.valence).toBeCloseTo(e.probabilities.Q1 + e.probabilities.Q4, 6);
  });

  it('transfers B\'s pitch to A as a job: notes stream in, the result joins the library', async () => {
    const { job } = await call('transfer.start', { a, b, elements: ['pitch', 'duration'], align: 'position', seed: 7 });
    const done = await finished(job);
    expect(done.kind).toBe('job.done');
    const progress = events.filter((e) => e.job === job && e.kind === 'job.progress');
    expect(progress.length).toBeGreaterThan(1);
    const streamed = progress.flatMap((p) => (p.kind === 'job.progress' ? p.notes : []));
    const result = (done as { result: { item: { id: string; name: string; origin: unknown }; emotion: unknown } }).result;
    expect(result.item.name).toBe('a with pitch+duration of b');
    expect(result.item.origin).toMatchObject({ kind: 'result', from: [a, b] });
    const { piece } = await call('piece.get', { id: result.item.id });
    // what streamed is what was saved (saving merges exact duplicates, as every import does)
    const key = (n: { pitch: number; onsetBeat: number }) => `${n.pitch}@${n.onsetBeat.toFixed(3)}`;
    expect(new Set(streamed.map(key))).toEqual(new Set(piece.notes.map(key)));
    expect((await call('library.list')).items.map((i: { name: string }) => i.name)).toContain(result.item.name);
  });

  it('generates variations for a quadrant and cancels a running job', async () => {
    const { job } = await call('generate.start', { quadrant: 'Q3', count: 2, bars: 2, seed: 3 });
    const done = await finished(job);
    expect(done.kind).toBe('job.done');
    const pieces = (done as { result: { pieces: { item: { name: string; summary: { bars: number } } }[] } }).result.pieces;
    // the prior's sampling reports progress before any note is decoded
    const phases = events.filter((e) => e.job === job && e.kind === 'job.progress').map((e) => (e.kind === 'job.progress' ? e.phase : ''));
    expect(phases[0]).toBe('latents');
    expect(phases.indexOf('notes')).toBeGreaterThan(phases.lastIndexOf('latents'));
    expect(pieces.map((p) => p.item.name)).toEqual([1, 2].map((k) => expect.stringMatching(new RegExp(`^Q3 sad 2 bars in [A-G][#b]? minor #${k} \\(seed 3\\)$`))));
    // a note held past bar 2 (this seed's second variation has one) ends with it
    for (const p of pieces) expect(p.item.summary.bars).toBeLessThanOrEqual(2);

    const long = await call('generate.start', { quadrant: 'Q1', count: 1, bars: 64 });
    await new Promise((r) => setTimeout(r, 50));
    expect(await call('job.cancel', { job: long.job })).toEqual({ cancelled: true });
    expect(await finished(long.job)).toMatchObject({ kind: 'job.failed', error: { kind: 'cancelled' } });
    expect(await call('job.cancel', { job: long.job })).toEqual({ cancelled: false });
    // what a window whose event stream dropped asks instead
    expect(await call('job.state', { job })).toMatchObject({ state: 'ended', outcome: { kind: 'job.done', job } });
    expect(await call('job.state', { job: long.job })).toMatchObject({ state: 'ended', outcome: { kind: 'job.failed', error: { kind: 'cancelled' } } });
    expect(await call('job.state', { job: 'nope' })).toEqual({ state: 'unknown' });
  });

  it('generates with a chosen mood strength and key, says which in the piece\'s description, and refuses a strength out of range', async () => {
    const { job } = await call('generate.start', { quadrant: 'Q2', count: 1, bars: 1, seed: 8, guidance: 2.5 });
    const done = (await finished(job)) as { result: { pieces: { item: { origin: { description: string } } }[] } };
    expect(done.result.pieces[0].item.origin.description).toMatch(/^generated for Q2 \(tense\) in [A-G][#b]? minor, variation 1, seed 8, mood strength 2\.5$/);
    const keyed = (await finished((await call('generate.start', { quadrant: 'Q2', count: 1, bars: 1, seed: 8, key: 'F major' })).job)) as typeof done;
    expect(keyed.result.pieces[0].item.origin.description).toMatch(/^generated for Q2 \(tense\) in F major, variation 1/);
    expect(await dispatch(ctx, 'generate.start', { quadrant: 'Q2', count: 1, bars: 1, guidance: 11 })).toMatchObject({ ok: false, error: { kind: 'input' } });
  });

  it('transfers to only a passage of A, named for it, and says when the passage is not in A', async () => {
    const { job } = await call('transfer.start', { a, b, elements: ['pitch'], align: 'type', bars: { first: 2, last: 3 }, seed: 7 });
    expect(await finished(job)).toMatchObject({
      kind: 'job.done',
      result: { item: { name: 'a with pitch of b in bars 2–3', origin: { description: expect.stringMatching(/in bars 2–3 \(type alignment, seed 7\): bars 2–3 take b's pitch$/) } } },
    });
    const past = await call('transfer.start', { a, b, elements: ['pitch'], align: 'type', bars: { first: 9, last: 9 } });
    expect(await finished(past.job)).toMatchObject({ kind: 'job.failed', error: { kind: 'input', message: 'a: bar 9 is past its end (it has 4 bars)' } });
    expect(await dispatch(ctx, 'transfer.start', { a, b, elements: ['pitch'], align: 'type', bars: { first: 3, last: 2 } })).toMatchObject({
      ok: false,
      error: { kind: 'input', message: expect.stringMatching(/bars\.last must not come before/) },
    });
  });

  it('refuses a transfer with a piece that is not there, before starting', async () => {
    expect(await dispatch(ctx, 'transfer.start', { a, b: 'gone', elements: ['pitch'], align: 'bar' })).toMatchObject({ ok: false, error: { kind: 'input', message: /gone: no such piece/ } });
    expect(await dispatch(ctx, 'transfer.start', { a, b, elements: ['melody'], align: 'bar' })).toMatchObject({ ok: false, error: { kind: 'input' } });
  });

  it('places the library on the atlas', async () => {
    const v = await call('atlas.get');
    expect(v.atlas.reference.length).toBeGreaterThan(50);
    expect(v.pieces.find((p: { id: string }) => p.id === a).xy).toHaveLength(7);
  });
});

describe('MusER views without models', () => {
  it('answers unavailable, not a crash', async () => {
    const ctx = createContext(tempDir(), { examples: () => [], openEngine: () => Promise.reject(new Error('models/manifest.json: missing')) });
    expect(await dispatch(ctx, 'model.info', {})).toMatchObject({ ok: true, value: { available: false, message: /missing/ } });
    const id = ((await dispatch(ctx, 'library.import', { fileName: 'a.mid', base64: toBase64(song(0)) })) as { value: { item: { id: string } } }).value.item.id;
    expect(await dispatch(ctx, 'piece.latents', { id })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
  });
});
