// Open a URL in the user's default browser, without waiting for it.

import { spawn } from 'node:child_process';

export function openBrowser(url: string, platform = process.platform): void {
  const [cmd, args] = platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  // no browser opener (a server, a container): the printed URL is enough
  child.on('error', () => {});
  child.unref();
}
