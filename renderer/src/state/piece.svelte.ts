// The selected piece's music, fetched when the selection changes; the latest request wins.

import type { ApiClient, PieceView } from '../../../engine/api/operations.js';

export class SelectedPiece {
  /** Raw: thousands of notes need no deep reactivity, only replacement. */
  view = $state.raw<PieceView | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  readonly #api: ApiClient;
  #request = 0;
  #id: string | null = null;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  async show(id: string | null): Promise<void> {
    if (id === this.#id) return;
    this.#id = id;
    const request = ++this.#request;
    this.error = null;
    if (id === null) {
      this.view = null;
      return;
    }
    this.loading = true;
    try {
      const view = await this.#api.call('piece.get', { id });
      if (request === this.#request) this.view = view;
    } catch (err) {
      if (request === this.#request) {
        this.view = null;
        this.error = err instanceof Error ? err.message : String(err);
      }
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }
}
