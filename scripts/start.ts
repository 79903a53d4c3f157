// `npm start` after the build: the desktop app when Electron's binary can be had, else
// web mode (`muser serve`, the same UI in the browser), saying why. The electron package
// downloads its binary on first use; where that download is blocked, web mode is the app.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { messageOf } from '../engine/errors.js';
import { projectPath } from '../engine/paths.js';

/** The Electron executable, or why there is none. */
function electronBinary(): { path: string } | { why: string } {
  try {
    // the package's main is the binary's path, downloading the binary first if it is missing
    const path: unknown = createRequire(import.meta.url)('electron');
    if (typeof path !== 'string') return { why: 'the electron package did not give a path to its binary' };
    if (!existsSync(path)) return { why: `the Electron binary is missing (${path})` };
    return { path };
  } catch (err) {
    return { why: messageOf(err) };
  }
}

/** Runs a child on this terminal; Ctrl+C reaches it directly, and its exit code becomes ours. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd: projectPath() });
    // Ctrl+C reaches the child with the whole terminal's process group: outlive it to pass on its exit code
    process.on('SIGINT', () => {});
    // a SIGTERM sent to this process alone (a process manager) is passed on
    process.on('SIGTERM', () => child.kill('SIGTERM'));
    child.on('error', (err) => {
      console.error(`npm start: cannot run ${command}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main(): Promise<number> {
  const electron = electronBinary();
  if ('path' in electron) {
    // ELECTRON_RUN_AS_NODE, if set in this shell, would make Electron a plain Node
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    // the app folder: package.json's "main" is dist/electron/main.js
    const code = await run(electron.path, [projectPath()], env);
    if (code !== 0) {
      console.error(
        `npm start: Electron exited with code ${code}. On Linux, a sandbox error means Electron's chrome-sandbox ` +
          'needs root ownership and mode 4755, or the kernel forbids unprivileged user namespaces; ' +
          '`node bin/muser.js serve` runs the same app in the browser.',
      );
    }
    return code;
  }
  console.error(`npm start: the desktop window cannot start here: ${electron.why}`);
  console.error('npm start: starting web mode instead (`muser serve`): the same app, in your browser.\n');
  return run(process.execPath, [projectPath('bin', 'muser.js'), 'serve']);
}

process.exitCode = await main();
