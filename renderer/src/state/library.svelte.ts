// The library as the UI holds it: the server's LibraryView, the selection, and the
// problems to show inline (a bad file must never take the other pieces with it).

import type { ApiClient } from '../../../engine/api/operations.js';
import { MAX_MIDI_BYTES, tooLargeMessage } from '../../../engine/midi/read-smf.js';
import type { LibraryItem, LibraryView } from '../../../engine/workspace/library.js';
import { bytesToBase64 } from '../files/base64.js';

export interface Problem {
  id: number;
  /** What it concerns: a file name or an action. */
  title: string;
  message: string;
}

export class Library {
  items = $state<LibraryItem[]>([]);
  undoLabel = $state<string | null>(null);
  redoLabel = $state<string | null>(null);
  notice = $state<string | null>(null);
  examples = $state<string[]>([]);
  selectedId = $state<string | null>(null);
  problems = $state<Problem[]>([]);
  /** The file being imported now, for the busy line. */
  importing = $state<string | null>(null);
  selected = $derived(this.items.find((i) => i.id === this.selectedId) ?? null);
  readonly #api: ApiClient;
  #problemIds = 0;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async load(): Promise<void> {
    await this.refresh();
    await this.#run('Examples', async () => {
      this.examples = await this.#api.call('library.examples', {});
    });
  }

  /** Lists the library again: the engine added pieces itself (a transfer, a generation). */
  refresh(): Promise<void> {
    return this.#run('Library', async () => this.#show(await this.#api.call('library.list', {})));
  }

  /** Imports the files one by one; each bad file gets its own problem line. */
  async importFiles(files: readonly File[]): Promise<void> {
    for (const file of files) {
      this.importing = file.name;
      await this.#run(file.name, async () => {
        // the engine would refuse it: stop before reading it
        if (file.size > MAX_MIDI_BYTES) throw new Error(`${file.name}: ${tooLargeMessage(file.size)}`);
        await this.importBytes(file.name, bytesToBase64(new Uint8Array(await file.arrayBuffer())), false);
      });
    }
    this.importing = null;
  }

  /** One file's bytes (base64); `report` false when the caller reports failures itself. */
  async importBytes(fileName: string, base64: string, report = true): Promise<void> {
    const go = async () => {
      const r = await this.#api.call('library.import', { fileName, base64 });
      this.#show(r.library);
      this.selectedId = r.item.id;
    };
    if (report) await this.#run(fileName, go);
    else await go();
  }

  addExample(fileName: string): Promise<void> {
    return this.#run(fileName, async () => {
      const r = await this.#api.call('library.addExample', { fileName });
      this.#show(r.library);
      this.selectedId = r.item.id;
    });
  }

  rename(id: string, name: string): Promise<void> {
    const item = this.items.find((i) => i.id === id);
    if (!item || name.trim() === '' || name.trim() === item.name) return Promise.resolve();
    return this.#run(`Rename ${item.name}`, async () => this.#show(await this.#api.call('library.rename', { id, name: name.trim() })));
  }

  remove(id: string): Promise<void> {
    return this.#run('Remove', async () => this.#show(await this.#api.call('library.remove', { id })));
  }

  undo(): Promise<void> {
    if (!this.undoLabel) return Promise.resolve();
    return this.#run('Undo', async () => this.#show(await this.#api.call('library.undo', {})));
  }

  redo(): Promise<void> {
    if (!this.redoLabel) return Promise.resolve();
    return this.#run('Redo', async () => this.#show(await this.#api.call('library.redo', {})));
  }

  select(id: string): void {
    this.selectedId = id;
  }

  dismiss(problemId: number): void {
    this.problems = this.problems.filter((p) => p.id !== problemId);
  }

  #show(view: LibraryView): void {
    this.items = view.items;
    this.undoLabel = view.undo;
    this.redoLabel = view.redo;
    this.notice = view.notice;
    if (!view.items.some((i) => i.id === this.selectedId)) this.selectedId = view.items[0]?.id ?? null;
  }

  async #run(title: string, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      this.problems = [...this.problems, { id: ++this.#problemIds, title, message: err instanceof Error ? err.message : String(err) }];
    }
  }
}
