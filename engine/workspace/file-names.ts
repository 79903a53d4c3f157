// Names users see and files they save: a library name from a file name, a unique
// name in the library, and a file name any file system accepts.

const MIDI_EXT = /\.(mid|midi|kar|smf)$/i;

export function nameFromFile(fileName: string): string {
  return fileName.replace(MIDI_EXT, '') || fileName;
}

/** `name`, or `name (2)`, `name (3)`… when the library already has it. */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let i = 2; ; i++) if (!used.has(`${name} (${i})`)) return `${name} (${i})`;
}

/** A file name safe on Windows, macOS and Linux: no separators, reserved or control characters. */
export function safeFileName(name: string, ext: string): string {
  const base = name
    .replace(/[\\/:*?"<>|\x00-\x1f]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120);
  return `${base || 'piece'}${ext}`;
}
