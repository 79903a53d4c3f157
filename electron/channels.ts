// IPC channel names between the preload and the main process. The sandboxed preload
// cannot import this module (it may only require 'electron'), so it spells the same
// strings; test/electron checks that they agree.

export const CHANNELS = {
  api: 'muser:api',
  saveFile: 'muser:save-file',
  startDrag: 'muser:start-drag',
  menu: 'muser:menu',
  event: 'muser:event',
} as const;
