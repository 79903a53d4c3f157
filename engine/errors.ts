// One error type for bad input: it names the file and the problem, so every door
// (CLI, IPC, HTTP, dataset report) can show it as is.

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'InputError';
  }
}

/** The models cannot run here (missing, damaged, or no runtime): views say so instead of failing. */
export class ModelUnavailable extends Error {}

/** The message of anything thrown, including the plain strings some parsers throw. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
