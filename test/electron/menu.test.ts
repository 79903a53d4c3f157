// The native menus' template: what each item sends to the renderer, the shortcuts,
// macOS conventions, developer items only from the sources, and Open Recent.

import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuOptions } from '../../electron/menu.js';
import type { MenuCommand } from '../../engine/api/bridge.js';

function build(o: Partial<MenuOptions> = {}) {
  const log: string[] = [];
  const template = menuTemplate(
    { appName: 'MusER Studio', isMac: false, isDev: false, recent: [], ...o },
    {
      send: (c: MenuCommand) => void log.push(`send ${c}`),
      open: () => void log.push('open dialog'),
      openRecent: (p) => void log.push(`open ${p}`),
      clearRecent: () => void log.push('clear'),
      about: () => void log.push('about'),
    },
  );
  const items = (menu: MenuItemConstructorOptions) => menu.submenu as MenuItemConstructorOptions[];
  const find = (label: string): MenuItemConstructorOptions => {
    const walk = (list: MenuItemConstructorOptions[]): MenuItemConstructorOptions | undefined =>
      list.map((i) => (i.label === label ? i : Array.isArray(i.submenu) ? walk(i.submenu) : undefined)).find(Boolean);
    const hit = walk(template);
    if (!hit) throw new Error(`no menu item ${label}`);
    return hit;
  };
  const click = (label: string) => (find(label).click as () => void)();
  const roles = template.flatMap((m) => (Array.isArray(m.submenu) ? m.submenu.map((i) => i.role).filter(Boolean) : [m.role]));
  return { template, items, find, click, log, roles };
}

describe('menu template', () => {
  it('sends the music commands to the renderer, with their shortcuts', () => {
    const m = build();
    expect(m.find('Open…').accelerator).toBe('CmdOrCtrl+O');
    m.click('Open…');
    const expected: [string, string, MenuCommand][] = [
      ['Export MIDI…', 'CmdOrCtrl+E', 'export-midi'],
      ['Export WAV…', 'CmdOrCtrl+Shift+E', 'export-wav'],
      ['Undo', 'CmdOrCtrl+Z', 'undo'],
      ['Redo', 'CmdOrCtrl+Y', 'redo'],
      ['Zoom In', 'CmdOrCtrl+=', 'zoom-in'],
      ['Zoom Out', 'CmdOrCtrl+-', 'zoom-out'],
      ['Actual Size', 'CmdOrCtrl+0', 'zoom-reset'],
    ];
    for (const [label, accelerator] of expected) {
      expect(m.find(label).accelerator, label).toBe(accelerator);
      m.click(label);
    }
    expect(m.log).toEqual(['open dialog', ...expected.map(([, , c]) => `send ${c}`)]);
    expect(m.roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'quit']));
  });

  it('follows macOS conventions there', () => {
    const mac = build({ isMac: true });
    expect(mac.template.map((t) => t.label ?? t.role)).toEqual(['MusER Studio', 'File', 'Edit', 'View', 'windowMenu']);
    expect(mac.find('Redo').accelerator).toBe('Shift+CmdOrCtrl+Z');
    const appItems = mac.items(mac.template[0]);
    expect(appItems[0].label).toBe('About MusER Studio');
    expect(appItems.at(-1)?.role).toBe('quit');
    expect(mac.items(mac.template[1]).some((i) => i.role === 'quit')).toBe(false);

    const other = build();
    expect(other.template.map((t) => t.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    other.click('About MusER Studio');
    expect(other.log).toEqual(['about']);
  });

  it('has reload and developer tools only when run from the sources', () => {
    expect(build().roles).not.toEqual(expect.arrayContaining(['toggleDevTools']));
    expect(build({ isDev: true }).roles).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
  });

  it('lists recent files, opens and clears them', () => {
    const m = build({ recent: ['/music/a.mid', '/music/R&B.mid', '/other/a.mid'] });
    const recent = m.items(m.find('Open Recent'));
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['/music/a.mid', 'R&&B.mid', '/other/a.mid', 'separator', 'Clear Menu']);
    (recent[1].click as () => void)();
    m.click('Clear Menu');
    expect(m.log).toEqual(['open /music/R&B.mid', 'clear']);
    const mac = build({ isMac: true, recent: ['/music/R&B.mid'] });
    expect(mac.items(mac.find('Open Recent'))[0].label).toBe('R&B.mid');
    const none = build();
    expect(none.items(none.find('Open Recent'))).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });
});
