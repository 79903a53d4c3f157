// Writing a command's result: never over its own input, never half a file.

import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';

export function writeOutput(path: string, data: string | Uint8Array, inputs: string[]): void {
  if (inputs.some((i) => resolve(i) === resolve(path))) throw new InputError(path, 'is also an input; choose another output file');
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(path, `folder ${dir} does not exist`);
  writeFileAtomic(path, data);
}
