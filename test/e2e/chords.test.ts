// The chord lane in a real browser: an example piece shows its chord names above the
// piano roll, they follow the roll's zoom, and the toggle hides them (for good).

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryNames, openApp, shot, skipWithoutChromium, type OpenApp } from './harness.js';

const CHORD_NAME = /^[A-G]#?(m|°|\+|sus2|sus4|7|maj7|m7|°7|ø7)?$/;

describe.skipIf(skipWithoutChromium)('chord lane in Chromium (web mode)', () => {
  let e2e: OpenApp;
  let page: Page;

  beforeAll(async () => {
    e2e = await openApp();
    page = e2e.page;
  });
  afterAll(() => e2e?.close());

  const firstChordWidth = () => page.getByTestId('chord').first().evaluate((el) => el.getBoundingClientRect().width);

  it('shows chord names above the roll for an example piece', async () => {
    await expect.poll(() => libraryNames(page)).toContain('Q1 happy');
    await page.getByTestId('library-item').filter({ hasText: 'Q1 happy' }).click();
    await expect.poll(() => page.getByTestId('chord').count()).toBeGreaterThan(1);
    const names = await page.getByTestId('chord').allTextContents();
    for (const n of names) expect(n).toMatch(CHORD_NAME);
    const lane = await page.getByTestId('chord-lane').boundingBox();
    const roll = await page.getByTestId('piano-roll').boundingBox();
    expect(lane!.y + lane!.height).toBeLessThanOrEqual(roll!.y);
    await shot(page, 'chords-01-lane');
  });

  it('follows the roll\'s zoom', async () => {
    const before = await firstChordWidth();
    await page.getByTestId('zoom-in').click();
    await expect.poll(firstChordWidth).toBeGreaterThan(before * 1.2);
  });

  it('hides and shows with the toggle, and remembers it after a reload', async () => {
    await page.getByTestId('chords-toggle').uncheck();
    await expect.poll(() => page.getByTestId('chord-lane').count()).toBe(0);
    await page.reload();
    await page.getByTestId('library-item').filter({ hasText: 'Q1 happy' }).click();
    await expect.poll(() => page.getByTestId('piano-roll').count()).toBe(1);
    expect(await page.getByTestId('chords-toggle').isChecked()).toBe(false);
    expect(await page.getByTestId('chord-lane').count()).toBe(0);
    await page.getByTestId('chords-toggle').check();
    await expect.poll(() => page.getByTestId('chord-lane').count()).toBe(1);
  });
});
