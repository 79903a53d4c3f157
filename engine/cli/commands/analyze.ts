import { readTokens } from '../../io/read-tokens.js';
import { noteStats } from '../../model/note-stats.js';
import type { Command } from '../command.js';
import { MODEL_HELP, MODEL_OPTIONS, openEngine } from '../model-args.js';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'emotion estimate (quadrant, valence, arousal) and note statistics of a piece',
  usage: 'muser analyze IN.mid [--json]',
  optionHelp: [...MODEL_HELP],
  options: { ...MODEL_OPTIONS },
  positionals: [1, 1],
  async run(args, io) {
    const [input] = args.positionals;
    const engine = await openEngine(args);
    try {
      const { tokens } = readTokens(input, engine.vocab);
      const emotion = await engine.estimateEmotion(tokens);
      const stats = noteStats(tokens, engine.vocab);
      if (args.values.json) {
        io.out(JSON.stringify({ file: input, tokens: tokens.length, emotion, stats }, null, 2));
        return 0;
      }
      const p = emotion.probabilities;
      io.out(
        [
          input,
          `  emotion:   ${emotion.quadrant}  (Q1 ${p.Q1.toFixed(2)}, Q2 ${p.Q2.toFixed(2)}, Q3 ${p.Q3.toFixed(2)}, Q4 ${p.Q4.toFixed(2)}; ${emotion.windows} window(s))`,
          `  valence:   ${emotion.valence.toFixed(2)}   arousal: ${emotion.arousal.toFixed(2)}`,
          `  notes:     ${stats.notes}, pitch ${stats.pitchRange ? `${stats.pitchRange.join('-')} (range ${stats.pitchSpan})` : '-'}`,
          `  pitch classes: ${stats.pitchClasses}   polyphony: ${stats.polyphony.toFixed(2)} notes per onset`,
        ].join('\n'),
      );
      return 0;
    } finally {
      await engine.close();
    }
  },
};
