// A/B listening: with a transfer's result selected, playback switches between it and its
// original (A, the first piece it was made from) at the same playhead.

import type { ApiClient, PieceView } from '../../../engine/api/operations.js';
import type { Note } from '../../../engine/piece/piece.js';
import { originalOf, type LibraryItem } from '../../../engine/workspace/library.js';
import type { Player } from '../audio/player.svelte.js';
import type { Comparing } from '../roll/content.js';
import type { Fetched } from './fetched.svelte.js';

export class AbListening {
  readonly #api: ApiClient;
  readonly #player: Player;
  readonly #selected: Fetched<PieceView>;
  #request = 0;
  playing = $state<'original' | 'result'>('result');
  /** The selected result's A, once fetched. */
  original = $state.raw<{ resultId: string; id: string; name: string; notes: readonly Note[] } | null>(null);
  /** For the roll, once the result's own notes are there too. */
  comparing: Comparing | null = $derived.by(() =>
    this.original && this.#selected.value?.item.id === this.original.resultId ? { playing: this.playing, original: this.original.notes } : null,
  );

  constructor(api: ApiClient, player: Player, selected: Fetched<PieceView>) {
    this.#api = api;
    this.#player = player;
    this.#selected = selected;
  }

  /** The selection changed: back to the result, and find the new selection's A if it has one. */
  async follow(item: LibraryItem | null, items: readonly LibraryItem[]): Promise<void> {
    const request = ++this.#request;
    this.playing = 'result';
    this.original = null;
    const a = item && originalOf(item, items);
    if (!item || !a) return;
    try {
      const { piece } = await this.#api.call('piece.get', { id: a.id });
      if (request === this.#request) this.original = { resultId: item.id, id: a.id, name: a.name, notes: piece.notes };
    } catch {
      // A could not be read (removed meanwhile): no A/B for this piece
    }
  }

  toggle(): void {
    const view = this.#selected.value;
    if (!this.original || view?.item.id !== this.original.resultId) return;
    this.playing = this.playing === 'result' ? 'original' : 'result';
    this.#player.swap(this.playing === 'original' ? this.original.notes : view.piece.notes);
  }
}
