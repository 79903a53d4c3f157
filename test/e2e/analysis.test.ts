// The analysis views in a real browser (Debian Chromium) against web mode: upload two
// pieces, see the selected one's latent heatmap under the roll (tooltip, per bar, compared
// with the other piece and as A − B), drive the roll's time view from the heatmap, export
// the latents (CSV, JSON) and the heatmap PNG, open the atlas and export it as PNG; and
// the notes shown for a stale or missing atlas and for missing models.
// Screenshots land in test-output/e2e/analysis-*.png.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simpleSmf, type SimpleNote } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';
import { noModels } from '../model/helpers.js';
import { openApp, shot, skipWithoutChromium, type OpenApp } from './harness.js';

const files = tempDir('muser-e2e-analysis-');
const melody = join(files, 'melody.mid');
const chords = join(files, 'chords.mid');
const BEAT = 480;
// four bars of a rising line over a held bass; four bars of block chords, two per bar
const melodyNotes: SimpleNote[] = [
  ...Array.from({ length: 16 }, (_, i) => ({ pitch: 60 + ((i * 2) % 14), start: i * BEAT, duration: BEAT - 40, velocity: 70 + (i % 4) * 10 })),
  ...[0, 4, 8, 12].map((beat, i) => ({ pitch: [48, 53, 55, 48][i], start: beat * BEAT, duration: 4 * BEAT - 40, velocity: 60 })),
];
const chordNotes: SimpleNote[] = Array.from({ length: 8 }, (_, i) => [50, 57, 62, 65].map((p) => ({ pitch: p + (i % 2) * 5, start: i * 2 * BEAT, duration: 2 * BEAT - 40, velocity: 85 }))).flat();
writeFileSync(melody, simpleSmf(melodyNotes));
writeFileSync(chords, simpleSmf(chordNotes));

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function saved(page: Page, testid: string, name: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testid).click()]);
  const path = join(files, name);
  await download.saveAs(path);
  return { download, bytes: readFileSync(path) };
}

const attr = (page: Page, testid: string, name: string) => page.getByTestId(testid).getAttribute(name);
/** The engine encodes on 2 cores shared with other suites (and training): be patient. */
const WAIT = { timeout: 60_000 };

describe.skipIf(skipWithoutChromium || noModels)('analysis views in Chromium (web mode)', () => {
  let e2e: OpenApp;
  let page: Page;

  beforeAll(async () => {
    e2e = await openApp();
    page = e2e.page;
  });
  afterAll(() => e2e?.close());

  it('uploads two pieces and selects one', async () => {
    await page.getByTestId('file-input').setInputFiles([melody, chords]);
    await expect.poll(() => page.getByTestId('library-item-name').allTextContents(), WAIT).toContain('chords');
    await page.getByTestId('library-item').filter({ hasText: 'melody' }).click();
    await expect.poll(() => page.getByTestId('piece-name').textContent(), WAIT).toContain('melody');
  });

  it('shows the selected piece\'s latents under the roll, per token, with a tooltip', async () => {
    await expect.poll(async () => Number(await attr(page, 'heatmap', 'data-tokens')), WAIT).toBeGreaterThan(0);
    expect(await attr(page, 'heatmap', 'data-mode')).toBe('token');
    // the heatmap's time area starts where the roll's does
    const roll = (await page.getByTestId('piano-roll').boundingBox())!;
    const heat = (await page.getByTestId('heatmap').boundingBox())!;
    expect(Math.abs(heat.x - roll.x)).toBeLessThanOrEqual(1);
    expect(heat.y).toBeGreaterThan(roll.y + roll.height);

    // y 10 is in the first band (tempo), clear of the gaps between bands
    await page.mouse.move(heat.x + 46 + 60, heat.y + 10);
    const tip = page.getByTestId('heatmap-tooltip');
    await expect.poll(() => tip.textContent(), WAIT).toMatch(/Bar 1 · token \d+.*tempo · dim \d+.*value/);
    await shot(page, 'analysis-01-heatmap');
    await page.mouse.move(heat.x + 46 + 300, heat.y + heat.height - 2);
    await expect.poll(() => tip.textContent(), WAIT).toMatch(/velocity · dim \d+/);
  });

  it('zooming on the heatmap zooms the roll too', async () => {
    const before = Number(await attr(page, 'piano-roll', 'data-seconds-per-pixel'));
    const heat = (await page.getByTestId('heatmap').boundingBox())!;
    await page.mouse.move(heat.x + 200, heat.y + 40);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(async () => Number(await attr(page, 'piano-roll', 'data-seconds-per-pixel')), WAIT).toBeLessThan(before);
    await page.getByTestId('zoom-reset').click();
    await expect.poll(async () => Number(await attr(page, 'piano-roll', 'data-seconds-per-pixel')), WAIT).toBeCloseTo(before, 6);
  });

  it('zoomed far out, a pixel shows the mean of the tokens it spans, and the tooltip says so', async () => {
    const heat = (await page.getByTestId('heatmap').boundingBox())!;
    // anchored at the time area's left edge (0 s), so the piece stays in view
    await page.mouse.move(heat.x + 46, heat.y + 40);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, 3000);
    await page.keyboard.up('Control');
    await expect.poll(async () => Number(await attr(page, 'piano-roll', 'data-seconds-per-pixel')), WAIT).toBe(1);
    await page.mouse.move(heat.x + 46 + 2.5, heat.y + 10);
    await expect.poll(() => page.getByTestId('heatmap-tooltip').textContent(), WAIT).toMatch(/this pixel: mean of \d+ tokens/);
    await shot(page, 'analysis-01b-zoomed-out');
    await page.getByTestId('zoom-reset').click();
  });

  it('switches to one column per bar', async () => {
    await page.getByTestId('heatmap-mode').selectOption('bar');
    await expect.poll(() => attr(page, 'heatmap', 'data-mode'), WAIT).toBe('bar');
    expect(Number(await attr(page, 'heatmap', 'data-columns'))).toBe(4);
    await shot(page, 'analysis-02-bars');
  });

  it('compares with a second piece, below on its own time axis, then as A − B', async () => {
    await page.getByTestId('compare-select').selectOption({ label: 'chords' });
    await expect.poll(async () => Number(await attr(page, 'heatmap-compare', 'data-tokens')), WAIT).toBeGreaterThan(0);
    await shot(page, 'analysis-03-compare');

    await page.getByTestId('difference-toggle').check();
    await expect.poll(() => attr(page, 'heatmap', 'data-mode'), WAIT).toBe('difference');
    expect(await page.getByTestId('heatmap-compare').count()).toBe(0);
    expect(await page.getByTestId('heatmap-caption').textContent()).toContain('A − B by bar position');
    await page.getByTestId('heatmap-mode').selectOption('token');
    await expect.poll(() => page.getByTestId('heatmap-caption').textContent(), WAIT).toContain('A − B by token position');
    const heat = (await page.getByTestId('heatmap').boundingBox())!;
    await page.mouse.move(heat.x + 46 + 80, heat.y + 10);
    await expect.poll(() => page.getByTestId('heatmap-tooltip').textContent(), WAIT).toMatch(/A: .*B: .*A − B = /);
    await shot(page, 'analysis-04-difference');
  });

  it('exports the latents as CSV and JSON, and the heatmap as PNG', async () => {
    const csv = await saved(page, 'export-latents-csv', 'latents.csv');
    expect(csv.download.suggestedFilename()).toBe('melody latents.csv');
    const lines = csv.bytes.toString('utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^scope,index,bar,element,d0/);
    expect(lines[0].split(',')).toHaveLength(4 + 16);
    expect(lines.slice(1).every((l) => l.split(',').length === 20)).toBe(true);
    expect(lines.some((l) => l.startsWith('bar,'))).toBe(true);

    const json = await saved(page, 'export-latents-json', 'latents.json');
    expect(json.download.suggestedFilename()).toBe('melody latents.json');
    expect(JSON.parse(json.bytes.toString('utf8'))).toMatchObject({ format: 'muser-latents-1', slice: 16 });

    const png = await saved(page, 'export-heatmap-png', 'heatmap.png');
    expect(png.download.suggestedFilename()).toBe('melody heatmap.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  });

  it('hides the latents and remembers it after a reload', async () => {
    await page.getByTestId('latents-toggle').click();
    await expect.poll(() => page.getByTestId('heatmap').count(), WAIT).toBe(0);
    await page.reload();
    await expect.poll(() => page.getByTestId('piece-name').textContent(), WAIT).toBeTruthy();
    expect(await attr(page, 'latents-toggle', 'aria-pressed')).toBe('false');
    expect(await page.getByTestId('heatmap').count()).toBe(0);
    await page.getByTestId('latents-toggle').click();
    await expect.poll(async () => Number(await attr(page, 'heatmap', 'data-tokens')), WAIT).toBeGreaterThan(0);
  });

  it('opens the atlas: reference clips and the library on 7 panels', async () => {
    await page.getByTestId('view-tab-atlas').click();
    const pieces = (await page.getByTestId('library-item').count());
    await expect.poll(async () => Number(await attr(page, 'atlas', 'data-pieces')), WAIT).toBe(pieces);
    expect(Number(await attr(page, 'atlas', 'data-points'))).toBeGreaterThan(50);
    expect(await page.getByTestId('atlas-panel').count()).toBe(7);
    expect(await page.getByTestId('piano-roll').count()).toBe(0);
    const panel = (await page.getByTestId('atlas-panel').first().boundingBox())!;
    expect(panel.width).toBeGreaterThan(150);
    await shot(page, 'analysis-05-atlas');
  });

  it('names a library piece under the pointer, and a click on it selects it', async () => {
    const selected = () => page.locator('[aria-selected=true] [data-testid=library-item-name]').textContent();
    expect(await selected()).not.toBe('chords');
    // sweep the first panel with the pointer until the tooltip names "chords"
    const spot = await page.evaluate(async () => {
      const panel = document.querySelector('[data-testid=atlas-panel]')!;
      const r = panel.getBoundingClientRect();
      for (let y = 4; y < r.height; y += 3)
        for (let x = 4; x < r.width; x += 3) {
          panel.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
          await Promise.resolve();
          const tip = document.querySelector('[data-testid=atlas-tooltip]')?.textContent ?? '';
          if (tip.startsWith('chords') && tip.includes('your library')) return { x: r.left + x, y: r.top + y };
        }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.click(spot!.x, spot!.y);
    await expect.poll(selected, WAIT).toBe('chords');
    await shot(page, 'analysis-06-atlas-selected');
  });

  it('exports the atlas as PNG, and goes back to the piece', async () => {
    const png = await saved(page, 'export-atlas-png', 'atlas.png');
    expect(png.download.suggestedFilename()).toBe('MusER atlas.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    await page.getByTestId('view-tab-piece').click();
    await expect.poll(() => page.getByTestId('piano-roll').count(), WAIT).toBe(1);
  });

  it('notes an atlas computed with another model, and a missing one', async () => {
    const other = await page.context().newPage();
    let answer: 'stale' | 'missing' = 'stale';
    await other.route('**/api/atlas.get', async (r) => {
      const real = (await (await r.fetch()).json()) as { value: { atlas: unknown; stale: boolean } };
      if (answer === 'stale') real.value.stale = true;
      else real.value = { ...real.value, atlas: null };
      await r.fulfill({ json: real });
    });
    await other.goto(e2e.app.url);
    await other.getByTestId('view-tab-atlas').click();
    await expect.poll(() => other.getByTestId('atlas-stale').textContent(), WAIT).toContain('another encoder');
    expect(await other.getByTestId('atlas-panel').count()).toBe(7);
    answer = 'missing';
    await other.reload();
    await other.getByTestId('view-tab-atlas').click();
    await expect.poll(() => other.getByTestId('atlas-missing').textContent(), WAIT).toContain('assets/atlas.json');
    await other.close();
  });

  it('says why, instead of a heatmap or an atlas, when the models cannot be loaded', async () => {
    const message = 'the MusER models cannot be loaded: models/manifest.json: missing';
    const other = await page.context().newPage();
    // the engine's answers when its models are missing (test/studio/studio-api.test.ts checks the engine side)
    await other.route('**/api/model.info', (r) => r.fulfill({ json: { ok: true, value: { available: false, message, provider: null, elements: [] } } }));
    for (const op of ['piece.latents', 'atlas.get']) await other.route(`**/api/${op}`, (r) => r.fulfill({ json: { ok: false, error: { kind: 'unavailable', message } } }));
    await other.goto(e2e.app.url);
    await expect.poll(() => other.getByTestId('latents-unavailable').textContent(), WAIT).toBe(message);
    expect(await other.getByTestId('heatmap').count()).toBe(0);
    await other.getByTestId('view-tab-atlas').click();
    await expect.poll(() => other.getByTestId('atlas-unavailable').textContent(), WAIT).toBe(message);
    await shot(other, 'analysis-07-no-models');
    await other.close();
  });
});
