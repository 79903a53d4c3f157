// Emotion estimates of library pieces, asked for lazily (the plane asks for every
// piece, the estimate line for the selected one) and kept per piece id: a piece's
// music never changes under its id.

import type { ApiClient } from '../../../engine/api/operations.js';
import type { EmotionEstimate } from '../../../engine/judge/judge.js';
import { ApiCallError } from '../api/client.js';

export class Emotions {
  estimates = $state.raw<Record<string, EmotionEstimate>>({});
  /** Progress of the current batch of requests, for the "Estimating 3 of 8" line. */
  done = $state(0);
  total = $state(0);
  /** Why estimating stopped (no models here), once it did. */
  error = $state<string | null>(null);
  readonly #api: ApiClient;
  readonly #queue: string[] = [];
  /** Pieces the engine could not estimate (removed meanwhile): not asked again. */
  readonly #failed = new Set<string>();
  #running = false;

  constructor(api: ApiClient) {
    this.#api = api;
  }

  /** An estimate that came with a job's result. */
  set(id: string, estimate: EmotionEstimate): void {
    this.estimates = { ...this.estimates, [id]: estimate };
  }

  /** Estimates the pieces not known yet, one at a time. */
  want(ids: readonly string[]): void {
    if (this.error) return;
    const fresh = ids.filter((id) => !(id in this.estimates) && !this.#queue.includes(id) && !this.#failed.has(id));
    if (fresh.length === 0) return;
    if (!this.#running) this.done = this.total = 0;
    this.#queue.push(...fresh);
    this.total += fresh.length;
    void this.#work();
  }

  async #work(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    while (this.#queue.length) {
      const id = this.#queue[0];
      try {
        this.set(id, await this.#api.call('piece.emotion', { id }));
      } catch (err) {
        // without models nothing can be estimated; a piece removed meanwhile is just skipped
        if (err instanceof ApiCallError && err.kind === 'unavailable') {
          this.error = err.message;
          this.#queue.length = 0;
          this.total = this.done;
          break;
        }
        this.#failed.add(id);
      }
      this.#queue.shift();
      this.done++;
    }
    this.#running = false;
  }
}
