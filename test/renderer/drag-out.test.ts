import { afterEach, describe, expect, it } from 'vitest';
import { canDragOut, dragOut, isOwnDrop } from '../../renderer/src/files/platform.js';

const g = globalThis as { window?: unknown };

describe('dragging a piece out of the window', () => {
  afterEach(() => delete g.window);

  it('is an Electron feature: a browser tab has no bridge to start an OS drag', () => {
    expect(canDragOut()).toBe(false);
    dragOut('song.mid', 'AAAA');
    expect(isOwnDrop({ name: 'song.mid' })).toBe(false);
  });

  it('starts the drag through the bridge and ignores the file dropped back on the window for a minute', () => {
    const drags: [string, string][] = [];
    g.window = { muser: { startDrag: (f: string, b: string) => void drags.push([f, b]) } };
    expect(canDragOut()).toBe(true);
    dragOut('song.mid', 'TVRoZA==');
    expect(drags).toEqual([['song.mid', 'TVRoZA==']]);
    expect(isOwnDrop({ name: 'song.mid' })).toBe(true);
    expect(isOwnDrop({ name: 'other.mid' })).toBe(false);
    expect(isOwnDrop({ name: 'song.mid' }, Date.now() + 61_000)).toBe(false);
  });
});
