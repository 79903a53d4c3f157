// MusER Studio's main process: one window showing the renderer build over app://,
// native menus and dialogs, and IPC from the window's preload to the engine, which
// runs in a utility process. No music logic lives here.

import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, protocol, screen, session, utilityProcess, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommand } from '../engine/api/bridge.js';
import { messageOf } from '../engine/errors.js';
import { appResponse } from './app-protocol.js';
import { unpackedPath } from './app-path.js';
import { CHANNELS } from './channels.js';
import { EngineClient } from './engine-client.js';
import { exportedFile, sweepDragFiles, writeDragFile } from './exported-file.js';
import { menuTemplate } from './menu.js';
import { midiPathsIn, readForImport } from './open-file.js';
import { APP_SCHEME, APP_START_URL, isAppFrame } from './origin.js';
import { readRecent, withoutRecent, withRecent, writeRecent } from './recent-files.js';
import { saveFile } from './save-file.js';
import { lockDownContents, lockDownSession } from './security.js';
import { MIN_SIZE, readWindowState, writeWindowState } from './window-state.js';

const PRODUCT_NAME = 'MusER Studio';
const here = dirname(fileURLToPath(import.meta.url));
const RENDERER_ROOT = join(here, '..', 'renderer');
const PRELOAD = join(here, 'preload.cjs');
const ENGINE_HOST = app.isPackaged ? unpackedPath(join(here, 'engine-host.js')) : join(here, 'engine-host.js');
const DRAG_ICON = join(here, '..', '..', 'assets', 'drag-icon.png');
const isDev = !app.isPackaged;
const isMac = process.platform === 'darwin';

// Before `ready`: the same settings folder whether run from the sources or installed,
// and app:// as a secure standard scheme (own origin, fetch, media streaming).
app.setName(PRODUCT_NAME);
app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } }]);
app.enableSandbox();

const userFile = (name: string) => join(app.getPath('userData'), name);
const DRAG_ROOT = join(app.getPath('temp'), 'muser-studio-drags');

let win: BrowserWindow | null = null;
let rendererLoaded = false;

const engine = new EngineClient(
  () => utilityProcess.fork(ENGINE_HOST, [], { serviceName: `${PRODUCT_NAME} engine`, stdio: 'inherit' }),
  userFile('workspace'),
  // like SSE in web mode: events reach the page that is loaded now, none are replayed
  (event) => {
    if (win && rendererLoaded) win.webContents.send(CHANNELS.event, event);
  },
);
// menu commands waiting for the renderer to load (a file opened at launch, a menu used while loading)
const waiting: [MenuCommand, unknown][] = [];
let recent = readRecent(userFile('recent-files.json'));

function deliver(command: MenuCommand, payload?: unknown): void {
  if (!win) createWindow();
  if (win && rendererLoaded) win.webContents.send(CHANNELS.menu, command, payload);
  else waiting.push([command, payload]);
}

function setRecent(list: string[]): void {
  recent = list;
  try {
    writeRecent(userFile('recent-files.json'), recent);
  } catch (err) {
    console.error(`muser: cannot save the recent files list: ${messageOf(err)}`);
  }
  buildMenu();
}

async function showOpenDialog(): Promise<void> {
  const options = { properties: ['openFile' as const, 'multiSelections' as const], filters: [{ name: 'MIDI files', extensions: ['mid', 'midi', 'kar', 'smf'] }] };
  const { canceled, filePaths } = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options));
  if (!canceled) for (const path of filePaths) openFile(path);
}

/** Reads a MIDI file the shell was asked to open and hands it to the renderer to import. */
function openFile(path: string): void {
  let payload;
  try {
    payload = readForImport(path);
  } catch (err) {
    if (!existsSync(path)) setRecent(withoutRecent(recent, path));
    void dialog.showMessageBox({ type: 'error', message: `Cannot open ${basename(path)}`, detail: messageOf(err) });
    return;
  }
  app.addRecentDocument(path);
  setRecent(withRecent(recent, path));
  deliver('import-file', payload);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: `About ${PRODUCT_NAME}`,
    message: `${PRODUCT_NAME} ${app.getVersion()}`,
    detail: [
      'Reshape the emotion of symbolic piano music with MusER (Shulei Ji and Xinyu Yang, AAAI 2024).',
      'Code: MIT licence. The model weights are trained on EMOPIA (Hung et al., ISMIR 2021) and carry its licence, CC BY-NC-SA 4.0: non-commercial use, with attribution.',
      `Electron ${process.versions.electron}, Chromium ${process.versions.chrome}, Node.js ${process.versions.node}`,
    ].join('\n\n'),
  };
  void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

function buildMenu(): void {
  const template = menuTemplate(
    { appName: PRODUCT_NAME, isMac, isDev, recent },
    {
      send: (command) => deliver(command),
      open: () => void showOpenDialog(),
      openRecent: openFile,
      clearRecent: () => {
        app.clearRecentDocuments();
        setRecent([]);
      },
      about: showAbout,
    },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  const stateFile = userFile('window-state.json');
  const { maximized, ...bounds } = readWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const w = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: PRODUCT_NAME,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: isDev,
    },
  });
  win = w;
  rendererLoaded = false;
  if (maximized) w.maximize();
  w.once('ready-to-show', () => w.show());
  w.webContents.on('did-start-loading', () => (rendererLoaded = false));
  w.webContents.on('did-finish-load', () => {
    rendererLoaded = true;
    for (const [command, payload] of waiting.splice(0)) w.webContents.send(CHANNELS.menu, command, payload);
  });
  w.on('close', () => {
    try {
      writeWindowState(stateFile, w.getNormalBounds(), w.isMaximized());
    } catch (err) {
      console.error(`muser: cannot save the window size: ${messageOf(err)}`);
    }
  });
  w.on('closed', () => {
    if (win === w) win = null;
  });
  void w.loadURL(APP_START_URL);
}

/** IPC is answered only for our window's top frame while it shows an app:// page. */
function fromApp(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  return win !== null && event.sender === win.webContents && isAppFrame(event.senderFrame);
}

function handleIpc(): void {
  ipcMain.handle(CHANNELS.api, (event, op: unknown, args: unknown) => {
    if (!fromApp(event)) throw new Error('refused: not the MusER Studio window');
    if (typeof op !== 'string') return { ok: false, error: { kind: 'input', message: 'the operation name must be a string' } };
    return engine.call(op, args);
  });
  ipcMain.handle(CHANNELS.saveFile, (event, fileName: unknown, base64: unknown) => {
    if (!fromApp(event) || !win) throw new Error('refused: not the MusER Studio window');
    return saveFile(win, fileName, base64, recent);
  });
  ipcMain.on(CHANNELS.startDrag, (event, fileName: unknown, base64: unknown) => {
    if (!fromApp(event)) return;
    try {
      const file = writeDragFile(DRAG_ROOT, exportedFile(fileName, base64));
      // a 64 px picture shown at 32 px, sharp on high-density screens
      event.sender.startDrag({ file, icon: nativeImage.createFromBuffer(readFileSync(DRAG_ICON), { scaleFactor: 2 }) });
    } catch (err) {
      console.error(`muser: drag not started: ${messageOf(err)}`);
    }
  });
}

function startApp(): void {
  // macOS hands files over by event, possibly before `ready` (then after the setup below)
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void app.whenReady().then(() => openFile(path));
  });
  app.on('second-instance', (_event, argv, workingDirectory) => {
    void app.whenReady().then(() => {
      if (!win) createWindow();
      else if (win.isMinimized()) win.restore();
      win?.focus();
      for (const path of midiPathsIn(argv.slice(1), workingDirectory)) openFile(path);
    });
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('activate', () => {
    if (!win && app.isReady()) createWindow();
  });
  app.on('will-quit', () => engine.stop());

  void app.whenReady().then(() => {
    lockDownSession(session.defaultSession);
    protocol.handle(APP_SCHEME, (request) => appResponse(RENDERER_ROOT, request.url));
    if (!existsSync(join(RENDERER_ROOT, 'index.html'))) {
      dialog.showErrorBox(`${PRODUCT_NAME} is not built`, `${RENDERER_ROOT} has no index.html. Run \`npm run build\`, then start again.`);
      // at once: files handed over at launch must not open a window on the way out
      app.exit(1);
      return;
    }
    try {
      sweepDragFiles(DRAG_ROOT, 7 * 24 * 3600 * 1000);
    } catch (err) {
      console.error(`muser: cannot clean old dragged files: ${messageOf(err)}`);
    }
    handleIpc();
    engine.start();
    buildMenu();
    createWindow();
    for (const path of midiPathsIn(process.argv.slice(1), process.cwd())) openFile(path);
  });
}

// a second launch hands its files to the running app (second-instance) and exits
if (app.requestSingleInstanceLock()) startApp();
else app.quit();
