// The one API definition: every operation the UI calls, with its argument check.
// Electron's IPC handlers and `muser serve`'s HTTP routes both dispatch through this
// table, so no operation exists on only one side.

import { InputError } from '../errors.js';
import { MAX_MIDI_BYTES } from '../midi/check-bytes.js';
import type { Piece } from '../piece/piece.js';
import { exampleFiles } from '../workspace/examples.js';
import type { LibraryItem, LibraryView } from '../workspace/library.js';
import type { Workspace } from '../workspace/workspace.js';
import { nonEmpty, object, string, type Check } from './validate.js';
import { fromBase64, toBase64, type FileData } from './wire.js';

export interface ApiContext {
  workspace: Workspace;
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
}

export const operations = {
  'library.list': op(none, ({ workspace }): LibraryView => workspace.view()),

  /** Adds an uploaded MIDI file: the client sends bytes, never a path. */
  'library.import': op(upload, ({ workspace }, a): Imported => {
    const item = workspace.importMidi(a.fileName, fromBase64(a.base64));
    return { library: workspace.view(), item };
  }),

  'library.examples': op(none, () => exampleFiles().map((e) => e.fileName)),

  'library.addExample': op(object({ fileName: nonEmpty(255) }), ({ workspace }, a): Imported => {
    const ex = exampleFiles().find((e) => e.fileName === a.fileName);
    if (!ex) throw new InputError(a.fileName, 'no such bundled example');
    const item = workspace.importMidi(ex.fileName, ex.bytes, { kind: 'example', fileName: ex.fileName });
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

  'piece.get': op(byId, ({ workspace }, a): PieceView => workspace.piece(a.id)),

  'piece.exportMidi': op(byId, ({ workspace }, a): FileData => {
    const f = workspace.midiFile(a.id);
    return { fileName: f.fileName, base64: toBase64(f.bytes) };
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
