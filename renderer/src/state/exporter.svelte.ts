// "Export MIDI" and "Export WAV": their busy state and the last outcome, shown inline.

import type { ApiClient } from '../../../engine/api/operations.js';
import type { Note } from '../../../engine/piece/piece.js';
import { renderWav } from '../audio/render-wav.js';
import { base64ToBytes } from '../files/base64.js';
import { dragOut, saveFile } from '../files/platform.js';
import { fileNameFor } from '../ui/format.js';

export type ExportState = 'idle' | 'saving' | 'rendering';

export class Exporter {
  midi = $state<ExportState>('idle');
  wav = $state<ExportState>('idle');
  /** The analysis exports: a piece's latents (CSV, JSON) or a view as PNG. */
  analysis = $state<ExportState>('idle');
  /** The last success ("Saved song.wav") or failure, until the next export. */
  message = $state<string | null>(null);
  failed = $state(false);
  readonly #api: ApiClient;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async exportMidi(id: string): Promise<void> {
    if (this.midi !== 'idle') return;
    this.midi = 'saving';
    await this.#report('MIDI', async () => {
      const f = await this.#api.call('piece.exportMidi', { id });
      return [f.fileName, await saveFile(f.fileName, base64ToBytes(f.base64), 'audio/midi')];
    });
    this.midi = 'idle';
  }

  /** Electron: drags the piece's MIDI file out of the window (errors show as export errors). */
  async dragOut(id: string): Promise<void> {
    await this.#report('MIDI', async () => {
      const f = await this.#api.call('piece.exportMidi', { id });
      dragOut(f.fileName, f.base64);
      return [f.fileName, { saved: false }];
    });
  }

  async exportWav(name: string, notes: readonly Note[]): Promise<void> {
    if (this.wav !== 'idle') return;
    this.wav = 'rendering';
    await this.#report('WAV', async () => {
      const bytes = await renderWav(notes);
      this.wav = 'saving';
      const fileName = fileNameFor(name, '.wav');
      return [fileName, await saveFile(fileName, bytes, 'audio/wav')];
    });
    this.wav = 'idle';
  }

  exportLatents(id: string, format: 'csv' | 'json'): Promise<void> {
    return this.#analysisExport(format.toUpperCase(), async () => {
      const f = await this.#api.call('piece.exportLatents', { id, format });
      return [f.fileName, await saveFile(f.fileName, base64ToBytes(f.base64), format === 'csv' ? 'text/csv' : 'application/json')];
    });
  }

  /** A picture of a view; `image` makes the PNG bytes. */
  exportPng(fileName: string, image: () => Promise<Uint8Array>): Promise<void> {
    return this.#analysisExport('PNG', async () => [fileName, await saveFile(fileName, await image(), 'image/png')]);
  }

  async #analysisExport(what: string, action: () => Promise<[string, { saved: boolean; path?: string }]>): Promise<void> {
    if (this.analysis !== 'idle') return;
    this.analysis = 'saving';
    await this.#report(what, action);
    this.analysis = 'idle';
  }

  dismiss(): void {
    this.message = null;
  }

  async #report(what: string, action: () => Promise<[string, { saved: boolean; path?: string }]>): Promise<void> {
    this.message = null;
    this.failed = false;
    try {
      const [fileName, result] = await action();
      // Electron reports where it saved; a browser download goes where the browser puts it
      if (result.saved) this.message = result.path ? `Saved ${result.path}` : `Downloaded ${fileName}`;
    } catch (err) {
      this.failed = true;
      this.message = `Export ${what} failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
}
