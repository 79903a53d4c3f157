// The keys a form offers, C major to B minor, spelled as the engine names them.

import { KEY_TONICS } from '../../../engine/harmony/key.js';
import type { KeyName } from '../../../engine/harmony/scale.js';

export const KEY_NAMES: readonly KeyName[] = (['major', 'minor'] as const).flatMap((mode) => KEY_TONICS.map((tonic): KeyName => `${tonic} ${mode}`));
