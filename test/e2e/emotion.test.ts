// The emotion judge in a real browser: the estimate of an example says what pushed it,
// and the emotion lane under the roll shows valence and arousal for every bar, on the
// roll's time axis, with a hover that gives the figures and why.

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryNames, openApp, shot, skipWithoutChromium, type OpenApp } from './harness.js';

describe.skipIf(skipWithoutChromium)('emotion judge in Chromium (web mode)', () => {
  let e2e: OpenApp;
  let page: Page;

  beforeAll(async () => {
    e2e = await openApp();
    page = e2e.page;
  });
  afterAll(() => e2e?.close());

  it('the estimate of an example names what pushed valence and arousal', async () => {
    await expect.poll(() => libraryNames(page)).toContain('Q3 sad');
    await page.getByTestId('library-item').filter({ hasText: 'Q3 sad' }).click();
    await expect.poll(() => page.getByTestId('emotion-why').count()).toBe(1);
    expect(await page.getByTestId('emotion-why').textContent()).toMatch(/→ valence (up|down).*(→|,) arousal (up|down)/);
  });

  it('the emotion lane shows every bar under the roll, on its time axis, with a hover that says why', async () => {
    const bars = Number(await page.getByTestId('piece-meta').textContent().then((t) => /(\d+) bars/.exec(t ?? '')?.[1]));
    await expect.poll(() => page.getByTestId('emotion-bar').count()).toBe(bars);
    const lane = (await page.getByTestId('emotion-lane').boundingBox())!;
    const roll = (await page.getByTestId('piano-roll').boundingBox())!;
    expect(lane.y).toBeGreaterThanOrEqual(roll.y + roll.height - 1);
    const title = await page.getByTestId('emotion-bar').first().getAttribute('title');
    expect(title).toMatch(/^bar 1: valence [01]\.\d\d \((high|low)\), arousal [01]\.\d\d \((high|low)\); .*→/);
    // zooming in widens each bar as it widens the roll's notes
    const width = () => page.getByTestId('emotion-bar').first().evaluate((el) => el.getBoundingClientRect().width);
    const before = await width();
    await page.getByTestId('zoom-in').click();
    await expect.poll(width).toBeGreaterThan(before * 1.2);
    await shot(page, 'emotion-01-lane');
  });

  it('hides with its toggle', async () => {
    await page.getByTestId('emotion-toggle').uncheck();
    await expect.poll(() => page.getByTestId('emotion-lane').count()).toBe(0);
    await page.getByTestId('emotion-toggle').check();
    await expect.poll(() => page.getByTestId('emotion-lane').count()).toBe(1);
  });
});
