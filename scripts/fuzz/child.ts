// One fuzz process: it imports and tokenizes the inputs its parent sends, one at a time.
// It runs compiled (dist/scripts/fuzz/child.js), as Node cannot start a .ts file.

import { loadVocab } from '../../engine/tokens/vocab.js';
import { importAndTokenize } from './outcome.js';
import type { FromChild, ToChild } from './pool.js';

const vocab = loadVocab();
const send = (m: FromChild) => process.send!(m);

process.on('message', (m: ToChild) => send({ id: m.id, outcome: importAndTokenize(m.bytes, m.name, vocab) }));
send({ ready: true });
