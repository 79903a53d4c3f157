// Chord labels of the vocabulary ("A:min", "G:7") as musicians write them ("Am", "G7").

const SUFFIX: Record<string, string> = {
  maj: '',
  min: 'm',
  dim: '°',
  aug: '+',
  sus2: 'sus2',
  sus4: 'sus4',
  '7': '7',
  M7: 'maj7',
  m7: 'm7',
  o7: '°7',
  hdim7: 'ø7',
};

export function chordName(label: string): string {
  const [root, quality] = label.split(':');
  return quality === undefined ? label : `${root}${SUFFIX[quality] ?? `:${quality}`}`;
}
