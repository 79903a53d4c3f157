// The README's "Two minutes with the app", step by step, in a real browser (Debian
// Chromium) against web mode on the shipped models and bundled examples. Its last
// screenshot, test-output/e2e/readme-studio.png, is the README's docs/images/studio.png.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { noModels, suite } from '../model/helpers.js';
import { attrNow as attr, libraryNames as names, openApp, shot, skipWithoutChromium, type OpenApp } from './harness.js';

const RESULT = 'Q3 sad with pitch+duration of Q1 happy';
// the browser, the server and the engine share two busy cores here
vi.setConfig({ expect: { poll: { timeout: 60_000 } } });

describe.skipIf(skipWithoutChromium || noModels)(suite("the README's two minutes with the app"), () => {
  let e2e: OpenApp;
  let page: Page;

  beforeAll(async () => {
    e2e = await openApp();
    page = e2e.page;
    await page.setViewportSize({ width: 1440, height: 900 });
  });
  afterAll(() => e2e?.close());

  it('1. starts with four example pieces, one per quadrant', async () => {
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm']);
  });

  it('2. shows Q3 sad in the roll, its latents under it', async () => {
    await page.getByTestId('library-item').filter({ hasText: 'Q3 sad' }).click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe('Q3 sad');
    await expect.poll(async () => Number(await attr(page, 'piano-roll', 'data-notes'))).toBeGreaterThan(0);
    await expect.poll(async () => Number(await attr(page, 'heatmap', 'data-tokens'))).toBeGreaterThan(0);
  });

  it("3. transfers Q1 happy's pitch and duration to Q3 sad; the result joins the library", async () => {
    const sadId = await page.getByTestId('library-item').filter({ hasText: 'Q3 sad' }).getAttribute('data-id');
    await expect.poll(() => page.getByTestId('transfer-a').inputValue()).toBe(sadId);
    await page.getByTestId('transfer-b').selectOption({ label: 'Q1 happy' });
    expect(await page.getByTestId('element-pitch').isChecked()).toBe(true);
    expect(await page.getByTestId('element-duration').isChecked()).toBe(true);
    expect(await page.getByTestId('align-select').inputValue()).toBe('type'); // the default
    await page.getByTestId('seed').fill('7');
    await page.getByTestId('transfer-button').click();
    await expect.poll(() => names(page)).toContain(RESULT);
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe(RESULT);
    expect(await page.getByTestId('studio-error').count()).toBe(0);
  });

  it('4. A/B listening is on the result, and the emotion estimate is shown', async () => {
    await expect.poll(() => attr(page, 'ab-toggle', 'data-playing')).toBe('result');
    await expect.poll(() => attr(page, 'emotion-estimate', 'data-quadrant')).toMatch(/^Q[1-4]$/);
    await expect.poll(async () => Number(await attr(page, 'heatmap', 'data-tokens'))).toBeGreaterThan(0);
    await shot(page, 'readme-studio');
  });

  it('5. exports the result as MIDI under its own name', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-midi').click()]);
    expect(download.suggestedFilename()).toBe(`${RESULT}.mid`);
  });
});
