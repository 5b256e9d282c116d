/**
 * The Productivity page in a real Chromium over a demo-style store (a small synthetic national set
 * loaded through the ordinary ingest path, served as `peel demo` serves it, signed in as a national
 * analyst): the funnel plot draws, a force opens with its scorecard and printable briefing, and no
 * console errors. Screenshots go to test-output/e2e/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { createAccess, createDemoAccount } from '../../src/access/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { synthesize } from '../../src/synth/index.ts';
import { E2E_OUT as OUT, HAS_CHROMIUM, NO_CHROMIUM } from '../helpers/chromium.ts';
import { startHub, signIn, type Hub } from './helpers.ts';

const suite = HAS_CHROMIUM ? describe : describe.skip;

suite(`the Productivity page in Chromium${NO_CHROMIUM}`, () => {
  let hub: Hub;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    let account = { name: '', password: '' };
    hub = await startHub('prod', async (s, cfg) => {
      const set = join(dirname(cfg.store), 'set');
      await synthesize({ out: set, seed: 7, endMonth: '2024-12', months: 12, scale: 0.03, narratives: 0,
        forces: ['gwent', 'dyfed-powys', 'south-wales', 'north-wales', 'avon-and-somerset', 'wiltshire', 'gloucestershire', 'dorset', 'devon-and-cornwall'] });
      await ingest(s, [set]);
      account = await createDemoAccount(createAccess(s, cfg), { name: 'analyst', role: 'national_analyst' }, { actor: 'test:e2e' });
    });
    ({ page, errors } = hub);
    await signIn(hub, account);
    await page.waitForSelector('[data-ready="true"] h1:has-text("National overview")', { timeout: 60_000 });
  }, 900_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('draws a funnel per measure, opens a force with its scorecard and briefing', async () => {
    await page.getByRole('link', { name: 'Productivity' }).click();
    await page.locator('[data-testid="funnel"] canvas').first().waitFor({ timeout: 60_000 });
    await page.locator('h1', { hasText: 'Productivity' }).waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, 'productivity-01-funnel.png'), fullPage: true });
    await page.locator('[data-testid="measure"]').selectOption('no_suspect_share');
    await page.locator('[data-testid="funnel"] canvas').first().waitFor();
    await page.getByRole('link', { name: 'Gwent Police', exact: true }).click();
    await page.locator('[data-testid="briefing"]').waitFor({ timeout: 30_000 });
    await page.locator('h1', { hasText: 'Productivity: Gwent Police' }).waitFor();
    const briefing = await page.locator('[data-testid="briefing"]').innerText();
    expect(briefing).toContain('Charge / summons rate');
    expect(briefing).toMatch(/group \d/);
    expect(await page.locator('[data-testid="scorecard"] tbody tr').count()).toBe(14);
    await page.locator('[data-testid="trend-test"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(OUT, 'productivity-02-force.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(OUT, 'productivity-03-briefing-print.png') });
    await page.emulateMedia({ media: 'screen' });
    expect(errors, errors.join('\n')).toEqual([]);
  }, 300_000);
});
