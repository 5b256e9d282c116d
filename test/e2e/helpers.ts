/**
 * What every e2e suite does around its own assertions: a hub over a fresh store in a temporary
 * folder (the suite fills the store first), served as `peel serve` serves it (the access plugin
 * and the built dashboard), a watched Chromium page that refuses remote requests, signing in as an
 * account, and visiting a page until it says it is ready.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/api/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { DEFAULT_CONFIG, type PeelConfig } from '../../src/config/index.ts';
import { launchWatched, refuseRemote } from '../helpers/chromium.ts';

export interface Account {
  name: string;
  password: string;
}

export interface Hub {
  readonly dir: string;
  readonly cfg: PeelConfig;
  readonly server: RunningServer;
  /** The server's own store (open while the hub runs). */
  readonly store: Store;
  /** The server's address, without a trailing slash. */
  readonly base: string;
  readonly browser: Browser;
  readonly page: Page;
  /** Console and page errors, and remote requests refused; each test expects it empty. */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * Starts a hub: `prepare` fills a new store (closed again before the server opens it), then the
 * server and a watched browser start. `config` overrides the defaults (e.g. a lower rate limit).
 */
export async function startHub(prefix: string, prepare: (store: Store, cfg: PeelConfig) => Promise<void>, config: Partial<PeelConfig> = {}): Promise<Hub> {
  const dir = mkdtempSync(join(tmpdir(), `peel-e2e-${prefix}-`));
  const cfg: PeelConfig = { ...DEFAULT_CONFIG, store: join(dir, 'peel.duckdb'), host: '127.0.0.1', port: 0, logLevel: 'warn', ...config };
  const s = await openStore(cfg);
  try {
    await prepare(s, cfg);
  } finally {
    s.close();
  }
  const server = await startServer(cfg, { buildWeb: true });
  const base = server.url.replace(/\/$/, '');
  const { browser, page, errors } = await launchWatched();
  await refuseRemote(page, base, errors);
  return {
    dir, cfg, server, store: server.app.peel.store, base, browser, page, errors,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs in afresh as `who` from the sign-in page at `hash` and waits for the page the role lands
 * on. The 401s the app's probes get while signed out are expected, so they are not kept in `errors`.
 */
export async function signIn(hub: Pick<Hub, 'page' | 'base' | 'errors'>, who: Account, hash = ''): Promise<void> {
  const { page, errors } = hub;
  const before = errors.length;
  await page.context().clearCookies();
  await page.goto(`${hub.base}/${hash}`);
  await page.reload();
  await page.getByLabel('Account name').fill(who.name);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-ready="true"] h1', { hasNotText: 'Sign in to Peel' }).waitFor({ timeout: 30_000 });
  errors.push(...errors.splice(before).filter((e) => !e.includes('status of 401 (Unauthorized)')));
}

/** Opens `hash` and waits until the page is ready and the network quiet (charts and maps drawn). */
export async function visit(hub: Pick<Hub, 'page' | 'base'>, hash: string): Promise<void> {
  await hub.page.goto(`${hub.base}/${hash}`);
  await hub.page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
  await hub.page.waitForLoadState('networkidle');
  await hub.page.waitForTimeout(300);
}

/**
 * Moves the pointer over `selector`'s box on a grid (`steps` × `steps`) and returns every distinct
 * text the map's hover label showed, in the order met: what a person sees moving over the map.
 */
export async function hoverLabels(page: Page, selector: string, steps = 14): Promise<string[]> {
  // The pointer only reaches what is in the window: bring the map into view first (a box below the fold gets no events).
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForTimeout(100);
  const box = await page.locator(selector).boundingBox();
  if (!box) return [];
  const seen: string[] = [];
  const tip = page.locator(`${selector} >> xpath=.. >> [data-testid="map-tip"]`);
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      await page.mouse.move(box.x + (box.width * i) / steps, box.y + (box.height * j) / steps);
      await page.waitForTimeout(15);
      if (await tip.isHidden()) continue;
      const t = await tip.innerText();
      if (t && !seen.includes(t)) seen.push(t);
    }
  }
  // Off the map again, so screenshots taken next show no label left behind.
  await page.mouse.move(0, 0);
  return seen;
}
