// The compiled main process (dist/electron/main.js) against a fake `electron`: startup,
// the app:// scheme, IPC from the window only, the engine in a child process (calls,
// job events, restart after a crash), menus, saving, dragging and opening files.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/channels.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/app-protocol.js';
import { projectPath } from '../../engine/paths.js';
import { simpleSmf } from '../fixtures/make-midi.js';
import { app, fake } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

const MAIN = projectPath('dist', 'electron', 'main.js');
const built = existsSync(MAIN) && existsSync(projectPath('dist', 'renderer', 'index.html'));
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
// polls up to 60 s: the engine process loads the models on a busy 2-core CI machine
const until = async (check: () => boolean) => {
  for (let i = 0; i < 2400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
};

describe.skipIf(!built)('main process (built app, fake Electron)', () => {
  const window = () => fake.windows[0];
  const fromApp = () => ({ sender: window().webContents, senderFrame: { url: 'app://muser/index.html', parent: null } });
  const call = (op: unknown, args: unknown = {}) => fake.handle.get(CHANNELS.api)!(fromApp(), op, args);
  const menuItem = (menu: string, label: string) => fake.menu.find((m) => m.label === menu).submenu.find((i: { label?: string }) => i.label === label);

  beforeAll(async () => {
    await import(MAIN);
    await until(() => fake.windows.length > 0 && fake.calls.some((c) => c[0] === 'loadURL'));
  });

  afterAll(() => {
    app.emit('will-quit');
    for (const child of fake.children) child.kill();
  });

  it('starts one sandboxed window on app:// with the engine in its own process', () => {
    expect(fake.calls).toContainEqual(['registerSchemesAsPrivileged', [expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]]);
    expect(fake.calls).toContainEqual(['enableSandbox']);
    expect(fake.calls).toContainEqual(['fork', projectPath('dist', 'electron', 'engine-host.js'), 'MusER Studio engine']);
    expect(fake.calls).toContainEqual(['loadURL', 'app://muser/index.html', 200]);
    expect(window().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: projectPath('dist', 'electron', 'preload.cjs'),
    });
  });

  it('serves the renderer build with the CSP and nothing outside it', async () => {
    const serve = fake.protocols.get('app')!;
    const ok = await serve({ url: 'app://muser/index.html' });
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await serve({ url: 'app://muser/%2e%2e/%2e%2e/package.json' })).status).toBe(404);
  });

  it('answers API calls from the window through the engine process, and refuses anyone else', async () => {
    expect(await call('library.list')).toMatchObject({ ok: true, value: { items: expect.any(Array) } });
    expect(await call(42)).toMatchObject({ ok: false, error: { kind: 'input' } });
    const stranger = { sender: window().webContents, senderFrame: { url: 'https://example.com/', parent: null } };
    await expect(async () => fake.handle.get(CHANNELS.api)!(stranger, 'library.list', {})).rejects.toThrow(/refused/);
    const subframe = { sender: window().webContents, senderFrame: { url: 'app://muser/index.html', parent: {} } };
    await expect(async () => fake.handle.get(CHANNELS.saveFile)!(subframe, 'a.mid', b64('x'))).rejects.toThrow(/refused/);
  });

  it('forwards job events to the window, and restarts a crashed engine', async () => {
    const started = await call('generate.start', { quadrant: 'Q4', count: 1, bars: 1, seed: 3 });
    expect(started).toMatchObject({ ok: true, value: { job: expect.any(String) } });
    const events = () => window().sent.filter((s) => s[0] === CHANNELS.event).map((s) => s[1] as { kind: string; job: string });
    await until(() => events().some((e) => e.kind !== 'job.progress'));
    expect(events().at(-1)).toMatchObject({ job: (started as { value: { job: string } }).value.job, kind: expect.stringMatching(/^job\.(done|failed)$/) });

    // a call sent as the engine dies, before its exit is noticed
    fake.children[0].kill('SIGKILL');
    const pending = call('library.list');
    expect(await pending).toMatchObject({ ok: false, error: { kind: 'internal', message: /engine stopped/ } });
    expect(await call('library.list')).toMatchObject({ ok: true });
    expect(fake.calls.filter((c) => c[0] === 'fork')).toHaveLength(2);
  });

  it('sends menu commands to the renderer', () => {
    menuItem('&Edit', 'Redo').click();
    menuItem('&View', 'Zoom In').click();
    expect(window().sent.filter((s) => s[0] === CHANNELS.menu).map((s) => s[1])).toEqual(['redo', 'zoom-in']);
  });

  it('opens files chosen in the native dialog and lists them as recent', async () => {
    const chosen = join(fake.base, 'chosen.mid');
    writeFileSync(chosen, simpleSmf([{ pitch: 64, start: 0, duration: 480 }]));
    fake.nextOpen = [chosen];
    menuItem('&File', 'Open…').click();
    await until(() => window().sent.some((s) => s[1] === 'import-file' && (s[2] as { fileName: string }).fileName === 'chosen.mid'));
    expect(fake.calls).toContainEqual(['addRecentDocument', chosen]);
  });

  it('opens a file handed over by the OS, lists it as recent, and never saves over it', async () => {
    const original = join(fake.base, 'from the OS.mid');
    writeFileSync(original, simpleSmf([{ pitch: 60, start: 0, duration: 480 }]));
    app.emit('second-instance', {}, ['/opt/muser-studio', '--flag', 'from the OS.mid'], fake.base);
    const fromOs = () => window().sent.find((s) => s[1] === 'import-file' && (s[2] as { fileName: string }).fileName === 'from the OS.mid');
    await until(() => fromOs() !== undefined);
    expect(fromOs()?.[2]).toEqual({ fileName: 'from the OS.mid', base64: b64(readFileSync(original)) });
    expect(fake.calls).toContainEqual(['addRecentDocument', original]);
    expect(menuItem('&File', 'Open Recent').submenu[0].label).toBe('from the OS.mid');

    const save = fake.handle.get(CHANNELS.saveFile)!;
    fake.nextSave = { canceled: false, filePath: original };
    expect(await save(fromApp(), 'x.mid', b64('new'))).toMatchObject({ saved: false, error: /does not overwrite originals/ });
    const target = join(fake.base, 'export.mid');
    fake.nextSave = { canceled: false, filePath: target };
    expect(await save(fromApp(), 'My piece.mid', b64('MThd'))).toEqual({ saved: true, path: target });
    expect(readFileSync(target, 'utf8')).toBe('MThd');
    fake.nextSave = { canceled: true };
    expect(await save(fromApp(), 'x.mid', b64('new'))).toEqual({ saved: false });
  });

  it('starts a native drag of a temporary file with the name given', () => {
    fake.on.get(CHANNELS.startDrag)!(fromApp(), 'Q1 happy.wav', b64('RIFF'));
    const [, item] = fake.calls.find((c) => c[0] === 'startDrag') as [string, { file: string; icon: { bytes: number } }];
    expect(item.file.endsWith('Q1 happy.wav')).toBe(true);
    expect(readFileSync(item.file, 'utf8')).toBe('RIFF');
    expect(item.icon.bytes).toBeGreaterThan(0);
  });

  it('keeps the window in the app and denies every permission', () => {
    let prevented = false;
    window().webContents.emit('will-navigate', { url: 'https://example.com/', preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    expect(fake.calls).toContainEqual(['openExternal', 'https://example.com/']);
    expect(fake.permissions.windowOpen({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    let granted: boolean | undefined;
    fake.permissions.request(window().webContents, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    expect(fake.permissions.check()).toBe(false);
    expect(fake.blocked).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
  });

  it('remembers the window size when it closes', () => {
    window().emit('close');
    expect(JSON.parse(readFileSync(join(fake.base, 'appData', 'MusER Studio', 'window-state.json'), 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
  });
});
