// The ranges of the API's arguments that the UI asks for too: one source for the checks at
// the door (operations.ts) and the forms (the renderer imports this file; it reaches no Node).

/** Variations one generation makes. */
export const GENERATE_COUNT = { min: 1, max: 8 };
/** Bars one generated piece may have. */
export const GENERATE_BARS = { min: 1, max: 64 };
/** Seeds are 32-bit. */
export const MAX_SEED = 0xffffffff;
