// Keyboard shortcuts of the main window, decided from the key alone so they can be tested.

export type KeyCommand = 'open' | 'undo' | 'redo' | 'toggle-play' | 'zoom-in' | 'zoom-out' | 'zoom-reset';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function keyCommand(e: KeyLike): KeyCommand | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (e.altKey) return null;
  if (mod) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && e.ctrlKey && !e.metaKey) return 'redo';
    // in web mode (Electron's menu takes Ctrl/Cmd+O first): our Open, not the browser's
    if (key === 'o' && !e.shiftKey) return 'open';
    // Ctrl/Cmd with + - 0 stays the browser's page zoom
    return null;
  }
  if (key === ' ') return 'toggle-play';
  if (key === '+' || key === '=') return 'zoom-in';
  if (key === '-' || key === '_') return 'zoom-out';
  if (key === '0') return 'zoom-reset';
  return null;
}

/** Elements where keys are text (typing a name must not start playback or undo the library). */
export function isTextEntry(el: { tagName?: string; isContentEditable?: boolean; type?: string } | null): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['button', 'checkbox', 'radio', 'range', 'file', 'submit', 'reset'].includes(el.type ?? 'text');
}
