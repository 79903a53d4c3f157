// The compiled preload (dist/electron/preload.cjs), run the way Electron runs a sandboxed
// preload, against a fake `electron`: it must expose exactly the bridge, on the channels
// the main process listens to, and require nothing but 'electron'.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/channels.js';
import { BRIDGE_METHODS, type MuserBridge } from '../../engine/api/bridge.js';
import { projectPath } from '../../engine/paths.js';

const COMPILED = projectPath('dist', 'electron', 'preload.cjs');
const SOURCE = projectPath('electron', 'preload.cts');
const BRIDGE_TYPE = projectPath('engine', 'api', 'bridge.ts');

type Listener = (...args: unknown[]) => void;

function loadPreload() {
  const exposed = new Map<string, unknown>();
  const required: string[] = [];
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: args[0] }),
      send: (...args: unknown[]) => void sent.push(args),
      on: (channel: string, l: Listener) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(l),
      removeListener: (channel: string, l: Listener) => void listeners.get(channel)?.delete(l),
    },
  };
  const require = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  // Electron's sandboxed preload wrapper passes these arguments (lib/sandboxed_renderer)
  const wrapper = `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {\n${readFileSync(COMPILED, 'utf8')}\n})`;
  const run = runInNewContext(wrapper, {}) as (...args: unknown[]) => void;
  const module = { exports: {} };
  run(require, {}, undefined, {}, undefined, undefined, module.exports, module);
  const deliver = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({ sender: 'ipc event' }, ...args));
  return { exposed, required, invoked, sent, listeners, deliver };
}

describe('compiled preload', () => {
  beforeAll(() => {
    if (!existsSync(COMPILED)) throw new Error(`${COMPILED} is missing: run \`npm run build\``);
    if (statSync(COMPILED).mtimeMs < statSync(SOURCE).mtimeMs) throw new Error(`${COMPILED} is older than ${SOURCE}: run \`npm run build\``);
  });

  it('exposes exactly the bridge as window.muser and requires only electron', () => {
    const p = loadPreload();
    expect([...p.exposed.keys()]).toEqual(['muser']);
    expect(Object.keys(p.exposed.get('muser') as object).sort()).toEqual([...BRIDGE_METHODS].sort());
    expect(new Set(p.required)).toEqual(new Set(['electron']));
  });

  it('sends each method on the channel the main process handles', async () => {
    const p = loadPreload();
    const bridge = p.exposed.get('muser') as MuserBridge;
    await bridge.call('library.list', {});
    await bridge.saveFile('a.mid', 'AAAA');
    bridge.startDrag('a.wav', 'BBBB');
    expect(p.invoked).toEqual([
      [CHANNELS.api, 'library.list', {}],
      [CHANNELS.saveFile, 'a.mid', 'AAAA'],
    ]);
    expect(p.sent).toEqual([[CHANNELS.startDrag, 'a.wav', 'BBBB']]);
  });

  it('relays menu commands and events without the IPC event, and unsubscribes', () => {
    const p = loadPreload();
    const bridge = p.exposed.get('muser') as MuserBridge;
    const menu: unknown[][] = [];
    const events: unknown[][] = [];
    const offMenu = bridge.onMenu((...args) => void menu.push(args));
    const offEvent = bridge.onEvent((...args) => void events.push(args));
    p.deliver(CHANNELS.menu, 'import-file', { fileName: 'a.mid', base64: 'AAAA' });
    p.deliver(CHANNELS.event, { kind: 'job.done', job: 'j1', result: null });
    expect(menu).toEqual([['import-file', { fileName: 'a.mid', base64: 'AAAA' }]]);
    expect(events).toEqual([[{ kind: 'job.done', job: 'j1', result: null }]]);
    offMenu();
    offEvent();
    p.deliver(CHANNELS.menu, 'undo');
    p.deliver(CHANNELS.event, { kind: 'job.done', job: 'j2', result: null });
    expect(menu).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect([...p.listeners.values()].every((s) => s.size === 0)).toBe(true);
  });

  it.skipIf(!existsSync(BRIDGE_TYPE))("exposes every method the renderer's bridge type declares", () => {
    const text = readFileSync(BRIDGE_TYPE, 'utf8');
    const body = /interface MuserBridge\s*{([\s\S]*?)\n}/.exec(text)?.[1] ?? '';
    const declared = [...body.matchAll(/^\s*(\w+)\s*\(/gm)].map((m) => m[1]);
    expect(declared.length).toBeGreaterThan(0);
    expect(BRIDGE_METHODS).toEqual(expect.arrayContaining(declared));
  });
});
