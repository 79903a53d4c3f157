// A reader thread of the import sandbox: bytes in, a Piece or the problem out.

import { InputError, messageOf } from '../errors.js';
import { importMidi } from '../midi/import.js';
import type { ReadReply, ReadRequest } from './import-sandbox.js';
import { serveRequests } from './serve-requests.js';

serveRequests<ReadRequest, ReadReply>(({ bytes, name }) => {
  try {
    return { ok: true, piece: importMidi(bytes, name) };
  } catch (err) {
    return { ok: false, input: err instanceof InputError, problem: err instanceof InputError ? err.problem : messageOf(err) };
  }
});
