import { describe, expect, it } from 'vitest';
import { ApiCallError, accessToken, createClient, httpTransport } from '../../renderer/src/api/client.js';
import { fileNameFor, formatClock, formatDuration, problemText } from '../../renderer/src/ui/format.js';
import { isTextEntry, keyCommand } from '../../renderer/src/ui/keys.js';
import { judgeAccuracy, type Manifest } from '../../engine/onnx/manifest.js';
import { pitchName } from '../../engine/piece/piece.js';
import { judgeTrust } from '../../renderer/src/music/judge-trust.js';
import { dueUntil, firstNoteFrom, isBlackKey, notesEnd } from '../../renderer/src/music/notes.js';
import type { Note } from '../../engine/piece/piece.js';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps undo, redo, play and zoom keys', () => {
    expect(keyCommand(key('z', { ctrlKey: true }))).toBe('undo');
    expect(keyCommand(key('z', { metaKey: true }))).toBe('undo');
    expect(keyCommand(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(keyCommand(key('y', { ctrlKey: true }))).toBe('redo');
    expect(keyCommand(key('y', { metaKey: true }))).toBeNull();
    expect(keyCommand(key('o', { ctrlKey: true }))).toBe('open');
    expect(keyCommand(key('o', { metaKey: true }))).toBe('open');
    expect(keyCommand(key(' '))).toBe('toggle-play');
    expect(keyCommand(key('+', { shiftKey: true }))).toBe('zoom-in');
    expect(keyCommand(key('-'))).toBe('zoom-out');
    expect(keyCommand(key('0'))).toBe('zoom-reset');
    expect(keyCommand(key('=', { ctrlKey: true }))).toBeNull(); // the browser's page zoom
    expect(keyCommand(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('leaves keys alone in text fields', () => {
    expect(isTextEntry({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTextEntry({ tagName: 'INPUT', type: 'file' })).toBe(false);
    expect(isTextEntry({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTextEntry({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTextEntry({ tagName: 'BUTTON' })).toBe(false);
    expect(isTextEntry(null)).toBe(false);
  });
});

describe('formatting', () => {
  it('formats times', () => {
    expect(formatDuration(75.4)).toBe('1:15');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatClock(75.46)).toBe('1:15.4');
    expect(formatClock(0)).toBe('0:00.0');
  });

  it('names the file once in problems', () => {
    expect(problemText('a.mid', 'a.mid: not a MIDI file')).toBe('a.mid: not a MIDI file');
    expect(problemText('Undo', 'nothing to undo')).toBe('Undo: nothing to undo');
  });

  it('makes file names from piece names', () => {
    expect(fileNameFor('Q1: happy/sad?', '.wav')).toBe('Q1_ happy_sad_.wav');
    expect(fileNameFor('  ', '.wav')).toBe('piece.wav');
  });
});

describe('notes', () => {
  const n = (onset: number, offset: number, pitch = 60): Note => ({ pitch, velocity: 64, onset, offset, onsetBeat: 0, offsetBeat: 0 });
  const notes = [n(0, 1), n(0.5, 3), n(0.5, 0.6), n(2, 2.5)];

  it('finds the playback cursor and the notes due', () => {
    expect(notesEnd(notes)).toBe(3);
    expect(notesEnd([])).toBe(0);
    expect(firstNoteFrom(notes, 0)).toBe(0);
    expect(firstNoteFrom(notes, 0.1)).toBe(1);
    expect(firstNoteFrom(notes, 0.5)).toBe(1);
    expect(firstNoteFrom(notes, 9)).toBe(4);
    expect(dueUntil(notes, 1, 0.6)).toBe(3);
    expect(dueUntil(notes, 3, 10)).toBe(4);
  });

  it('names pitches as Tone reads them', () => {
    expect(pitchName(60)).toBe('C4');
    expect(pitchName(61)).toBe('C#4');
    expect(pitchName(21)).toBe('A0');
    expect(pitchName(108)).toBe('C8');
    expect([60, 61, 62, 63, 64, 65, 66].map(isBlackKey)).toEqual([false, true, false, true, false, false, true]);
  });
});

describe('API client', () => {
  it('returns values and throws failures with their kind', async () => {
    const client = createClient(async (op) =>
      op === 'library.list'
        ? { ok: true, value: { items: [], undo: null, redo: null, notice: null } }
        : { ok: false, error: { kind: 'input', message: 'x.mid: not a MIDI file' } },
    );
    expect((await client.call('library.list', {})).items).toEqual([]);
    const err = await client.call('library.import', { fileName: 'x.mid', base64: '' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({ kind: 'input', message: 'x.mid: not a MIDI file' });
  });

  it('posts JSON with the token and reports HTTP refusals', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    const fake = (status: number, body: string) =>
      (async (url: string, init: RequestInit) => {
        calls.push({ url, init });
        return new Response(body, { status });
      }) as unknown as typeof fetch;
    const ok = await httpTransport('t0k', fake(200, '{"ok":true,"value":3}'))('library.list', {});
    expect(ok).toEqual({ ok: true, value: 3 });
    expect(calls[0].url).toBe('/api/library.list');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>)['x-muser-token']).toBe('t0k');
    expect(calls[0].init.body).toBe('{}');
    const refused = await httpTransport(null, fake(403, 'missing or wrong access token'))('library.list', {});
    expect(refused).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(!refused.ok && refused.error.message).toMatch(/403 missing or wrong access token/);
  });

  it('keeps the access token for reloads without the query', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(accessToken('', storage)).toBeNull();
    expect(accessToken('?token=abc', storage)).toBe('abc');
    expect(accessToken('', storage)).toBe('abc');
  });
});

describe('judge trust', () => {
  it('says how often the judge was right on held-out clips, from the manifest', () => {
    const manifest = { metrics: { judge: { test: { accuracy: { quadrant: 0.466, valence: 0.557, arousal: 0.875 } } } } } as unknown as Manifest;
    const acc = judgeAccuracy(manifest);
    expect(acc).toEqual({ quadrant: 0.466, valence: 0.557, arousal: 0.875 });
    expect(judgeTrust(acc)?.replaceAll('\u00a0', ' ')).toBe(
      "Estimates come from a judge of the music's mode, harmony, speed and loudness that puts 47 % of held-out EMOPIA clips in their quadrant (valence 56 %, arousal 88 % right): a hint, not a verdict.",
    );
  });

  it('says nothing where the manifest has no usable figures', () => {
    expect(judgeAccuracy({} as Manifest)).toBeNull();
    expect(judgeAccuracy({ metrics: { judge: { test: { accuracy: { quadrant: 'high', valence: 0.5, arousal: 0.5 } } } } } as unknown as Manifest)).toBeNull();
    expect(judgeTrust(null)).toBeNull();
  });
});
