// Mood strength (Generate, Transfer from a mood, Continue): the prior's classifier-free
// guidance scale (how far each latent code is pushed from what the prior would choose
// with no emotion), or the model's own scale, from its manifest, when "model default" is
// ticked.

export interface StrengthChoice {
  modelDefault: boolean;
  guidance: number;
}

/** 1 is the prior as trained (the engine accepts up to 10; the model card measures the range here). */
export const GUIDANCE = { min: 1, max: 5, step: 0.25 };

/** A form's choice at first: the model's own scale. */
export const initialStrength = (): StrengthChoice => ({ modelDefault: true, guidance: GUIDANCE.min });

/** The argument to send: none for the model's default. */
export function strengthArgs(c: StrengthChoice): { guidance?: number } {
  return c.modelDefault ? {} : { guidance: c.guidance };
}
