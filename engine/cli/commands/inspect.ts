import { describe } from '../../descriptors/describe.js';
import { summarize, type PieceSummary } from '../../descriptors/summary.js';
import { readPiece } from '../../io/read-piece.js';
import { loadVocab } from '../../tokens/vocab.js';
import { UsageError, type Command } from '../command.js';
import { descriptorLines } from '../descriptor-lines.js';

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'summarize a MIDI file: tracks, notes, tempo, meter, key, grid or performance, chords, musical descriptors',
  usage: 'muser inspect IN.mid [--bars N] [--json]',
  optionHelp: [
    ['--bars N', 'how many bars of chords to show (default 8)'],
    ['--json', 'print the summary as JSON (with beats, downbeats and chords in seconds)'],
  ],
  options: { bars: { type: 'string' }, json: { type: 'boolean' } },
  positionals: [1, 1],
  run(args, io) {
    const bars = Number(args.values.bars ?? 8);
    if (!Number.isInteger(bars) || bars < 0) throw new UsageError('--bars takes a whole number');
    const vocab = loadVocab();
    const piece = readPiece(args.positionals[0]);
    const summary = summarize(piece, vocab, bars);
    const descriptors = describe(piece, vocab);
    io.out(args.values.json ? JSON.stringify({ ...summary, descriptors }, null, 2) : [formatSummary(summary), ...descriptorLines(descriptors).slice(1)].join('\n'));
    return 0;
  },
};

function formatSummary(s: PieceSummary): string {
  const lines = [
    `${s.name}`,
    `  timing:    ${s.timing === 'grid' ? 'on a grid under its own tempo map' : 'performance (beats tracked from the notes)'}`,
    `  tracks:    ${s.tracks.length}`,
    ...s.tracks.map((t) => `    - ${t.name || '(unnamed)'}: channel ${t.channel + 1}, program ${t.program}, ${t.notes} notes${t.dropped ? ` - dropped: ${t.dropped}` : ''}`),
    `  notes:     ${s.notes}, ${s.seconds.toFixed(1)} s, pitch ${s.pitchRange ? s.pitchRange.join('-') : '-'}`,
    `  tempo:     ${s.timing === 'performance' ? 'tracked ' : ''}${s.medianBpm.toFixed(1)} BPM median; ${s.tempoEvents} tempo events from ${s.tempoRange[0].toFixed(1)} to ${s.tempoRange[1].toFixed(1)} BPM`,
    `  meter:     ${s.meter}${s.meters.length > 1 ? ` (${s.meters.join(', ')})` : ''}`,
    `  key:       ${s.key.label} (confidence ${s.key.confidence.toFixed(2)})`,
    `  bars:      ${s.bars} (token bars)`,
  ];
  const adjusted = Object.entries(s.adjustments).filter(([, v]) => v > 0);
  if (adjusted.length) lines.push(`  import:    ${adjusted.map(([k, v]) => `${v} ${k}`).join(', ')}`);
  lines.push(`  chords (first ${s.barChords.length} bars):`);
  for (const b of s.barChords) lines.push(`    bar ${String(b.bar).padStart(3)}: ${b.chords.join(' | ')}`);
  return lines.join('\n');
}
