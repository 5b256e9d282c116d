/**
 * The What works page in a real Chromium over a small synthetic set with a planted tactic trial
 * (registered and evaluated as `peel demo` does): the library lists its EMMIE cards, the trial's
 * page shows the chart and the result in words (force, categories and months by name, not
 * codes), and both read at tablet width and in print.
 * Screenshots go to test-output/e2e/ (whatworks-*.png) — they are the review.
 *
 * Needs Debian's chromium at /usr/bin/chromium (skipped with that reason when absent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { createAccess, createDemoAccount } from '../../src/access/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { synthesize, type TacticTrialTruth } from '../../src/synth/index.ts';
import { evaluateTrial, registerTrial, BUILTIN_TACTICS } from '../../src/tactics/index.ts';
import { getForce, crimeCategoryName, type CrimeCategory } from '../../src/standard/index.ts';
import { E2E_OUT as OUT, HAS_CHROMIUM, NO_CHROMIUM } from '../helpers/chromium.ts';
import { startHub, signIn, visit as open, type Hub } from './helpers.ts';

const suite = HAS_CHROMIUM ? describe : describe.skip;

suite(`the What works page in Chromium${NO_CHROMIUM}`, () => {
  let hub: Hub;
  let page: Page;
  let base: string;
  let errors: string[] = [];
  let trialId = '';
  let planted: TacticTrialTruth;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    let account = { name: '', password: '' };
    hub = await startHub('ww', async (s, cfg) => {
      const out = join(dirname(cfg.store), 'synth');
      await synthesize({ out, months: 36, scale: 0.04, narratives: 0, forces: ['leicestershire', 'northamptonshire', 'derbyshire'], overwrite: true });
      planted = (JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as { tactic_trials: TacticTrialTruth[] }).tactic_trials[0];
      await ingest(s, [out]);
      const t = await registerTrial(s, { tactic_id: 'hot-spots-policing', force_id: planted.force, treated_lsoas: planted.lsoas, start: planted.start, end: planted.end, categories: [planted.category] }, 'test:e2e');
      trialId = t.trial_id;
      await evaluateTrial(s, trialId);
      account = await createDemoAccount(createAccess(s, cfg), { name: 'analyst', role: 'national_analyst' }, { actor: 'test:e2e' });
    });
    ({ page, base, errors } = hub);
    await signIn(hub, account);
    await page.waitForSelector('[data-ready="true"] h1:has-text("National overview")', { timeout: 60_000 });
  }, 600_000);

  afterAll(async () => {
    await hub?.close();
  });

  const visit = (hash: string) => open(hub, hash);

  it('lists the library as EMMIE cards and the trial with its result, from the navigation', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await visit('#/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'What works' }).click();
    await page.waitForSelector('[data-ready="true"] h1:has-text("What works")', { timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const cards = page.getByTestId('tactic-card');
    expect(await cards.count()).toBe(BUILTIN_TACTICS.length);
    const first = cards.filter({ hasText: BUILTIN_TACTICS[0].name });
    for (const label of ['Effect', 'Mechanism', 'Moderators', 'Implementation', 'Economic cost']) expect(await first.locator('dt').filter({ hasText: new RegExp(`^${label} `) }).count(), label).toBe(1);
    await expect(first.getByText(`${BUILTIN_TACTICS[0].emmie.effect.evidence_quality} evidence`).first().isVisible()).resolves.toBe(true);
    const rows = page.getByTestId('trials-table').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    await page.screenshot({ path: join(OUT, 'whatworks-library.png'), fullPage: true });
    expect(errors, errors.join('\n')).toEqual([]);
  }, 120_000);

  it('shows a trial: the chart, the result in words, the numbers and the registration hash', async () => {
    await visit(`#/what-works/trials/${trialId}`);
    await expect(page.locator('canvas').first().isVisible()).resolves.toBe(true);
    expect(await page.locator('.chart canvas').count()).toBe(1);
    // The sub-title names the force, the category and the months, never their codes.
    const sub = await page.locator('h1 + p.small').innerText();
    expect(sub).toContain(getForce(planted.force)!.name);
    expect(sub).toContain(crimeCategoryName(planted.category as CrimeCategory));
    expect(sub).not.toContain(` ${planted.force} `);
    expect(sub).not.toMatch(/\b\d{4}-\d{2}\b/);
    const words = await page.getByTestId('in-words').innerText();
    expect(words).toMatch(new RegExp(`Over 12 months from ${planted.start}, the ${planted.lsoas.length} treated areas`));
    expect(await page.getByTestId('rate-ratio').innerText()).toMatch(/^\d\.\d\d \(95% CI \d\.\d\d–\d\.\d\d/);
    const api = (await (await page.request.get(`${base}/api/trials/${trialId}`)).json()) as { trial: { registration_hash: string } };
    expect(await page.locator('code.hash').first().innerText()).toBe(api.trial.registration_hash);
    expect(await page.getByTestId('export-link').getAttribute('href')).toContain('/api/tactics/hot-spots-policing/export?force=');
    await page.screenshot({ path: join(OUT, 'whatworks-trial.png'), fullPage: true });
    // Tablet width: nothing wider than the window.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.waitForTimeout(300);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await page.screenshot({ path: join(OUT, 'whatworks-trial-768.png'), fullPage: true });
    // In print the export link and navigation back are left out; the result stays.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('export-link').isVisible()).toBe(false);
    expect(await page.getByTestId('in-words').isVisible()).toBe(true);
    await page.screenshot({ path: join(OUT, 'whatworks-trial-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(errors, errors.join('\n')).toEqual([]);
  }, 120_000);
});
