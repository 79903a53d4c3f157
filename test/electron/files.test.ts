// The shell's file handling: what the renderer may hand over to save or drag, never
// overwriting an imported original, the recent files list, files opened by the OS,
// and the remembered window place.

import { linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../../engine/api/wire.js';
import { MAX_EXPORT_BYTES, exportedFile, saveFilters, sweepDragFiles, writeDragFile } from '../../electron/exported-file.js';
import { midiPathsIn, readForImport } from '../../electron/open-file.js';
import { MAX_RECENT, readRecent, recentLabels, withRecent, withoutRecent, writeRecent } from '../../electron/recent-files.js';
import { isSameFile } from '../../electron/same-file.js';
import { DEFAULT_STATE, MIN_SIZE, readWindowState, restoreWindowState, writeWindowState } from '../../electron/window-state.js';
import { simpleSmf } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('exportedFile', () => {
  it('keeps only a clean last name and the bytes', () => {
    expect(exportedFile('Calm piece.mid', b64('MThd'))).toEqual({ fileName: 'Calm piece.mid', bytes: Buffer.from('MThd') });
    expect(exportedFile('../../etc/passwd', b64('x')).fileName).toBe('passwd');
    expect(exportedFile('C:\\Users\\me\\song.WAV', b64('x')).fileName).toBe('song.wav');
    expect(exportedFile('a:b*c?.mid', b64('x')).fileName).toBe('a_b_c_.mid');
    expect(exportedFile('..', b64('x')).fileName).toBe('piece');
    expect(exportedFile('weird.ext with space', b64('x')).fileName).toBe('weird.ext with space');
  });

  it('refuses what is not a file', () => {
    expect(() => exportedFile(3, b64('x'))).toThrow(/strings/);
    expect(() => exportedFile('a.mid', '')).toThrow(/a\.mid is empty/);
    expect(() => exportedFile('big.wav', 'A'.repeat(4 * 1024 * 1024 + 4), 3 * 1024 * 1024)).toThrow(/big\.wav is over 3 MB/);
    expect(exportedFile('fits.wav', 'A'.repeat(4 * 1024 * 1024), 3 * 1024 * 1024).bytes.length).toBe(3 * 1024 * 1024);
    // the real limit's base64 must be a string V8 can hold, or IPC could never carry it
    expect(Math.ceil(MAX_EXPORT_BYTES / 3) * 4).toBeLessThan(2 ** 29 - 24);
  });

  it('offers filters for the file type', () => {
    expect(saveFilters('a.mid')[0].extensions).toContain('mid');
    expect(saveFilters('a.wav')).toEqual([{ name: 'WAV audio', extensions: ['wav'] }]);
    expect(saveFilters('a.csv')[0].extensions).toEqual(['*']);
  });
});

describe('drag files', () => {
  it('writes each drag under its own folder with the name the user sees, and sweeps old ones', () => {
    const root = join(tempDir(), 'drags');
    const a = writeDragFile(root, { fileName: 'Q1 happy.mid', bytes: Buffer.from('one') });
    const b = writeDragFile(root, { fileName: 'Q1 happy.mid', bytes: Buffer.from('two') });
    expect(basename(a)).toBe('Q1 happy.mid');
    expect(a).not.toBe(b);
    expect(readFileSync(b, 'utf8')).toBe('two');
    const old = (Date.now() - 10 * 24 * 3600 * 1000) / 1000;
    utimesSync(dirname(a), old, old);
    writeFileSync(join(root, 'unrelated.txt'), 'kept');
    sweepDragFiles(root, 7 * 24 * 3600 * 1000);
    expect(readdirSync(root).sort()).toEqual([basename(dirname(b)), 'unrelated.txt'].sort());
    sweepDragFiles(join(root, 'missing'), 0);
  });
});

describe('isSameFile', () => {
  it('sees the same file through another spelling, a hard link or a symlink', () => {
    const dir = tempDir();
    const original = join(dir, 'song.mid');
    writeFileSync(original, 'x');
    linkSync(original, join(dir, 'hard.mid'));
    symlinkSync(original, join(dir, 'soft.mid'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'other.mid'), 'x');
    expect(isSameFile(original, join(dir, 'sub', '..', 'song.mid'))).toBe(true);
    expect(isSameFile(original, join(dir, 'hard.mid'))).toBe(true);
    expect(isSameFile(original, join(dir, 'soft.mid'))).toBe(true);
    expect(isSameFile(original, join(dir, 'other.mid'))).toBe(false);
    expect(isSameFile(original, join(dir, 'new.mid'))).toBe(false);
    expect(isSameFile(join(dir, 'gone.mid'), join(dir, 'other.mid'))).toBe(false);
  });
});

describe('recent files', () => {
  it('keeps the newest first, without repeats, up to the limit, and survives a bad file', () => {
    const file = join(tempDir(), 'first run', 'recent-files.json');
    expect(readRecent(file)).toEqual([]);
    let list: string[] = [];
    for (let i = 0; i < MAX_RECENT + 3; i++) list = withRecent(list, `/m/${i}.mid`);
    list = withRecent(list, '/m/5.mid');
    expect(list[0]).toBe('/m/5.mid');
    expect(list).toHaveLength(MAX_RECENT);
    expect(new Set(list).size).toBe(MAX_RECENT);
    writeRecent(file, withoutRecent(list, '/m/5.mid'));
    expect(readRecent(file)).toEqual(list.slice(1));
    writeFileSync(file, '{"not": "a list"}');
    expect(readRecent(file)).toEqual([]);
    writeFileSync(file, '[1, "", "/ok.mid"');
    expect(readRecent(file)).toEqual([]);
    writeFileSync(file, '[1, "", "/ok.mid"]');
    expect(readRecent(file)).toEqual(['/ok.mid']);
  });

  it('labels entries by name, by path where names collide', () => {
    expect(recentLabels(['/a/x.mid', '/b/y.mid', '/c/x.mid'])).toEqual(['/a/x.mid', 'y.mid', '/c/x.mid']);
  });
});

describe('files opened by the OS', () => {
  it('reads a MIDI file into the same shape an upload has', () => {
    const path = join(tempDir(), 'two notes.mid');
    const bytes = simpleSmf([{ pitch: 60, start: 0, duration: 480 }]);
    writeFileSync(path, bytes);
    const f = readForImport(path);
    expect(f.fileName).toBe('two notes.mid');
    expect(fromBase64(f.base64)).toEqual(new Uint8Array(bytes));
  });

  it('names the file when it cannot be read or is too big', () => {
    const dir = tempDir();
    expect(() => readForImport(join(dir, 'gone.mid'))).toThrow(/gone\.mid: no such file/);
    expect(() => readForImport(dir)).toThrow(/is a directory/);
    const big = join(dir, 'big.mid');
    writeFileSync(big, Buffer.alloc(4 * 1024 * 1024 + 1));
    expect(() => readForImport(big)).toThrow(/big\.mid: the file is 4\.0 MB; the limit is 4 MB/);
  });

  it('finds MIDI files on a command line, against its working folder', () => {
    expect(midiPathsIn(['.', '--inspect', 'song.mid', '/abs/B.MIDI', 'notes.txt', '--flag=x.mid'], '/home/me')).toEqual(['/home/me/song.mid', '/abs/B.MIDI']);
  });
});

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1050 }];

  it('restores a saved size and place that is still on a screen', () => {
    const file = join(tempDir(), 'first run', 'window-state.json');
    expect(readWindowState(file, screen)).toEqual(DEFAULT_STATE);
    writeWindowState(file, { x: 100, y: 80, width: 1400, height: 900 }, true);
    expect(readWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1400, height: 900, maximized: true });
    writeFileSync(file, 'garbage');
    expect(readWindowState(file, screen)).toEqual(DEFAULT_STATE);
  });

  it('drops a place on a screen that is gone, and keeps sizes within bounds', () => {
    expect(restoreWindowState({ x: 2500, y: 100, width: 1200, height: 800 }, screen)).toEqual({ width: 1200, height: 800, maximized: false });
    expect(restoreWindowState({ x: 0, y: 0, width: 100, height: 99999 }, screen)).toMatchObject({ width: MIN_SIZE.width, height: 1050 });
    expect(restoreWindowState({ width: 'wide', height: 1.5, x: null }, screen)).toEqual({ width: DEFAULT_STATE.width, height: DEFAULT_STATE.height, maximized: false });
    expect(restoreWindowState({ x: 1800, y: 1000, width: 1000, height: 700 }, screen)).toEqual({ width: 1000, height: 700, maximized: false });
  });
});
