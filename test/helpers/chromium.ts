/**
 * Debian's Chromium driven by playwright-core, as the e2e tests use it: the flags that make it run
 * headless and offline here, a page whose console errors and page errors are collected, and a
 * guard that fails any request leaving the server (the dashboard must work on closed networks).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './shared.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
/** Why an e2e suite is skipped, or '' when it runs. */
export const NO_CHROMIUM = HAS_CHROMIUM ? '' : ` (skipped: ${CHROMIUM} not found; apt-get install chromium)`;
/** Where e2e screenshots go (they are the review). */
export const E2E_OUT = resolve(REPO_ROOT, 'test-output/e2e');

/** A browser and one 1280×800 page; `errors` collects its console errors and uncaught page errors. */
export async function launchWatched(): Promise<{ browser: Browser; page: Page; errors: string[] }> {
  mkdirSync(E2E_OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  return { browser, page, errors };
}

/** Aborts, and records in `errors`, every request that does not go to `base` (or a blob/data URL). */
export async function refuseRemote(page: Page, base: string, errors: string[]): Promise<void> {
  await page.route((url) => !url.href.startsWith(base) && !url.href.startsWith('blob:') && !url.href.startsWith('data:'), (route) => {
    errors.push(`remote request: ${route.request().url()}`);
    return route.abort();
  });
}
