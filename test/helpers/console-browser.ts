// Chromium for the console's browser tests: the real service listening on a port,
// Debian's Chromium driven by playwright-core (set up as in test/e2e/console.test.ts).
// Without Chromium, `skip` carries the reason and each test reports it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import type { Config } from '../../src/config.js';
import { ADMIN_KEY, type TestService, startTestService } from './service.js';

const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const skip = existsSync(executablePath) ? false : `Chromium not found at ${executablePath}: apt-get install chromium (or set CHROMIUM_PATH)`;
export const shots = path.resolve('test-results', 'console');

export interface ConsoleBrowser {
  api: TestService;
  base: string;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Builds the console when stale, starts the service (with config overrides) on a port and opens a page (1440×900 unless told). */
export async function openConsole(viewport = { width: 1440, height: 900 }, overrides: Partial<Config> = {}): Promise<ConsoleBrowser> {
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { encoding: 'utf8' });
  assert.equal(build.status, 0, `web build failed: ${build.stdout}${build.stderr}`);
  const api = await startTestService('embedded', overrides);
  const base = (await api.service.app.listen({ host: '127.0.0.1', port: 0 })).replace('[::1]', '127.0.0.1');
  mkdirSync(shots, { recursive: true });
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'console-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    locale: 'sv-SE',
    viewport,
  });
  const page = await context.newPage();
  return {
    api,
    base,
    context,
    page,
    async close() {
      await context.close();
      await api.stop();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(page: Page, base: string, key = ADMIN_KEY): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('API key').fill(key);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** The page scrolls sideways when its content is wider than the window. Strings: the root tsconfig has no DOM types. */
export const fitsWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth <= document.documentElement.clientWidth') as Promise<boolean>;
