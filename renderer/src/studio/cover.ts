// The Transfer form's cover choice, for a B with fewer bars than A: B's bars repeat over
// all of A, taken in turn bar by bar (the engine's default), or only the bars B covers
// change.

import type { Cover } from '../../../engine/inference/latent-transfer.js';
import type { LibraryItem } from '../../../engine/workspace/library.js';

export const COVER_CHOICES: Record<Cover, string> = {
  repeat: 'repeat B’s bars over all of A',
  span: 'only the bars B covers',
};

export const DEFAULT_COVER: Cover = 'repeat';

/** Whether the choice is offered: B has fewer bars than A. */
export function coverApplies(a: LibraryItem | undefined, b: LibraryItem | undefined): boolean {
  return a !== undefined && b !== undefined && b.summary.bars < a.summary.bars;
}
