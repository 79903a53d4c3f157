// Entry of the engine's utility process (utilityProcess.fork in main.ts): the
// workspace, MIDI parsing and the models run here, off the main process's event loop,
// so the window's menus and dialogs never wait on music work.

import { serveEngine } from './engine-service.js';

serveEngine(process.parentPort);
