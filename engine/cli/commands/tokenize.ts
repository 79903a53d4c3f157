import { readPiece } from '../../io/read-piece.js';
import type { Quadrant } from '../../tokens/quadrants.js';
import { formatTokenFile } from '../../tokens/token-file.js';
import { tokenize } from '../../tokens/tokenize.js';
import { loadVocab } from '../../tokens/vocab.js';
import { requireString, UsageError, type Command } from '../command.js';
import { writeOutput } from '../output.js';

export const QUADRANTS: Quadrant[] = ['Q1', 'Q2', 'Q3', 'Q4'];

export const tokenizeCommand: Command = {
  name: 'tokenize',
  summary: 'MIDI file -> compound-word tokens (JSON)',
  usage: 'muser tokenize IN.mid -o OUT.json [--emotion Q1|Q2|Q3|Q4]',
  optionHelp: [
    ['-o, --out FILE', 'token file to write (JSON: vocab, fields, tokens, meters)'],
    ['--emotion Q', 'emotion quadrant for the emotion token (default: none)'],
  ],
  options: { out: { type: 'string', short: 'o' }, emotion: { type: 'string' } },
  positionals: [1, 1],
  run(args, io) {
    const [input] = args.positionals;
    const out = requireString(args, 'out');
    const emotion = args.values.emotion as Quadrant | undefined;
    if (emotion !== undefined && !QUADRANTS.includes(emotion)) throw new UsageError(`--emotion must be one of ${QUADRANTS.join(', ')}`);
    const piece = readPiece(input);
    const { sequence, mergedDuplicates } = tokenize(piece, loadVocab(), emotion);
    writeOutput(out, formatTokenFile(sequence), [input]);
    io.err(`${out}: ${sequence.tokens.length} tokens from ${piece.notes.length} notes (${piece.timing} timing${mergedDuplicates ? `, ${mergedDuplicates} duplicate notes merged on the grid` : ''})`);
    return 0;
  },
};
