// One row of a corpus run per file: its analysis, or the error that stopped it. Rows are
// written as CSV (one column per figure, for spreadsheets and pandas) or JSON lines
// (the whole analysis, nested).

import type { Analysis } from '../analysis/analysis.js';
import { CHORD_FAMILIES } from '../descriptors/describe.js';
import { QUADRANTS } from '../tokens/quadrants.js';

export interface CorpusRow {
  file: string;
  error: string | null;
  analysis: Analysis | null;
}

type Column = [header: string, value: (a: Analysis) => number | string | null | undefined];

const COLUMNS: Column[] = [
  ['quadrant', (a) => a.emotion.quadrant],
  ['valence', (a) => a.emotion.valence],
  ['arousal', (a) => a.emotion.arousal],
  ...QUADRANTS.map((q): Column => [`p_${q}`, (a) => a.emotion.probabilities[q]]),
  ['explanation', (a) => a.emotion.explanation],
  ['tokens', (a) => a.tokens],
  ['notes', (a) => a.stats.notes],
  ['seconds', (a) => a.descriptors.seconds],
  ['density', (a) => a.descriptors.density],
  ['velocity_mean', (a) => a.descriptors.velocityMean],
  ['velocity_spread', (a) => a.descriptors.velocitySpread],
  ['pitch_mean', (a) => a.descriptors.pitchMean],
  ['pitch_low', (a) => a.descriptors.pitchLow],
  ['pitch_high', (a) => a.descriptors.pitchHigh],
  ['tempo', (a) => a.descriptors.tempo],
  ['articulation', (a) => a.descriptors.articulation],
  ['key', (a) => a.descriptors.key.label],
  ['key_confidence', (a) => a.descriptors.key.confidence],
  ['major_bars', (a) => a.descriptors.majorBars],
  ...CHORD_FAMILIES.map((f): Column => [`chords_${f}`, (a) => a.descriptors.chords[f]]),
  ['pitch_classes', (a) => a.stats.pitchClasses],
  ['polyphony', (a) => a.stats.polyphony],
];

export const CSV_HEADER = ['file', 'error', ...COLUMNS.map(([h]) => h)].join(',');

function csvField(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(+v.toPrecision(6)) : '';
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvLine(row: CorpusRow): string {
  const a = row.analysis;
  return [csvField(row.file), csvField(row.error), ...COLUMNS.map(([, f]) => csvField(a ? f(a) : null))].join(',');
}

export function jsonLine(row: CorpusRow): string {
  return JSON.stringify(row.analysis ? { ...row.analysis, file: row.file, error: null } : { file: row.file, error: row.error });
}

/** The file of a CSV line (its first field), or null for the header or a broken line. */
export function csvFile(line: string): string | null {
  if (line === CSV_HEADER) return null;
  if (!line.startsWith('"')) return line.split(',')[0] || null;
  let out = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"') {
      if (line[i + 1] === '"') {
        out += '"';
        i++;
      } else return out;
    } else out += line[i];
  }
  return null;
}

export function jsonFile(line: string): string | null {
  try {
    const v = JSON.parse(line) as { file?: unknown };
    return typeof v.file === 'string' ? v.file : null;
  } catch {
    return null;
  }
}
