// A stand-in for the `electron` module, enough to run the compiled main process in Node:
// it records what the shell asks of Electron, serves loadURL through the registered
// app:// handler, and runs the utility process as a real Node child whose
// process.parentPort is its IPC channel.

import { fork as forkChild, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Handler = (...args: any[]) => any;

const base = mkdtempSync(join(tmpdir(), 'muser-electron-'));
const paths: Record<string, string> = { appData: join(base, 'appData'), temp: join(base, 'temp'), documents: join(base, 'documents') };

// Electron's utility process gives the child process.parentPort; a Node child gets the same over its IPC channel
const PARENT_PORT = `data:text/javascript,process.parentPort={on:(e,l)=>process.on('message',(data)=>l({data})),postMessage:(m)=>process.send(m)}`;

export const fake = {
  base,
  calls: [] as unknown[][],
  handle: new Map<string, Handler>(),
  on: new Map<string, Handler>(),
  protocols: new Map<string, Handler>(),
  windows: [] as BrowserWindow[],
  children: [] as ChildProcess[],
  menu: [] as any[],
  permissions: {} as Record<string, Handler>,
  blocked: [] as string[],
  nextSave: { canceled: true } as { canceled: boolean; filePath?: string },
  nextOpen: [] as string[],
};

const record = (...call: unknown[]) => void fake.calls.push(call);

export const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  setName: (name: string) => record('setName', name),
  setPath: (key: string, value: string) => void (paths[key] = value),
  getPath: (key: string) => paths[key],
  enableSandbox: () => record('enableSandbox'),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  isReady: () => true,
  getVersion: () => '0.0.0',
  addRecentDocument: (path: string) => record('addRecentDocument', path),
  clearRecentDocuments: () => record('clearRecentDocuments'),
  quit: () => record('quit'),
  exit: (code: number) => record('exit', code),
});

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown) => record('registerSchemesAsPrivileged', schemes),
  handle: (scheme: string, handler: Handler) => void fake.protocols.set(scheme, handler),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h: Handler) => void (fake.permissions.request = h),
    setPermissionCheckHandler: (h: Handler) => void (fake.permissions.check = h),
    setDevicePermissionHandler: (h: Handler) => void (fake.permissions.device = h),
    webRequest: { onBeforeRequest: (filter: { urls: string[] }) => void fake.blocked.push(...filter.urls) },
  },
};

export const ipcMain = {
  handle: (channel: string, h: Handler) => void fake.handle.set(channel, h),
  on: (channel: string, h: Handler) => void fake.on.set(channel, h),
};

export const Menu = { buildFromTemplate: (template: unknown[]) => template, setApplicationMenu: (menu: unknown[]) => void (fake.menu = menu) };
export const nativeImage = { createFromBuffer: (bytes: Buffer, options: unknown) => ({ bytes: bytes.length, options }) };
export const screen = { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] };
export const shell = { openExternal: async (url: string) => record('openExternal', url) };

export const dialog = {
  showOpenDialog: async (_win: unknown, options: unknown) => (record('showOpenDialog', options), { canceled: false, filePaths: fake.nextOpen }),
  showSaveDialog: async (_win: unknown, options: { defaultPath: string }) => (record('showSaveDialog', options.defaultPath), fake.nextSave),
  showMessageBox: async (...args: unknown[]) => record('showMessageBox', args.at(-1)),
  showErrorBox: (title: string, content: string) => record('showErrorBox', title, content),
};

export const utilityProcess = {
  fork(modulePath: string, args: string[], options: { serviceName: string }) {
    record('fork', modulePath, options.serviceName);
    const child = forkChild(modulePath, args, { execArgv: ['--import', PARENT_PORT], serialization: 'advanced' });
    fake.children.push(child);
    return {
      // like Electron's, a message to a process that is gone is dropped, not thrown
      postMessage: (m: unknown) => void (child.connected && child.send(m as object, () => {})),
      on: (event: string, l: Handler) => (event === 'exit' ? child.on('exit', (code, signal) => l(code ?? signal)) : child.on(event, l)),
      kill: () => child.kill(),
    };
  },
};

export class BrowserWindow extends EventEmitter {
  readonly sent: unknown[][] = [];
  readonly webContents = Object.assign(new EventEmitter(), {
    send: (...args: unknown[]) => void this.sent.push(args),
    setWindowOpenHandler: (h: Handler) => void (fake.permissions.windowOpen = h),
    startDrag: (item: unknown) => record('startDrag', item),
  });

  constructor(readonly options: Record<string, any>) {
    super();
    fake.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    const response = await fake.protocols.get('app')!({ url });
    record('loadURL', url, response.status);
    this.webContents.emit('did-start-loading');
    this.emit('ready-to-show');
    this.webContents.emit('did-finish-load');
  }

  show = () => record('show');
  maximize = () => record('maximize');
  focus = () => record('focus');
  restore = () => record('restore');
  isMinimized = () => false;
  isMaximized = () => false;
  getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
}
