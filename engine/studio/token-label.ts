// A token in words, for the heatmap's hover: "Note C4, 8/16, vel 80" or "Beat 4, 96 BPM, C:maj".

import { pitchName } from '../piece/piece.js';
import { FIELDS, type Vocab } from '../tokens/vocab.js';

export function tokenLabel(token: readonly number[], vocab: Vocab): string {
  const value = (f: (typeof FIELDS)[number]) => vocab.values[f][token[FIELDS.indexOf(f)]];
  const type = value('type');
  if (type === 'Note') {
    const n = vocab.numbers;
    const at = (f: 'pitch' | 'duration' | 'velocity') => n[f][token[FIELDS.indexOf(f)]];
    return `Note ${pitchName(at('pitch'))}, ${at('duration')}/16, vel ${at('velocity')}`;
  }
  if (type === 'Metrical') {
    const bb = value('bar-beat');
    const parts = [bb === 'Bar' ? 'Bar' : bb.replace('_', ' ')];
    const tempo = value('tempo');
    const chord = value('chord');
    if (tempo && !tempo.startsWith('<')) parts.push(`${tempo} BPM`);
    if (chord && !chord.startsWith('<')) parts.push(chord);
    return parts.join(', ');
  }
  if (type === 'Emotion') return `Emotion ${value('emotion')}`;
  return type;
}
