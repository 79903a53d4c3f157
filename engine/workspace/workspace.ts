// The user's workspace on disk: library.json (items + undo history) and the pieces'
// MIDI files under pieces/, named by content hash. Every change is saved at once
// (atomically), so the library survives a restart or a crash.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, messageOf } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { exportMidi } from '../midi/export.js';
import { importMidi } from '../midi/import.js';
import { barCount, pieceDuration, type Piece } from '../piece/piece.js';
import { emptyHistory, record, redo, undo, type History } from './history.js';
import { nameFromFile, safeFileName, uniqueName } from './file-names.js';
import type { ItemSummary, LibraryItem, LibraryView, Origin } from './library.js';

const FORMAT = 'muser-workspace-1';

interface SavedWorkspace {
  format: typeof FORMAT;
  items: LibraryItem[];
  history: History;
}

/** Parses a file's bytes into a Piece (in process, or walled off: sandbox/import-sandbox.ts). */
export type PieceReader = (bytes: Uint8Array, name: string) => Promise<Piece>;

const inProcess: PieceReader = async (bytes, name) => importMidi(bytes, name);

export interface NewPiece {
  name: string;
  origin: Origin;
}

export class Workspace {
  private items: LibraryItem[] = [];
  private history: History = emptyHistory();
  private notice: string | null = null;
  private readonly pieces = new Map<string, Piece>();

  /**
   * Opens (or creates) the workspace in `dir`; `seed` fills a brand-new one (the bundled
   * examples, read in process: they are ours); `read` parses every other file.
   */
  constructor(
    readonly dir: string,
    seed: () => { fileName: string; bytes: Uint8Array }[] = () => [],
    private readonly read: PieceReader = inProcess,
  ) {
    mkdirSync(join(dir, 'pieces'), { recursive: true });
    if (existsSync(this.libraryPath)) this.load();
    else {
      for (const { fileName, bytes } of seed()) this.items.push(this.store(bytes, importMidi(bytes, fileName), { name: nameFromFile(fileName), origin: { kind: 'example', fileName } }));
      this.save();
    }
  }

  private get libraryPath(): string {
    return join(this.dir, 'library.json');
  }

  private piecePath(file: string): string {
    return join(this.dir, 'pieces', `${file}.mid`);
  }

  view(): LibraryView {
    const u = this.history.undo.at(-1);
    const r = this.history.redo.at(-1);
    return { items: this.items, undo: u?.label ?? null, redo: r?.label ?? null, notice: this.notice };
  }

  item(id: string): LibraryItem {
    const it = this.items.find((i) => i.id === id);
    if (!it) throw new InputError(id, 'no such piece in the library (it may have been removed)');
    return it;
  }

  async piece(id: string): Promise<{ item: LibraryItem; piece: Piece }> {
    const item = this.item(id);
    return { item, piece: await this.loadPiece(item.file, item.name) };
  }

  /** Adds an imported MIDI file; rejects with an InputError naming the file when it is not usable. */
  async importMidi(fileName: string, bytes: Uint8Array, origin: Origin = { kind: 'import', fileName }): Promise<LibraryItem> {
    const piece = await this.read(bytes, fileName);
    const item = this.store(bytes, piece, { name: nameFromFile(fileName), origin });
    this.change(`Import ${fileName}`, [...this.items, item]);
    return item;
  }

  /** Adds a piece made in the app (a transfer or generation result), as it reads back from its stored file. */
  async addPiece(piece: Piece, made: NewPiece): Promise<LibraryItem> {
    const fileName = safeFileName(made.name, '.mid');
    const bytes = exportMidi(piece);
    const item = this.store(bytes, await this.read(bytes, fileName), made);
    this.change(`Add ${item.name}`, [...this.items, item]);
    return item;
  }

  remove(id: string): void {
    const it = this.item(id);
    this.change(`Remove ${it.name}`, this.items.filter((i) => i.id !== id));
  }

  rename(id: string, name: string): void {
    const it = this.item(id);
    if (name === it.name) return;
    const fresh = uniqueName(name, this.items.filter((i) => i.id !== id).map((i) => i.name));
    this.change(`Rename ${it.name}`, this.items.map((i) => (i.id === id ? { ...i, name: fresh } : i)));
  }

  undo(): void {
    const step = undo(this.history, this.items);
    if (step) this.apply(step.items, step.history);
  }

  redo(): void {
    const step = redo(this.history, this.items);
    if (step) this.apply(step.items, step.history);
  }

  /** The stored MIDI file of a piece and a file name that says what it is. */
  midiFile(id: string): { fileName: string; bytes: Uint8Array } {
    const it = this.item(id);
    return { fileName: safeFileName(it.name, '.mid'), bytes: readFileSync(this.piecePath(it.file)) };
  }

  private change(label: string, items: LibraryItem[]): void {
    this.apply(items, record(this.history, label, this.items));
  }

  private apply(items: LibraryItem[], history: History): void {
    this.items = items;
    this.history = history;
    this.save();
  }

  /** Stores parsed bytes by hash (bad files were refused by the parse, before anything is written). */
  private store(bytes: Uint8Array, piece: Piece, made: NewPiece): LibraryItem {
    const file = createHash('sha256').update(bytes).digest('hex');
    const path = this.piecePath(file);
    if (!existsSync(path)) writeFileAtomic(path, bytes);
    this.pieces.set(file, piece);
    return {
      id: randomBytes(6).toString('hex'),
      name: uniqueName(made.name, this.items.map((i) => i.name)),
      file,
      origin: made.origin,
      addedAt: new Date().toISOString(),
      summary: summaryOf(piece),
    };
  }

  private async loadPiece(file: string, name: string): Promise<Piece> {
    let piece = this.pieces.get(file);
    if (!piece) {
      const path = this.piecePath(file);
      if (!existsSync(path)) throw new InputError(name, `its stored file is missing from the workspace (${path})`);
      piece = await this.read(readFileSync(path), name);
      this.pieces.set(file, piece);
    }
    return piece;
  }

  private save(): void {
    const saved: SavedWorkspace = { format: FORMAT, items: this.items, history: this.history };
    writeFileAtomic(this.libraryPath, JSON.stringify(saved));
    this.collect();
  }

  private load(): void {
    try {
      const saved = JSON.parse(readFileSync(this.libraryPath, 'utf8')) as SavedWorkspace;
      if (saved.format !== FORMAT || !Array.isArray(saved.items)) throw new Error(`not a ${FORMAT} file`);
      this.items = saved.items;
      this.history = saved.history ?? emptyHistory();
    } catch (err) {
      // never overwrite what we cannot read: keep it beside, start an empty library
      const aside = `${this.libraryPath}.unreadable-${Date.now()}`;
      renameSync(this.libraryPath, aside);
      this.notice = `The saved library could not be read (${messageOf(err)}); it was kept as ${aside} and a new library was started. Its pieces are still in ${join(this.dir, 'pieces')}.`;
      this.save();
    }
  }

  /** Deletes stored files that neither the library nor its undo history refer to. */
  private collect(): void {
    // after an unreadable library the stored files are all the user has left
    if (this.notice) return;
    const used = new Set([...this.items, ...this.history.undo.flatMap((s) => s.items), ...this.history.redo.flatMap((s) => s.items)].map((i) => i.file));
    for (const f of readdirSync(join(this.dir, 'pieces'))) {
      const file = f.replace(/\.mid$/, '');
      if (f.endsWith('.mid') && !used.has(file)) {
        rmSync(join(this.dir, 'pieces', f), { force: true });
        this.pieces.delete(file);
      }
    }
  }
}

function summaryOf(piece: Piece): ItemSummary {
  return { notes: piece.notes.length, seconds: pieceDuration(piece), bars: barCount(piece), timing: piece.timing };
}
