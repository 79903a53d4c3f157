// A value fetched from the engine for a key (a piece id, a library snapshot), where
// only the latest request counts: switching pieces quickly never shows a stale answer.

export class Fetched<T> {
  /** Raw: latents and atlases need no deep reactivity, only replacement. */
  value = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(false);
  readonly #fetch: (key: string) => Promise<T>;
  readonly #keep: boolean;
  #key: string | null = null;
  #request = 0;

  /** `keep`: show the old value until the new one comes (a refresh, not a switch). */
  constructor(fetch: (key: string) => Promise<T>, { keep = false } = {}) {
    this.#fetch = fetch;
    this.#keep = keep;
  }

  /** Fetches for `key` unless that is what is shown (or coming) already; null clears. */
  async show(key: string | null): Promise<void> {
    if (key === this.#key) return;
    this.#key = key;
    const request = ++this.#request;
    this.error = null;
    if (!this.#keep || key === null) this.value = null;
    if (key === null) {
      this.loading = false;
      return;
    }
    this.loading = true;
    try {
      const value = await this.#fetch(key);
      if (request === this.#request) this.value = value;
    } catch (err) {
      if (request === this.#request) {
        this.value = null;
        this.error = err instanceof Error ? err.message : String(err);
      }
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }
}
