// The studio in a real browser (Debian Chromium) against web mode, on the shipped
// models: transfer another piece's pitch and duration to an uploaded one while the notes
// stream into the roll, find the result in the library and on the valence–arousal
// plane (with its arrow), export it, A/B listen, generate a short Q3 piece, and cancel a
// long generation. Without models, the studio says why and its actions are off.
// Screenshots land in test-output/e2e/studio-*.png.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createContext } from '../../engine/api/context.js';
import type { EmotionEstimate } from '../../engine/judge/judge.js';
import { importMidi } from '../../engine/midi/import.js';
import { projectPath } from '../../engine/paths.js';
import { startServer, type RunningServer } from '../../engine/server/http-server.js';
import { rendererRoot } from '../../engine/server/static-files.js';
import { toPlane } from '../../renderer/src/plane/geometry.js';
import { simpleSmf, type SimpleNote } from '../fixtures/make-midi.js';
import { tempDir } from '../helpers.js';
import { noModels, suite } from '../model/helpers.js';
import { apiCall as call, attrNow as attr, launchBrowser, libraryNames as names, openApp, openPage, shot, skipWithoutChromium, type OpenApp } from './harness.js';

const BEAT = 480;

/** Eight bars: an eighth-note line over a triad every half bar, in the key of `root`. */
function song(root: number, step: number[]): Uint8Array {
  const notes: SimpleNote[] = [];
  for (let bar = 0; bar < 8; bar++) {
    for (let half = 0; half < 2; half++) {
      const r = root + [0, 5, 7, 0][(bar * 2 + half) % 4];
      for (const p of [r - 12, r - 8, r - 5]) notes.push({ pitch: p, start: (bar * 4 + half * 2) * BEAT, duration: 2 * BEAT - 20, velocity: 64 });
    }
    for (let k = 0; k < 8; k++) notes.push({ pitch: root + 12 + step[(bar * 8 + k) % step.length], start: (bar * 4 + k / 2) * BEAT, duration: BEAT / 2 - 10, velocity: 90 });
  }
  return simpleSmf(notes);
}

const files = tempDir('muser-e2e-studio-');
const tune = join(files, 'tune.mid');
const other = join(files, 'other.mid');
writeFileSync(tune, song(60, [0, 2, 4, 5, 7, 5, 4, 2]));
writeFileSync(other, song(57, [0, 3, 7, 10, 12, 10, 7, 3, 0, -2]));

const RESULT = 'tune with pitch+duration of other';
// the browser, the server and the engine share two busy cores here: give the UI time, the engine more
vi.setConfig({ expect: { poll: { timeout: 15_000 } } });
const ENGINE = { timeout: 60_000 };

/** Records every value the attribute takes on elements with this testid, from now on. */
async function record(page: Page, testid: string, name: string): Promise<void> {
  await page.evaluate(
    ([testid, name]) => {
      const seen: string[] = ((window as unknown as Record<string, string[]>)[`seen:${testid}`] = []);
      new MutationObserver((changes) => {
        for (const c of changes) {
          const el = c.target as Element;
          if (el.getAttribute('data-testid') === testid && el.hasAttribute(name)) seen.push(el.getAttribute(name)!);
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: [name] });
    },
    [testid, name],
  );
}

const recorded = (page: Page, testid: string) => page.evaluate((testid) => (window as unknown as Record<string, string[]>)[`seen:${testid}`], testid);

describe.skipIf(skipWithoutChromium || noModels)(suite('the studio in Chromium (web mode)'), () => {
  let e2e: OpenApp;
  let page: Page;

  beforeAll(async () => {
    e2e = await openApp();
    page = e2e.page;
  });
  afterAll(() => e2e?.close());

  it('opens beside the piece, with the models available', async () => {
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm']);
    await expect(page.getByTestId('studio-panel').isVisible()).resolves.toBe(true);
    await expect.poll(() => page.getByTestId('element-pitch').count()).toBe(1);
    expect(await page.getByTestId('element-pitch').isChecked()).toBe(true);
    expect(await page.getByTestId('element-duration').isChecked()).toBe(true);
    expect(await page.getByTestId('element-velocity').isVisible()).toBe(false); // under "more"
    await expect.poll(() => attr(page, 'emotion-estimate', 'data-quadrant')).toMatch(/^Q[1-4]$/);
    expect(await page.getByTestId('studio-error').count()).toBe(0);
    await shot(page, 'studio-01-start');
  });

  it('aligns by type by default, and says that B\'s type then changes nothing', async () => {
    expect(await page.getByTestId('align-select').inputValue()).toBe('type');
    await page.getByTestId('more-elements').click();
    await page.getByTestId('element-type').check();
    await expect.poll(() => page.getByTestId('type-by-type').count()).toBe(1);
    await page.getByTestId('align-select').selectOption('position');
    await expect.poll(() => page.getByTestId('type-by-type').count()).toBe(0);
    await page.getByTestId('element-type').uncheck();
    await page.getByTestId('more-elements').click();
  });

  it('transfers B\'s pitch and duration to A, the notes streaming into the roll', async () => {
    await page.getByTestId('file-input').setInputFiles([tune, other]);
    await expect.poll(() => names(page)).toEqual(['Q1 happy', 'Q2 tense', 'Q3 sad', 'Q4 calm', 'tune', 'other']);
    await page.getByTestId('library-item').filter({ hasText: 'tune' }).click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe('tune');
    const tuneId = await page.getByTestId('library-item').filter({ hasText: 'tune' }).getAttribute('data-id');
    // A follows the selection; B is chosen
    await expect.poll(() => page.getByTestId('transfer-a').inputValue()).toBe(tuneId);
    await page.getByTestId('transfer-b').selectOption({ label: 'other' });
    await page.getByTestId('align-select').selectOption('position');
    await page.getByTestId('seed').fill('11');

    await record(page, 'piano-roll', 'data-notes');
    await record(page, 'job-progress', 'data-done');
    await page.getByTestId('transfer-button').click();
    await expect.poll(() => names(page), ENGINE).toContain(RESULT);

    const done = (await recorded(page, 'job-progress')).map(Number);
    expect(done.length).toBeGreaterThan(2);
    expect(done).toEqual([...done].sort((x, y) => x - y)); // it only advances
    // the roll showed the result growing over A: from 0 decoded notes, more and more
    const streamed = (await recorded(page, 'piano-roll')).map(Number);
    const growing = streamed.slice(streamed.indexOf(0));
    const falls = growing.findIndex((n, i) => i > 0 && n < growing[i - 1]);
    expect(new Set(growing.slice(0, falls < 0 ? undefined : falls)).size).toBeGreaterThan(3);

    // the result is selected and shows its seed
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe(RESULT);
    expect(await page.getByTestId('job-outcome').textContent()).toContain('seed 11');
    await expect.poll(() => attr(page, 'ab-toggle', 'data-playing')).toBe('result');
    expect(await page.getByTestId('studio-error').count()).toBe(0);
    await shot(page, 'studio-02-transferred');
  });

  it('places the result on the valence–arousal plane with an arrow from A; hover names a point, a click selects it', async () => {
    await page.getByTestId('tab-emotion').click();
    await expect.poll(() => attr(page, 'va-plane', 'data-points')).toBe('7');
    expect(Number(await attr(page, 'va-plane', 'data-arrows'))).toBeGreaterThanOrEqual(1);
    // how far to trust the estimates, from the shipped model card's figures
    const manifest = JSON.parse(readFileSync(projectPath('models', 'manifest.json'), 'utf8'));
    expect(await page.getByTestId('judge-trust').textContent()).toContain(`puts ${Math.round(manifest.metrics.judge.test.accuracy.quadrant * 100)}\u00a0% of held-out EMOPIA clips`);
    await shot(page, 'studio-03-emotion-plane');

    const otherId = (await page.getByTestId('library-item').filter({ hasText: /^other/ }).getAttribute('data-id'))!;
    const e = await call<EmotionEstimate>(page, 'piece.emotion', { id: otherId });
    const box = (await page.getByTestId('va-plane').boundingBox())!;
    const at = toPlane({ width: box.width, height: box.height }, e.valence, e.arousal);
    await page.mouse.move(box.x + at.x, box.y + at.y);
    const tip = page.getByTestId('va-tooltip');
    await expect.poll(() => tip.textContent()).toMatch(/%/);
    const hovered = (await tip.locator('strong').textContent())!;
    await shot(page, 'studio-04-plane-hover');
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe(hovered);
    await page.getByTestId('library-item').filter({ hasText: RESULT }).click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe(RESULT);
  });

  it('exports the result as a MIDI file with notes', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-midi').click()]);
    expect(download.suggestedFilename()).toBe(`${RESULT}.mid`);
    const saved = join(files, 'result.mid');
    await download.saveAs(saved);
    const piece = importMidi(readFileSync(saved), saved);
    expect(piece.notes.length).toBeGreaterThan(20);
    expect(String(piece.notes.length)).toBe(await attr(page, 'piano-roll', 'data-notes'));
  });

  it('switches playback between A and the result at the same playhead', async () => {
    await page.getByTestId('play-button').click();
    await expect.poll(() => attr(page, 'play-button', 'data-state'), { timeout: 20_000 }).toBe('playing');
    await expect.poll(async () => Number(await attr(page, 'playhead-time', 'data-seconds'))).toBeGreaterThan(0.5);
    const before = Number(await attr(page, 'playhead-time', 'data-seconds'));
    await page.getByTestId('ab-toggle').click();
    await expect.poll(() => attr(page, 'ab-toggle', 'data-playing')).toBe('original');
    expect(await attr(page, 'play-button', 'data-state')).toBe('playing');
    expect(Number(await attr(page, 'playhead-time', 'data-seconds'))).toBeGreaterThanOrEqual(before);
    expect(await page.getByTestId('roll-label').textContent()).toMatch(/original/);
    await shot(page, 'studio-05-ab-original');
    const onA = Number(await attr(page, 'playhead-time', 'data-seconds'));
    await page.getByTestId('ab-toggle').click();
    await expect.poll(() => attr(page, 'ab-toggle', 'data-playing')).toBe('result');
    expect(Number(await attr(page, 'playhead-time', 'data-seconds'))).toBeGreaterThanOrEqual(onA);
    await page.getByTestId('play-button').click();
    await expect.poll(() => attr(page, 'play-button', 'data-state')).toBe('paused');
  });

  it('transfers to only the bars asked for, and says when they are not a passage', async () => {
    await page.getByTestId('tab-transfer').click();
    await page.getByTestId('library-item').filter({ has: page.getByText('tune', { exact: true }) }).click();
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe('tune');
    await page.getByTestId('transfer-b').selectOption({ label: 'other' });
    await page.getByTestId('bars-from').fill('5');
    await page.getByTestId('bars-to').fill('3');
    expect(await page.getByTestId('transfer-button').isDisabled()).toBe(true);
    await page.getByTestId('bars-to').fill('6');
    await page.getByTestId('transfer-button').click();
    await expect.poll(() => names(page), ENGINE).toContain(`${RESULT} in bars 5–6`);
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toBe(`${RESULT} in bars 5–6`);
    await page.getByTestId('bars-from').fill('');
    await page.getByTestId('bars-to').fill('');
  });

  it('generates a short Q3 piece that joins the library', async () => {
    await page.getByTestId('tab-generate').click();
    await page.getByTestId('quadrant-Q3').click();
    expect(await attr(page, 'quadrant-Q3', 'aria-checked')).toBe('true');
    await page.getByTestId('generate-count').fill('1');
    await page.getByTestId('generate-bars').fill('2');
    // the mood strength shows the model's guidance until the user takes it over
    const manifest = JSON.parse(readFileSync(projectPath('models', 'manifest.json'), 'utf8'));
    const scale = (q: string) => (manifest.prior?.quadrant_guidance?.[q] ?? manifest.prior?.guidance ?? 1).toFixed(2);
    await expect.poll(() => page.getByTestId('generate-strength-value').textContent()).toBe(scale('Q3'));
    // the model's scale is the quadrant's own
    await page.getByTestId('quadrant-Q1').click();
    await expect.poll(() => page.getByTestId('generate-strength-value').textContent()).toBe(scale('Q1'));
    await page.getByTestId('quadrant-Q3').click();
    expect(await page.getByTestId('generate-strength').isDisabled()).toBe(true);
    await page.getByTestId('generate-strength-default').uncheck();
    await page.getByTestId('generate-strength').fill('3');
    expect(await page.getByTestId('generate-strength-value').textContent()).toBe('3.00');
    // the key: auto at first, any of the 24 by name
    expect(await page.getByTestId('generate-key').inputValue()).toBe('auto');
    await page.getByTestId('generate-key').selectOption('A minor');
    await page.getByTestId('generate-button').click();
    // named with the key it was written in
    await expect.poll(async () => (await names(page)).filter((n) => n.startsWith('Q3 sad 2 bars in A minor #1')), ENGINE).toHaveLength(1);
    await expect.poll(() => page.getByTestId('piece-name').textContent()).toMatch(/^Q3 sad 2 bars in A minor #1 \(seed \d+\)$/);
    expect(Number(await attr(page, 'piano-roll', 'data-notes'))).toBeGreaterThan(0);
    await shot(page, 'studio-06-generated');
  });

  it('still gets a generation that ended while the event stream was down', async () => {
    // a page whose event streams the test can break, as a network failure would
    await page.addInitScript(() => {
      const streams: EventSource[] = [];
      Object.assign(window, { streams });
      window.EventSource = class extends window.EventSource {
        constructor(url: string | URL, init?: EventSourceInit) {
          super(url, init);
          streams.push(this);
        }
      };
    });
    await page.reload();
    await page.getByTestId('tab-generate').click();
    await page.getByTestId('quadrant-Q3').click();
    await page.getByTestId('generate-count').fill('1');
    await page.getByTestId('generate-bars').fill('1');
    await expect.poll(() => page.evaluate(() => (window as unknown as { streams: EventSource[] }).streams.at(-1)?.readyState)).toBe(1);
    // the stream fails and cannot come back while the job runs and ends
    await page.route('**/api/events**', (route) => route.abort());
    await page.evaluate(() => {
      const stream = (window as unknown as { streams: EventSource[] }).streams.at(-1)!;
      stream.close();
      stream.onerror?.(new Event('error'));
    });
    const reply = page.waitForResponse((r) => r.url().includes('/api/generate.start'));
    await page.getByTestId('generate-button').click();
    const { value } = await (await reply).json();
    await expect.poll(async () => (await call<{ state: string }>(page, 'job.state', { job: value.job })).state, ENGINE).toBe('ended');
    const made = async () => (await names(page)).filter((n) => /^Q3 sad 1 bars .*#1 /.test(n));
    expect(await made()).toHaveLength(0); // its outcome never reached the page
    // back: the page asks the engine how the job it saw running ended
    await page.unroute('**/api/events**');
    await expect.poll(made, ENGINE).toHaveLength(1);
  });

  it('cancels a long generation and adds nothing', async () => {
    const before = await names(page);
    // eight variations of 64 bars: a single one may reach its end (EOS) within seconds,
    // a batch runs until every variation has ended
    await page.getByTestId('generate-count').fill('8');
    await page.getByTestId('generate-bars').fill('64');
    await page.getByTestId('generate-button').click();
    await expect.poll(() => page.getByTestId('cancel-job').isEnabled()).toBe(true);
    // the prior samples all 64 bars' latents before the first notes decode, reporting how far
    await expect.poll(async () => Number(await attr(page, 'job-progress', 'data-latents'))).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('job-progress').textContent()).toMatch(/Sampling the latents: \d+ \/ 3074 positions/);
    expect(Number(await attr(page, 'job-progress', 'data-total'))).toBeGreaterThanOrEqual(Number(await attr(page, 'job-progress', 'data-done')));
    await shot(page, 'studio-07-generating');
    await page.getByTestId('cancel-job').click();
    await expect.poll(() => page.getByTestId('job-outcome').textContent()).toMatch(/Cancelled/);
    expect(await page.getByTestId('job-progress').count()).toBe(0);
    expect(await names(page)).toEqual(before);
    expect(await page.getByTestId('studio-error').count()).toBe(0);
    await shot(page, 'studio-08-cancelled');
  });
});

describe.skipIf(skipWithoutChromium)('the studio in Chromium without models', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    // in-process, so the engine can be made to fail as it does where the models are missing
    const ctx = createContext(join(tempDir('muser-e2e-'), 'workspace'), { openEngine: () => Promise.reject(new Error('models/manifest.json: missing')) });
    server = await startServer({ ctx, events: ctx.events, root: rendererRoot(projectPath()), token: 'e2e-token', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says why and turns its actions off', async () => {
    const page = await openPage(browser, server.url);
    await expect.poll(() => page.getByTestId('studio-error').textContent()).toContain('models/manifest.json: missing');
    expect(await page.getByTestId('transfer-button').isDisabled()).toBe(true);
    await page.getByTestId('tab-generate').click();
    expect(await page.getByTestId('generate-button').isDisabled()).toBe(true);
    await page.getByTestId('tab-emotion').click();
    await expect.poll(() => page.getByTestId('emotion-estimate').textContent()).toContain('Not available');
    expect(await page.getByTestId('emotion-progress').count()).toBe(0);
    expect(await attr(page, 'va-plane', 'data-points')).toBe('0');
    await shot(page, 'studio-09-no-models');
  });
});
