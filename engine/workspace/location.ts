// Where the workspace lives by default: the platform's per-user data folder
// (Electron uses its own userData folder, which resolves to the same places).

import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultWorkspaceDir(env = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'MusER Studio', 'workspace');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'MusER Studio', 'workspace');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'muser-studio', 'workspace');
}
