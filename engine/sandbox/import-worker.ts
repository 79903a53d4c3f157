// A reader thread of the import sandbox: bytes in, a Piece or the problem out.

import { parentPort } from 'node:worker_threads';
import { InputError, messageOf } from '../errors.js';
import { importMidi } from '../midi/import.js';
import type { FromReader, ReadReply, ReadRequest } from './import-sandbox.js';

const port = parentPort!;
port.on('message', ({ id, bytes, name }: ReadRequest) => {
  let reply: ReadReply;
  try {
    reply = { id, ok: true, piece: importMidi(bytes, name) };
  } catch (err) {
    reply = { id, ok: false, input: err instanceof InputError, problem: err instanceof InputError ? err.problem : messageOf(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies FromReader);
