import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../engine/errors.js';
import { importMidi } from '../../engine/midi/import.js';
import { ImportSandbox } from '../../engine/sandbox/import-sandbox.js';
import { Workspace, type PieceReader } from '../../engine/workspace/workspace.js';
import { simpleSmf } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';

const song = (pitch: number) => simpleSmf([0, 480, 960, 1440].map((start, i) => ({ pitch: pitch + i, start, duration: 400 })));

const sandbox = new ImportSandbox();
afterAll(() => sandbox.close());

describe.each<[string, PieceReader | undefined]>([
  ['read in process', undefined],
  ['read in the import sandbox', (bytes, name) => sandbox.read(bytes, name)],
])('Workspace, files %s', (_, reader) => {
  const open = (dir: string, seed?: () => { fileName: string; bytes: Uint8Array }[]) => new Workspace(dir, seed, reader);

  it('seeds a new workspace once, and keeps the library across reopening', async () => {
    const dir = tempDir();
    const seed = () => [{ fileName: 'example.mid', bytes: song(60) }];
    const ws = open(dir, seed);
    expect(ws.view().items.map((i) => [i.name, i.origin.kind])).toEqual([['example', 'example']]);
    await ws.importMidi('mine.midi', song(64));
    const again = open(dir, seed);
    expect(again.view().items.map((i) => i.name)).toEqual(['example', 'mine']);
    expect(again.view().undo).toBe('Import mine.midi');
    expect((await again.piece(again.view().items[1].id)).piece.notes.map((n) => n.pitch)).toEqual([64, 65, 66, 67]);
  });

  it('refuses a bad file with an error naming it, and changes nothing', async () => {
    const ws = open(tempDir());
    await ws.importMidi('good.mid', song(60));
    const before = ws.view();
    await expect(ws.importMidi('broken.mid', new TextEncoder().encode('not midi at all'))).rejects.toThrow(InputError);
    await expect(ws.importMidi('broken.mid', new TextEncoder().encode('not midi at all'))).rejects.toThrow(/broken\.mid/);
    expect(ws.view()).toEqual(before);
    expect(readdirSync(join(ws.dir, 'pieces'))).toHaveLength(1);
  });

  it('undoes and redoes import, rename and remove, also after a restart', async () => {
    const dir = tempDir();
    const ws = open(dir);
    const a = await ws.importMidi('a.mid', song(60));
    const b = await ws.importMidi('b.mid', song(70));
    ws.rename(a.id, 'first');
    ws.remove(b.id);
    expect(ws.view().items.map((i) => i.name)).toEqual(['first']);
    const reopened = open(dir);
    reopened.undo();
    expect(reopened.view().items.map((i) => i.name)).toEqual(['first', 'b']);
    // the removed piece's file was kept for undo, so it opens again
    expect((await reopened.piece(b.id)).piece.notes).toHaveLength(4);
    reopened.undo();
    expect(reopened.view().items.map((i) => i.name)).toEqual(['a', 'b']);
    expect(reopened.view().redo).toBe('Rename a');
    reopened.redo();
    expect(reopened.view().items.map((i) => i.name)).toEqual(['first', 'b']);
    // a new action drops the redo stack
    await reopened.importMidi('c.mid', song(50));
    expect(reopened.view().redo).toBeNull();
  });

  it('gives duplicate names a number and keeps one file per content', async () => {
    const ws = open(tempDir());
    await ws.importMidi('x.mid', song(60));
    await ws.importMidi('x.mid', song(60));
    expect(ws.view().items.map((i) => i.name)).toEqual(['x', 'x (2)']);
    expect(readdirSync(join(ws.dir, 'pieces'))).toHaveLength(1);
  });

  it('adds made pieces as MIDI and exports them under a safe file name', async () => {
    const ws = open(tempDir());
    const src = await ws.importMidi('src.mid', song(60));
    const piece = (await ws.piece(src.id)).piece;
    const made = await ws.addPiece(piece, { name: 'src: pitch from b/c?', origin: { kind: 'result', description: 'test', from: [src.id] } });
    const file = ws.midiFile(made.id);
    expect(file.fileName).toBe('src_ pitch from b_c_.mid');
    expect(importMidi(file.bytes, file.fileName).notes.map((n) => n.pitch)).toEqual(piece.notes.map((n) => n.pitch));
  });

  it('sets an unreadable library aside instead of overwriting it, keeping the pieces', async () => {
    const dir = tempDir();
    const ws = open(dir);
    await ws.importMidi('a.mid', song(60));
    writeFileSync(join(dir, 'library.json'), '{ half a file');
    const reopened = open(dir);
    expect(reopened.view().items).toEqual([]);
    expect(reopened.view().notice).toMatch(/could not be read/);
    const aside = readdirSync(dir).find((f) => f.startsWith('library.json.unreadable-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe('{ half a file');
    expect(readdirSync(join(dir, 'pieces'))).toHaveLength(1);
  });

  it('names a piece whose stored file vanished', async () => {
    const dir = tempDir();
    const ws = open(dir);
    const a = await ws.importMidi('a.mid', song(60));
    const reopened = open(dir);
    const file = join(dir, 'pieces', `${a.file}.mid`);
    expect(existsSync(file)).toBe(true);
    writeFileSync(file, '');
    await expect(reopened.piece(a.id)).rejects.toThrow(/^a: /);
  });
});
