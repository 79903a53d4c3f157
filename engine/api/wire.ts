// What crosses a door (Electron IPC or HTTP): JSON-safe values only, so the two doors
// carry exactly the same messages. Bytes travel as base64 text.

export interface ApiError {
  /** 'input': the user's file or argument is wrong (show it inline); 'cancelled': a job the
   * user stopped; 'unavailable': the models cannot be loaded here; 'internal': a bug. */
  kind: 'input' | 'cancelled' | 'unavailable' | 'internal';
  message: string;
}

export type ApiReply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A file's bytes on the wire. */
export interface FileData {
  /** File name without directories, e.g. for the save dialog or a download. */
  fileName: string;
  base64: string;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}
