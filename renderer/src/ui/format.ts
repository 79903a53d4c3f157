// How times and counts read in the UI.

/** 75.4 -> "1:15" (durations in lists). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** 75.46 -> "1:15.4" (the playhead). */
export function formatClock(seconds: number): string {
  const tenths = Math.max(0, Math.floor(seconds * 10 + 1e-6));
  const s = Math.floor(tenths / 10);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}.${tenths % 10}`;
}

/** The server's message already starts with the file name for bad files; say it once. */
export function problemText(title: string, message: string): string {
  return title === '' || message.startsWith(`${title}:`) ? message : `${title}: ${message}`;
}

/** A piece name as a file name: characters no file system accepts become "_". */
export function fileNameFor(name: string, extension: string): string {
  const base = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'piece';
  return `${base}${extension}`;
}
