import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { importMidi } from '../../engine/midi/import.js';
import { ImportSandbox, DEFAULT_LIMITS } from '../../engine/sandbox/import-sandbox.js';
import { denseSmf, simpleSmf } from '../fixtures/make-midi.js';

const sandboxes: ImportSandbox[] = [];
const sandbox = (limits = {}) => {
  const s = new ImportSandbox({ ...DEFAULT_LIMITS, ...limits });
  sandboxes.push(s);
  return s;
};
afterAll(() => Promise.all(sandboxes.map((s) => s.close())));

const small = simpleSmf([60, 64, 67, 72].map((pitch, i) => ({ pitch, start: i * 480, duration: 480 })));

/** The InputError a read ends with. */
async function refusal(p: Promise<unknown>): Promise<InputError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof InputError)) throw new Error(`expected an InputError, got ${String(err)}`);
  return err;
}

describe('the import sandbox reads files in worker threads, within limits', () => {
  it('gives the Piece importMidi gives', async () => {
    expect(await sandbox().read(small, 'small.mid')).toEqual(importMidi(small, 'small.mid'));
  });

  it('passes a bad file on as the same InputError', async () => {
    const bytes = small.slice(0, 30);
    const err = await refusal(sandbox().read(bytes, 'cut.mid'));
    expect(err.message).toBe((() => { try { importMidi(bytes, 'cut.mid'); } catch (e) { return (e as Error).message; } })());
  });

  it('stops a read that takes too long, names the file, and reads the next one', async () => {
    const s = sandbox({ seconds: 0.5, workers: 1 });
    const err = await refusal(s.read(denseSmf(60_000), 'slow.mid'));
    expect(err.message).toMatch(/^slow\.mid: reading it took over 0\.5 s and was stopped/);
    const patient = sandbox({ workers: 1 });
    expect((await patient.read(small, 'small.mid')).notes).toHaveLength(4);
  });

  it('stops a read that needs too much memory', async () => {
    const err = await refusal(sandbox({ heapMb: 24, workers: 1 }).read(denseSmf(90_000), 'huge.mid'));
    expect(err.message).toMatch(/^huge\.mid: reading it needed over 24 MB of memory and was stopped/);
  });

  it('keeps reading after a failure, and answers many reads in any order', async () => {
    const s = sandbox({ seconds: 0.5, workers: 2 });
    await refusal(s.read(denseSmf(60_000), 'slow.mid'));
    const names = Array.from({ length: 6 }, (_, i) => `f${i}.mid`);
    const pieces = await Promise.all(names.map((n) => s.read(small, n)));
    expect(pieces.map((p) => p.source.name)).toEqual(names);
  });

  it('the caller keeps its bytes', async () => {
    const bytes = small.slice();
    await sandbox().read(bytes, 'a.mid');
    expect(bytes).toEqual(small);
  });
});
