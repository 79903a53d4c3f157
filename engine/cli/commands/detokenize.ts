import { readTokenFile } from '../../io/read-tokens.js';
import { exportMidi } from '../../midi/export.js';
import { detokenize } from '../../tokens/detokenize.js';
import { loadVocab } from '../../tokens/vocab.js';
import { requireString, type Command } from '../command.js';
import { writeOutput } from '../output.js';

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
    const seq = readTokenFile(input, vocab);
    const piece = detokenize(seq, vocab);
    writeOutput(out, exportMidi(piece), [input]);
    io.err(`${out}: ${piece.notes.length} notes, ${piece.tempos.length} tempo events`);
    return 0;
  },
};
