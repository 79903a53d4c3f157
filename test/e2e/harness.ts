// End-to-end harness: `muser serve` as a real process on a fresh workspace, and Debian's
// Chromium driven by playwright-core (never a downloaded browser). Screenshots go to
// test-output/e2e/ for review.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { projectPath } from '../../engine/paths.js';
import { tempDir } from '../helpers.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Skip where Chromium is missing, but never in CI, which installs it. */
export const skipWithoutChromium = !hasChromium && !process.env.CI;

export const SHOTS = projectPath('test-output', 'e2e');

export interface App {
  url: string;
  workspace: string;
  stop(): Promise<void>;
}

/** Starts `muser serve --no-open --port 0` on `workspace` and waits for its URL. */
export function startApp(workspace = join(tempDir('muser-e2e-'), 'workspace')): Promise<App> {
  const child: ChildProcess = spawn(process.execPath, [projectPath('bin', 'muser.js'), 'serve', '--no-open', '--port', '0', '--workspace', workspace], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`muser serve ${why}:\n${output}`));
    child.stderr!.on('data', (d) => (output += d));
    child.stdout!.on('data', (d) => {
      output += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output);
      if (m)
        resolve({
          url: m[1],
          workspace,
          stop: () =>
            new Promise<void>((r) => {
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => fail(`exited with ${code}`));
    setTimeout(() => fail('printed no URL in 30 s'), 30_000);
  });
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'],
    headless: true,
  });
}

/** A new page at `url`, in a context with the 1280×800 window the screenshots are taken at. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(url);
  return page;
}

export interface OpenApp {
  /** The server; a suite that restarts it assigns the new one here, and close() stops that. */
  app: App;
  browser: Browser;
  page: Page;
  /** Closes the browser and stops the app. */
  close(): Promise<void>;
}

/** Starts the app (startApp), launches Chromium and opens a page on the app's URL. */
export async function openApp(): Promise<OpenApp> {
  const app = await startApp();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const opened: OpenApp = {
      app,
      browser,
      page: await openPage(browser, app.url),
      close: async () => {
        await opened.browser.close();
        await opened.app.stop();
      },
    };
    return opened;
  } catch (e) {
    await browser?.close();
    await app.stop();
    throw e;
  }
}

/** The library's piece names, top to bottom. */
export const libraryNames = (page: Page) => page.getByTestId('library-item-name').allTextContents();

/** An attribute now (null when the element is not there): polls must not wait inside. */
export const attrNow = (page: Page, testid: string, name: string) =>
  page.evaluate(([testid, name]) => document.querySelector(`[data-testid="${testid}"]`)?.getAttribute(name) ?? null, [testid, name] as const);

/** One API call from the page, with its access token. */
export function apiCall<T>(page: Page, op: string, args: unknown): Promise<T> {
  return page.evaluate(
    async ([op, args]) => {
      const res = await fetch(`/api/${op}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-muser-token': sessionStorage.getItem('muser-token') ?? '' }, body: JSON.stringify(args) });
      const reply = await res.json();
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    [op, args] as const,
  ) as Promise<T>;
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}
