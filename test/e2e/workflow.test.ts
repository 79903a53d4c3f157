// The piece workflow in a real browser (Debian Chromium) against web mode: upload two
// MIDI files, see them in the library and the piano roll, play, export a MIDI file and
// check its notes, reload and find the workspace intact, upload a corrupt file and see
// the error while the rest stays, undo and redo. Screenshots land in test-output/e2e/.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMidi } from '../../engine/midi/import.js';
import { simpleSmf } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';
import { libraryNames as names, openApp, shot, skipWithoutChromium, startApp, type OpenApp } from './harness.js';

const files = tempDir('muser-e2e-files-');
const melody = join(files, 'melody.mid');
const chords = join(files, 'chords.mid');
const corrupt = join(files, 'corrupt.mid');
writeFileSync(melody, simpleSmf([60, 62, 64, 65, 67, 69, 71, 72].map((pitch, i) => ({ pitch, start: i * 480, duration: 400, velocity: 90 }))));
writeFileSync(chords, simpleSmf([0, 1920].flatMap((start) => [48, 55, 64].map((pitch) => ({ pitch, start, duration: 1800, velocity: 70 })))));
writeFileSync(corrupt, Buffer.concat([Buffer.from('MThd'), Buffer.from([0, 0, 0, 6, 0, 1, 0, 2])]));


describe.skipIf(skipWithoutChromium)('piece workflow in Chromium (web mode)', () => {
  let e2e: OpenApp;
  let page: Page;

  beforeAll(async () => {
    e2e = await openApp();
    page = e2e.page;
  });
  afterAll(() => e2e?.close());

  it('starts on the bundled examples', async () => {
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm']);
    await shot(page, '01-examples');
  });

  it('uploads two MIDI files and shows them in the library and the piano roll', async () => {
    await page.getByTestId('file-input').setInputFiles([melody, chords]);
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'melody', 'chords']);
    await page.getByTestId('library-item').filter({ hasText: 'melody' }).click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toContain('melody');
    await expect.poll(() => page.getByTestId('piano-roll').getAttribute('data-notes')).toBe('8');
    await shot(page, '02-two-uploaded');
  });

  it('plays: the audio context runs and the playhead moves; space pauses', async () => {
    await page.getByTestId('play-button').click();
    await expect.poll(() => page.getByTestId('play-button').getAttribute('data-state'), { timeout: 20_000 }).toBe('playing');
    await expect.poll(() => page.getByTestId('play-button').getAttribute('data-audio')).toBe('running');
    await expect.poll(async () => Number(await page.getByTestId('playhead-time').getAttribute('data-seconds'))).toBeGreaterThan(0.2);
    await shot(page, '03-playing');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('play-button').getAttribute('data-state')).not.toBe('playing');
  });

  it('exports a MIDI file with the same notes', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-midi').click()]);
    expect(download.suggestedFilename()).toBe('melody.mid');
    const saved = join(files, 'exported.mid');
    await download.saveAs(saved);
    const notes = (f: string) => importMidi(readFileSync(f), f).notes.map((n) => [n.pitch, n.velocity, n.onsetBeat, n.offsetBeat]);
    expect(notes(saved)).toEqual(notes(melody));
  });

  it('shows a corrupt file\'s error inline and keeps the library', async () => {
    await page.getByTestId('file-input').setInputFiles([corrupt]);
    await expect.poll(() => page.getByTestId('library-error').textContent()).toContain('corrupt.mid');
    expect(await names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'melody', 'chords']);
    await shot(page, '04-corrupt-file');
  });

  it('finds the workspace intact after a reload, and undoes and redoes', async () => {
    await page.reload();
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'melody', 'chords']);
    await page.getByTestId('undo').click();
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'melody']);
    await page.getByTestId('redo').click();
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'melody', 'chords']);
    await shot(page, '05-after-reload');
  });

  it('survives a restart of the server too', async () => {
    await e2e.app.stop();
    e2e.app = await startApp(e2e.app.workspace);
    await page.goto(e2e.app.url);
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'melody', 'chords']);
  });

  it('imports several files dropped on the window, and says which dropped file is bad', async () => {
    const dropped = [
      { name: 'dropped one.mid', base64: readFileSync(melody).toString('base64') },
      { name: 'dropped two.midi', base64: readFileSync(chords).toString('base64') },
      { name: 'dropped bad.mid', base64: readFileSync(corrupt).toString('base64') },
    ];
    // what a drop from the file manager hands the page: a DataTransfer of File objects
    await page.evaluate((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: 'audio/midi' }));
      for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, dropped);
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'melody', 'chords', 'dropped one', 'dropped two']);
    await expect.poll(() => page.getByTestId('library-error').allTextContents()).toEqual([expect.stringContaining('dropped bad.mid')]);
  });
});
