// What a CLI subcommand is: its usage, options (node's parseArgs) and a run function.

import type { ParseArgsConfig } from 'node:util';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** A progress line that replaces the previous one (a terminal), or is printed now and then (a log). */
  status?(text: string): void;
}

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  /** One line, e.g. "muser tokenize IN.mid -o OUT.json". */
  usage: string;
  /** Option descriptions for --help, in the order shown. */
  optionHelp: [string, string][];
  options: Options;
  /** How many positional arguments the command takes. */
  positionals: [min: number, max: number];
  run(args: ParsedArgs, io: CliIO): Promise<number> | number;
}

/** A mistake in how the command was called: print usage, exit 2. */
export class UsageError extends Error {}

export function requireString(args: ParsedArgs, name: string): string {
  const v = args.values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}
