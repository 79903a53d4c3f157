// Whether the models load here, as `model.info` answers: worked out once for every view
// (the studio's actions, the heatmap, the atlas, the forms' defaults).

import type { ApiClient, ModelInfo } from '../../../engine/api/operations.js';
import { judgeTrust } from '../music/judge-trust.js';
import { Fetched } from './fetched.svelte.js';

export class Model {
  readonly #fetched: Fetched<ModelInfo>;
  /** What `model.info` said (a failed call counts as unavailable); null until it answered. */
  info: ModelInfo | null = $derived.by(
    () => this.#fetched.value ?? (this.#fetched.error === null ? null : { available: false, message: this.#fetched.error, provider: null, elements: [], guidance: null, judge: null }),
  );
  /** Why the models cannot be used; null while they can, or until `model.info` answered. */
  unavailable: string | null = $derived(this.info && !this.info.available ? (this.info.message ?? 'the models are not available') : null);
  /** How far to trust an emotion estimate, where the manifest says; null when it does not. */
  trust = $derived(judgeTrust(this.info?.judge ?? null));

  constructor(api: ApiClient) {
    this.#fetched = new Fetched(() => api.call('model.info', {}));
  }

  /** Asks the engine once; every view that needs the answer calls this. */
  load(): Promise<void> {
    return this.#fetched.show('model.info');
  }
}
