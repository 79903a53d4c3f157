// The `muser` command: dispatch to subcommands, each with --help.

import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { UsageError, type CliIO, type Command } from './command.js';
import { analyzeCommand } from './commands/analyze.js';
import { continueCommand } from './commands/continue.js';
import { benchCommand } from './commands/bench.js';
import { datasetCommand } from './commands/dataset.js';
import { detokenizeCommand } from './commands/detokenize.js';
import { encodeCommand } from './commands/encode.js';
import { generateCommand } from './commands/generate.js';
import { inspectCommand } from './commands/inspect.js';
import { serveCommand } from './commands/serve.js';
import { tokenizeCommand } from './commands/tokenize.js';
import { transferCommand } from './commands/transfer.js';

export const COMMANDS: Command[] = [
  inspectCommand,
  tokenizeCommand,
  detokenizeCommand,
  datasetCommand,
  encodeCommand,
  analyzeCommand,
  transferCommand,
  continueCommand,
  generateCommand,
  benchCommand,
  serveCommand,
];

/** A log gets a progress line this often; a terminal gets every one, in place. */
const LOG_STATUS_MS = 10_000;
let lastStatus = 0;

const stdio: CliIO = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  status: (t) => {
    if (process.stderr.isTTY) return void process.stderr.write(`\r${t}\x1b[K`);
    if (Date.now() - lastStatus < LOG_STATUS_MS) return;
    lastStatus = Date.now();
    process.stderr.write(`${t}\n`);
  },
};

export function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'muser: MusER Studio on the command line',
    '',
    'usage: muser <command> [options]   (muser <command> --help for details)',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

export function commandHelp(c: Command): string {
  const width = Math.max(...c.optionHelp.map(([o]) => o.length), 10);
  return [`usage: ${c.usage}`, '', c.summary, '', 'options:', ...c.optionHelp.map(([o, d]) => `  ${o.padEnd(width)}  ${d}`), `  ${'-h, --help'.padEnd(width)}  show this help`].join('\n');
}

export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(overview());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`muser: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    const [min, max] = command.positionals;
    if (positionals.length < min || positionals.length > max) {
      throw new UsageError(min === max ? `expects ${min} argument(s), got ${positionals.length}` : `expects ${min} to ${max} arguments, got ${positionals.length}`);
    }
    return await command.run({ values: values as Record<string, string | boolean | undefined>, positionals }, io);
  } catch (err) {
    if (err instanceof InputError) {
      io.err(`muser ${name}: error: ${err.message}`);
      return 1;
    }
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`muser ${name}: ${(err as Error).message}\nusage: ${command.usage}\n(muser ${name} --help for details)`);
      return 2;
    }
    throw err;
  }
}
