// `muser serve`: the app in a browser (web mode), on the same API the Electron window uses.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../paths.js';
import { newToken } from '../../server/access-token.js';
import { startServer } from '../../server/http-server.js';
import { openBrowser } from '../../server/open-browser.js';
import { rendererRoot } from '../../server/static-files.js';
import { createContext } from '../../api/context.js';
import { defaultWorkspaceDir } from '../../workspace/location.js';
import { UsageError, type Command } from '../command.js';

export const DEFAULT_PORT = 7350;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the app in web mode: the engine and the UI on 127.0.0.1, opened in the default browser',
  usage: 'muser serve [--port N] [--workspace DIR] [--no-open]',
  optionHelp: [
    ['--port N', `port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)`],
    ['--workspace DIR', `where the library is saved (default ${defaultWorkspaceDir()})`],
    ['--no-open', 'only print the URL; do not open a browser'],
  ],
  options: { port: { type: 'string' }, workspace: { type: 'string' }, 'no-open': { type: 'boolean' } },
  positionals: [0, 0],
  async run(args, io) {
    const port = Number(args.values.port ?? DEFAULT_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a whole number from 0 to 65535');
    const root = rendererRoot(projectPath());
    if (!existsSync(join(root, 'index.html'))) {
      io.err(`muser serve: the UI is not built (${root} has no index.html): run \`npm run build\` first`);
      return 1;
    }
    const dir = (args.values.workspace as string | undefined) ?? defaultWorkspaceDir();
    const ctx = createContext(dir);
    let running;
    try {
      running = await startServer({ ctx, events: ctx.events, root, token: newToken(), port });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        io.err(`muser serve: port ${port} is in use (another muser serve?); pick another with --port, or --port 0 for any free one`);
        return 1;
      }
      throw err;
    }
    io.out(`MusER Studio (web mode) at ${running.url}\nworkspace: ${dir}\nCtrl+C stops it.`);
    if (!args.values['no-open']) openBrowser(running.url);
    const server = running;
    return new Promise<number>((resolve) => {
      const stop = () => void server.close().then(() => resolve(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  },
};
