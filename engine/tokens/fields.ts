// The fields of a CP token, in order: apart from the vocabulary file that names their
// values, so modules the window shares (token slots, hence element transfer's
// constants) reach no Node.

export const FIELDS = ['tempo', 'chord', 'bar-beat', 'type', 'pitch', 'duration', 'velocity', 'emotion'] as const;
export type Field = (typeof FIELDS)[number];
