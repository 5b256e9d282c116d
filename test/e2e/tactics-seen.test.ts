/**
 * The Tactics seen page in a real Chromium over a small synthetic set whose narratives carry
 * planted emerging tactics (truth.json narratives.emerging_tactics), loaded and run through
 * `detectEmergingTrends` as `peel demo` does. A force analyst of the tactic's first force sees it in
 * the list, with its explanation, phrases, time line and map, and its records: ids for their own
 * force, counts only for the others. Screenshot: test-output/e2e/tactics-seen.png (the review).
 *
 * Needs Debian's chromium at /usr/bin/chromium (skipped with that reason when absent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/api/index.ts';
import { openStore } from '../../src/store/index.ts';
import { DEFAULT_CONFIG } from '../../src/config/index.ts';
import { createAccess, createDemoAccount } from '../../src/access/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { loadNarratives } from '../../src/records/index.ts';
import { synthesize, type EmergingTactic, type SynthTruth } from '../../src/synth/index.ts';
import { detectEmergingTrends } from '../../src/trends/index.ts';
import { getForce } from '../../src/standard/index.ts';
import { E2E_OUT as OUT, HAS_CHROMIUM, NO_CHROMIUM, launchWatched, refuseRemote } from '../helpers/chromium.ts';

const suite = HAS_CHROMIUM ? describe : describe.skip;
const FORCES = ['leicestershire', 'nottinghamshire', 'derbyshire', 'northamptonshire', 'lincolnshire', 'warwickshire', 'west-midlands', 'staffordshire'];

suite(`the Tactics seen page in Chromium${NO_CHROMIUM}`, () => {
  let dir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let base: string;
  let errors: string[] = [];
  let tactic: EmergingTactic;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'peel-e2e-tactics-'));
    const cfg = { ...DEFAULT_CONFIG, store: join(dir, 'peel.duckdb'), host: '127.0.0.1', port: 0, logLevel: 'warn' };
    const out = join(dir, 'synth');
    await synthesize({ out, seed: 7, months: 24, endMonth: '2024-12', scale: 0.01, narratives: 6000, forces: FORCES as never, overwrite: true });
    const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as SynthTruth;
    tactic = truth.narratives!.emerging_tactics.find((t) => t.five_records_month === truth.end_month)!;
    let account = { name: '', password: '' };
    const s = await openStore(cfg);
    try {
      await ingest(s, readdirSync(out).filter((d) => /^\d{4}-\d{2}$/.test(d)).map((d) => join(out, d)));
      await loadNarratives(s, [join(out, 'narratives', 'records.ndjson')], { indexPath: join(dir, 'index') });
      await detectEmergingTrends(s, { month: truth.end_month, methods: ['tactics'] });
      account = await createDemoAccount(createAccess(s, cfg), { name: 'fa-origin', role: 'force_analyst', forces: [tactic.origin_force] }, { actor: 'test:e2e' });
    } finally {
      s.close();
    }
    server = await startServer(cfg, { buildWeb: true });
    base = server.url.replace(/\/$/, '');
    ({ browser, page, errors } = await launchWatched());
    await page.goto(`${base}/`);
    await page.getByLabel('Account name').fill(account.name);
    await page.getByLabel('Password').fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('[data-ready="true"] h1', { timeout: 60_000 });
    await refuseRemote(page, base, errors);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the planted tactic with what links its crimes, its time line, map and records by need-to-know', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/#/`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tactics seen' }).click();
    await page.waitForSelector('[data-ready="true"] h1:has-text("Tactics seen")', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="tactic-detail"]', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(800);
    const origin = getForce(tactic.origin_force)!.name;
    const detail = page.getByTestId('tactic-detail');
    await expect(detail.locator('.lede').textContent()).resolves.toContain(`first seen ${tactic.first_month} in ${origin}`);
    expect(await page.getByTestId('tactic-phrases').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await detail.locator('canvas').count()).toBeGreaterThan(0);
    expect(await detail.locator('.maplibregl-canvas, canvas.maplibregl-canvas').count()).toBeGreaterThan(0);
    // Own force: record ids as links; the other forces: counts only.
    const rows = page.getByTestId('tactic-forces').locator('tbody tr');
    const texts = await rows.allTextContents();
    const own = texts.find((t) => t.startsWith(origin));
    const ownIds = tactic.record_ids.filter((id) => own?.includes(id));
    expect(ownIds.length).toBeGreaterThan(0);
    const others = texts.filter((t) => !t.startsWith(origin));
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) expect(t).toContain('count only');
    await expect(page.getByTestId('withheld').textContent()).resolves.toMatch(/withheld/);
    await page.screenshot({ path: join(OUT, 'tactics-seen.png'), fullPage: true });
    expect(errors).toEqual([]);
  }, 120_000);
});
