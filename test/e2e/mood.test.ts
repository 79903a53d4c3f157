// Moods in a real browser (Debian Chromium) against web mode, on the shipped models: a
// whole song takes a shorter B's pitch with B's bars repeated, an example's pitch is
// re-mooded toward Q3 (Transfer from a mood) and the result joins the library named for
// it, the plane's arrow from A and the emotion lane say what moved and where, and a piece
// is continued by two bars in two variations. Screenshots land in test-output/e2e/mood-*.png.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EmotionEstimate } from '../../engine/judge/judge.js';
import { resultArrows } from '../../renderer/src/plane/arrows.js';
import { arrowShape, POINT_RADIUS, toPlane, type XY } from '../../renderer/src/plane/geometry.js';
import { simpleSmf, type SimpleNote } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';
import { noModels, suite } from '../model/helpers.js';
import { apiCall as call, attrNow as attr, libraryNames as names, openApp, shot, skipWithoutChromium, type OpenApp } from './harness.js';
import type { LibraryView } from '../../engine/workspace/library.js';

const BEAT = 480;
const SONG_BARS = 16;

/** Sixteen bars of a rising line over a bass note per bar: longer than the 8-bar examples. */
function song(): Uint8Array {
  const notes: SimpleNote[] = [];
  for (let bar = 0; bar < SONG_BARS; bar++) {
    notes.push({ pitch: 48 + (bar % 4) * 2, start: bar * 4 * BEAT, duration: 4 * BEAT - 20, velocity: 60 });
    for (let k = 0; k < 4; k++) notes.push({ pitch: 64 + ((bar + k) % 8), start: (bar * 4 + k) * BEAT, duration: BEAT - 20, velocity: 85 });
  }
  return simpleSmf(notes);
}

const files = tempDir('muser-e2e-mood-');
const long = join(files, 'long song.mid');
writeFileSync(long, song());

const REMOODED = 'Q1 happy, pitch toward Q3 sad';
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const ENGINE = { timeout: 60_000 };

const item = (page: Page, name: string) => page.getByTestId('library-item').filter({ has: page.getByText(name, { exact: true }) });

/** Where a piece sits on the plane now, in page pixels. */
async function onPlane(page: Page, id: string): Promise<XY> {
  const box = (await page.getByTestId('va-plane').boundingBox())!;
  const e = await call<EmotionEstimate>(page, 'piece.emotion', { id });
  const at = toPlane({ width: box.width, height: box.height }, e.valence, e.arousal);
  return { x: box.x + at.x, y: box.y + at.y };
}

describe.skipIf(skipWithoutChromium || noModels)(suite('moods in Chromium (web mode)'), () => {
  let e2e: OpenApp;
  let page: Page;

  beforeAll(async () => {
    e2e = await openApp();
    page = e2e.page;
  });
  afterAll(() => e2e?.close());

  it('offers the cover choice for a shorter B, and says which of A\'s bars changed', async () => {
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm']);
    await page.getByTestId('file-input').setInputFiles([long]);
    await expect.poll(() => names(page)).toContain('long song');
    await item(page, 'long song').click();
    await expect.poll(() => page.getByTestId('piece-meta').textContent()).toMatch(new RegExp(`^${SONG_BARS} bars`));
    await page.getByTestId('transfer-b').selectOption({ label: 'Q4 calm' });
    await expect.poll(() => page.getByTestId('cover-choice').count()).toBe(1);
    expect(await page.getByTestId('cover-choice').textContent()).toMatch(new RegExp(`B has 8 bars, A ${SONG_BARS}`));
    expect(await page.getByTestId('cover-repeat').isChecked()).toBe(true);
    // a B as long as A leaves nothing to choose
    await page.getByTestId('transfer-b').selectOption({ label: 'long song' });
    await expect.poll(() => page.getByTestId('cover-choice').count()).toBe(0);
    await page.getByTestId('transfer-b').selectOption({ label: 'Q4 calm' });
    await page.getByTestId('element-duration').uncheck();
    await page.getByTestId('seed').fill('7');
    await page.getByTestId('transfer-button').click();
    await expect.poll(() => names(page), ENGINE).toContain('long song with pitch of Q4 calm');
    expect(await page.getByTestId('job-change').textContent()).toBe(`Changed: bars 1–${SONG_BARS} take Q4 calm's pitch; Q4 calm's 8 bars repeated`);
    await shot(page, 'mood-01-whole-song');
  });

  it('re-moods an example\'s pitch toward Q3; the result joins the library named for it', async () => {
    await item(page, 'Q1 happy').click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe('Q1 happy');
    await page.getByTestId('source-mood').check();
    expect(await page.getByTestId('transfer-b').count()).toBe(0);
    expect(await page.getByTestId('align-select').count()).toBe(0);
    expect(await page.getByTestId('transfer-button').textContent()).toBe('Re-mood');
    // no element: nothing to draw anew, and the form says so
    await page.getByTestId('element-pitch').uncheck();
    await expect.poll(() => page.getByTestId('transfer-button').isDisabled()).toBe(true);
    // a key is for drawn pitches: the field shows only with pitch ticked
    expect(await page.getByTestId('remood-key').count()).toBe(0);
    expect(await page.getByTestId('no-elements').textContent()).toMatch(/draw anew for the mood/);
    await page.getByTestId('element-pitch').check();
    await page.getByTestId('remood-quadrant-Q3').click();
    expect(await page.getByTestId('remood-key').inputValue()).toBe('auto');
    expect(await attr(page, 'remood-quadrant-Q3', 'aria-checked')).toBe('true');
    await page.getByTestId('remood-strength-default').uncheck();
    await page.getByTestId('remood-strength').fill('2');
    await page.getByTestId('seed').fill('5');
    await page.getByTestId('transfer-button').click();
    await expect.poll(() => names(page), ENGINE).toContain(REMOODED);
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe(REMOODED);
    expect(await page.getByTestId('job-outcome').textContent()).toContain('seed 5');
    // drawn pitches keep to A's tonic in Q3's mode (the key field's auto)
    expect(await page.getByTestId('job-change').textContent()).toMatch(/^Changed: bars 1–8 take pitch drawn for Q3 sad in [A-G][#b]? minor$/);
    expect(await page.getByTestId('studio-error').count()).toBe(0);
    await shot(page, 'mood-02-remooded');
  });

  it('the emotion lane marks the bars whose valence or arousal moved against A', async () => {
    await expect.poll(() => page.getByTestId('emotion-move').count()).toBeGreaterThan(0);
    const marks = await page.getByTestId('emotion-move').evaluateAll((els) => els.map((el) => el.getAttribute('title') ?? ''));
    for (const title of marks) expect(title).toMatch(/^bar \d+ against Q1 happy: valence [01]\.\d\d → [01]\.\d\d, arousal [01]\.\d\d → [01]\.\d\d$/);
    // A itself is no result: no marks
    await item(page, 'Q1 happy').click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe('Q1 happy');
    await expect.poll(() => page.getByTestId('emotion-bar').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('emotion-move').count()).toBe(0);
    await item(page, REMOODED).click();
    await expect.poll(() => page.getByTestId('emotion-move').count()).toBe(marks.length);
    await shot(page, 'mood-03-lane-moves');
  });

  it('the plane\'s arrow from A says what moved, hovering the result or the arrow', async () => {
    await page.getByTestId('tab-emotion').click();
    const { items } = await call<LibraryView>(page, 'library.list', {});
    await expect.poll(() => attr(page, 'va-plane', 'data-points')).toBe(String(items.length));
    const a = items.find((i) => i.name === 'Q1 happy')!.id;
    const result = items.find((i) => i.name === REMOODED)!.id;
    expect(resultArrows(items, () => true)).toContainEqual({ from: a, to: result });

    const move = /(valence|arousal) [01]\.\d\d → [01]\.\d\d(: [^;]+)?; (valence|arousal) [01]\.\d\d → [01]\.\d\d/;
    const at = await onPlane(page, result);
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => page.getByTestId('va-move').textContent()).toMatch(new RegExp(`^From Q1 happy: ${move.source}`));
    await shot(page, 'mood-04-plane-result');

    // the arrow's shaft, away from every point: the tooltip names both ends
    const points = await Promise.all(items.map((i) => onPlane(page, i.id)));
    const shaft = arrowShape(await onPlane(page, a), at, POINT_RADIUS + 1, 7);
    const clear = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]
      .map((t) => ({ x: shaft.from.x + t * (shaft.to.x - shaft.from.x), y: shaft.from.y + t * (shaft.to.y - shaft.from.y) }))
      .find((p) => points.every((q) => Math.hypot(p.x - q.x, p.y - q.y) > POINT_RADIUS + 6));
    if (clear) {
      await page.mouse.move(clear.x, clear.y);
      await expect.poll(() => page.getByTestId('va-tooltip').locator('strong').textContent()).toBe(`Q1 happy → ${REMOODED}`);
      expect(await page.getByTestId('va-move').textContent()).toMatch(new RegExp(`^${move.source}`));
      await shot(page, 'mood-05-plane-arrow');
    }
    await page.mouse.move(0, 0);
  });

  it('continues a piece by two bars in two variations; both join the library', async () => {
    await page.getByTestId('tab-continue').click();
    await item(page, 'Q2 tense').click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe('Q2 tense');
    const own = Number(await attr(page, 'piano-roll', 'data-notes'));
    const id = await item(page, 'Q2 tense').getAttribute('data-id');
    await expect.poll(() => page.getByTestId('continue-a').inputValue()).toBe(id);
    await page.getByTestId('continue-quadrant-Q4').click();
    await page.getByTestId('continue-count').fill('2');
    await page.getByTestId('continue-bars').fill('2');
    await page.getByTestId('continue-seed').fill('3');
    await page.getByTestId('continue-button').click();
    // named with the key the new bars keep to: Q2 tense's tonic in Q4's mode, major
    const made = async () => (await names(page)).filter((n) => n.startsWith('Q2 tense + 2 bars Q4 calm'));
    const named = (k: number) => new RegExp(`^Q2 tense \\+ 2 bars Q4 calm in [A-G][#b]? major #${k} \\(seed 3\\)$`);
    await expect.poll(made, ENGINE).toEqual([expect.stringMatching(named(1)), expect.stringMatching(named(2))]);
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toMatch(named(1));
    expect(await page.getByTestId('job-outcome').locator('li').count()).toBe(2);
    // A's own notes stay, the new bars follow
    expect(Number(await attr(page, 'piano-roll', 'data-notes'))).toBeGreaterThanOrEqual(own);
    // the form keeps A, ready for another try
    expect(await page.getByTestId('continue-a').inputValue()).toBe(id);
    expect(await page.getByTestId('studio-error').count()).toBe(0);
    await shot(page, 'mood-06-continued');
  });
});
