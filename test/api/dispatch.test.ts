import { describe, expect, it } from 'vitest';
import { dispatch } from '../../engine/api/dispatch.js';
import { fromBase64, toBase64 } from '../../engine/api/wire.js';
import { importMidi } from '../../engine/midi/import.js';
import { createContext } from '../../engine/api/context.js';
import { simpleSmf } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';

const bytes = simpleSmf([{ pitch: 60, start: 0, duration: 480 }, { pitch: 67, start: 480, duration: 480 }]);

function ctx() {
  return createContext(tempDir(), { examples: () => [] });
}

describe('dispatch', () => {
  it('imports an upload, lists it, and exports the same notes', async () => {
    const c = ctx();
    const imported = await dispatch(c, 'library.import', { fileName: 'two.mid', base64: toBase64(bytes) });
    if (!imported.ok) throw new Error(imported.error.message);
    const { item } = imported.value as { item: { id: string } };
    const out = await dispatch(c, 'piece.exportMidi', { id: item.id });
    if (!out.ok) throw new Error(out.error.message);
    const file = out.value as { fileName: string; base64: string };
    expect(file.fileName).toBe('two.mid');
    expect(importMidi(fromBase64(file.base64), 'x').notes.map((n) => n.pitch)).toEqual([60, 67]);
  });

  it('answers bad calls with input errors, never a throw', async () => {
    const c = ctx();
    expect(await dispatch(c, 'nope', {})).toEqual({ ok: false, error: { kind: 'input', message: 'unknown operation "nope"' } });
    expect(await dispatch(c, 'toString', {})).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(await dispatch(c, 'piece.get', { id: 5 })).toEqual({ ok: false, error: { kind: 'input', message: 'piece.get.id must be a string' } });
    expect(await dispatch(c, 'piece.get', { id: 'x', extra: 1 })).toMatchObject({ ok: false, error: { message: 'piece.get has unknown field extra' } });
    expect(await dispatch(c, 'piece.get', { id: 'gone' })).toMatchObject({ ok: false, error: { kind: 'input', message: /gone: no such piece/ } });
    expect(await dispatch(c, 'generate.start', { quadrant: 'Q1', count: 1, bars: 4, key: 'H major' })).toEqual({
      ok: false,
      error: { kind: 'input', message: "generate.start.key: key must be 'auto' (the quadrant's mode on the music's own tonic), 'free' (any pitch) or a key such as 'D minor', got 'H major'" },
    });
    const bad = await dispatch(c, 'library.import', { fileName: 'junk.mid', base64: toBase64(new Uint8Array([1, 2, 3])) });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'input', message: /^junk\.mid: / } });
  });

  it('refuses an upload over the size limit before decoding it', async () => {
    const huge = 'A'.repeat(6 * 1024 * 1024);
    expect(await dispatch(ctx(), 'library.import', { fileName: 'big.mid', base64: huge })).toMatchObject({ ok: false, error: { kind: 'input', message: /longer than/ } });
  });

  it('undo and redo go through the API', async () => {
    const c = ctx();
    await dispatch(c, 'library.import', { fileName: 'one.mid', base64: toBase64(bytes) });
    expect(await dispatch(c, 'library.undo', {})).toMatchObject({ ok: true, value: { items: [], redo: 'Import one.mid' } });
    expect(await dispatch(c, 'library.redo', {})).toMatchObject({ ok: true, value: { items: [{ name: 'one' }], undo: 'Import one.mid' } });
  });
});
