// Everything an API call can reach, made once per door (the web server or the Electron
// engine host) from the same parts, so the two doors behave alike.

import type { Engine } from '../runner/engine.js';
import { ImportSandbox } from '../sandbox/import-sandbox.js';
import { ModelService } from '../studio/model-service.js';
import { exampleFiles } from '../workspace/examples.js';
import { Workspace } from '../workspace/workspace.js';
import { EventHub } from './event-hub.js';
import { Jobs } from './jobs.js';
import type { ApiContext } from './operations.js';

export interface ContextOptions {
  /** What a brand-new workspace starts with (default: the bundled examples). */
  examples?: () => { fileName: string; bytes: Uint8Array }[];
  /** How the models are opened (default: the shipped models). */
  openEngine?: () => Promise<Engine>;
}

export function createContext(workspaceDir: string, opts: ContextOptions = {}): ApiContext & { events: EventHub } {
  // user files are parsed off the thread that answers requests, within limits
  const sandbox = new ImportSandbox();
  const workspace = new Workspace(workspaceDir, opts.examples ?? exampleFiles, (bytes, name) => sandbox.read(bytes, name));
  const events = new EventHub();
  return { workspace, models: new ModelService(workspace, opts.openEngine), jobs: new Jobs(events.emit), events };
}
