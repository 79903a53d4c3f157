import { exportMidi } from '../../midi/export.js';
import { readBytes } from '../../io/read-piece.js';
import { detokenize } from '../../tokens/detokenize.js';
import { parseTokenFile } from '../../tokens/token-file.js';
import { loadVocab } from '../../tokens/vocab.js';
import { requireString, type Command } from '../command.js';
import { writeOutput } from '../output.js';

const MAX_TOKEN_FILE_BYTES = 64 * 1024 * 1024;

export const detokenizeCommand: Command = {
  name: 'detokenize',
  summary: 'compound-word tokens (JSON) -> MIDI file',
  usage: 'muser detokenize IN.json -o OUT.mid',
  optionHelp: [['-o, --out FILE', 'MIDI file to write (one piano track with the tempo and meter maps)']],
  options: { out: { type: 'string', short: 'o' } },
  positionals: [1, 1],
  run(args, io) {
    const [input] = args.positionals;
    const out = requireString(args, 'out');
    const vocab = loadVocab();
    const seq = parseTokenFile(new TextDecoder().decode(readBytes(input, MAX_TOKEN_FILE_BYTES)), input, vocab);
    const piece = detokenize(seq, vocab);
    writeOutput(out, exportMidi(piece), [input]);
    io.err(`${out}: ${piece.notes.length} notes, ${piece.tempos.length} tempo events`);
    return 0;
  },
};
