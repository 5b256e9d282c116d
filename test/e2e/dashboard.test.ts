/**
 * The dashboard in a real Chromium over a demo-sized store built from real files (Gwent and the
 * City of London street data, with detection, quality and force boundaries run on it): every page
 * loads without console errors, an alert is triaged, a real file is uploaded with its progress
 * shown, the keyboard reaches everything, and the pages fit 1280×800 and tablet width.
 * The server is `startServer`, as `peel serve` and `peel demo` run it: with the access plugin, so
 * the browser signs in first. Screenshots go to test-output/e2e/ — they are the review.
 *
 * Needs Debian's chromium at /usr/bin/chromium (skipped with that reason when absent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Store } from '../../src/store/index.ts';
import { createAccess, createDemoAccount, listAudit } from '../../src/access/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { runQuality } from '../../src/quality/index.ts';
import { detectEmergingTrends } from '../../src/trends/detect/index.ts';
import { loadGeography } from '../../src/geography/index.ts';
import { HAS_SHARED, SHARED_DATA } from '../helpers/shared.ts';
import { E2E_OUT as OUT, HAS_CHROMIUM, NO_CHROMIUM } from '../helpers/chromium.ts';
import { startHub, signIn, visit as open, type Account, type Hub } from './helpers.ts';

const suite = HAS_CHROMIUM && HAS_SHARED ? describe : describe.skip;
const why = NO_CHROMIUM || (!HAS_SHARED ? ' (skipped: ../shared not found)' : '');

suite(`the dashboard in Chromium${why}`, () => {
  let hub: Hub;
  let store: Store;
  let page: Page;
  let base: string;
  let errors: string[] = [];
  let account: Account = { name: '', password: '' };
  let admin: Account = { name: '', password: '' };
  let cityAnalyst: Account = { name: '', password: '' };

  /** Signs in afresh as `who`, landing on `hash`. */
  const signInAs = (who: Account, hash: string) => signIn(hub, who, hash);

  const visit = async (hash: string, shot: string) => {
    await open(hub, hash);
    await page.screenshot({ path: join(OUT, `${shot}.png`), fullPage: true });
  };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    hub = await startHub('dashboard', async (s, cfg) => {
      await ingest(s, [join(SHARED_DATA, 'police_uk/street/gwent'), join(SHARED_DATA, 'police_uk/street/city-of-london')]);
      await loadGeography(s, [join(SHARED_DATA, 'geography/Police_Force_Areas.geojson')]);
      await runQuality(s);
      await detectEmergingTrends(s, { month: '2022-09' });
      const access = createAccess(s, cfg);
      account = await createDemoAccount(access, { name: 'analyst', role: 'national_analyst' }, { actor: 'test:e2e' });
      // Uploading is an administrator's job; reading rejected rows a force analyst's, for their force.
      admin = await createDemoAccount(access, { name: 'loader', role: 'admin' }, { actor: 'test:e2e' });
      cityAnalyst = await createDemoAccount(access, { name: 'city-analyst', role: 'force_analyst', forces: ['city-of-london'] }, { actor: 'test:e2e' });
    });
    // The server owns the store from here; the test reads it through the server's own handle.
    ({ store, page, base, errors } = hub);
    page.on('request', (r) => process.env.PEEL_E2E_DEBUG && console.log('REQ', r.url()));
    page.on('response', (r) => process.env.PEEL_E2E_DEBUG && console.log('RES', r.status(), r.url()));
    await page.goto(`${base}/`);
    await page.getByLabel('Account name').fill(account.name);
    await page.getByLabel('Password').fill(account.password);
    await page.screenshot({ path: join(OUT, '00-sign-in.png') });
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('[data-ready="true"] h1:has-text("National overview")', { timeout: 30_000 });
    expect(errors, errors.join('\n')).toEqual([]);
  }, 600_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('opens on the national overview with the map, this month and every force with data', async () => {
    await visit('', '01-overview');
    expect(await page.locator('h1').innerText()).toBe('National overview');
    expect(await page.locator('[data-testid="forces-table"] tbody tr').count()).toBe(2);
    await page.locator('[data-testid="forces-table"]', { hasText: 'Gwent Police' }).first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.lede').innerText()).toContain('September 2022');
    // MapLibre drew into its canvas.
    expect(await page.locator('[data-testid="map"] canvas').count()).toBeGreaterThan(0);
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it('shows a force: every category series, its hot spots and its quality scorecard', async () => {
    await visit('#/forces/gwent', '02-force-gwent');
    expect(await page.locator('h1').innerText()).toBe('Gwent Police');
    expect(await page.locator('.small-multiples figure').count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator('.small-multiples figure canvas').count()).toBeGreaterThanOrEqual(12);
    expect(await page.locator('#qual-h').isVisible()).toBe(true);
    expect(await page.locator('.kv dt').count()).toBeGreaterThan(1);
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it('triages alerts from the inbox: evidence panel, acknowledge, and dismiss with a reason', async () => {
    await visit('#/alerts', '03-alerts');
    const rows = page.locator('[data-testid="alerts-table"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = rows.first().locator('a');
    const label = await first.innerText();
    await first.click();
    await page.waitForSelector('[data-testid="evidence"] h2');
    await page.waitForLoadState('networkidle');
    await page.locator('[data-testid="evidence"]', { hasText: 'Method' }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(OUT, '04-alert-evidence.png'), fullPage: true });
    const id = decodeURIComponent(page.url().split('#/alerts/')[1]);

    await page.getByLabel('Note (optional)').fill('looking at it with the neighbourhood team');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('[data-testid="evidence"] .kv', { hasText: 'acknowledged' }).first().waitFor({ timeout: 15_000 });
    await page.getByLabel('Reason for dismissing (required)').fill('known recording change at this station');
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.locator('[data-testid="evidence"]', { hasText: 'This alert is dismissed' }).first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(OUT, '05-alert-dismissed.png'), fullPage: true });
    const stored = await store.alerts.get(id);
    expect(stored?.status).toBe('dismissed');
    expect(stored?.status_reason).toBe('known recording change at this station');
    // The inbox (filtered to new alerts) no longer lists it.
    await page.goto(`${base}/#/alerts`);
    await page.waitForSelector('[data-testid="alerts-table"]');
    expect(await page.locator(`a[href="#/alerts/${id}"]`).count()).toBe(0);
    expect(label.length).toBeGreaterThan(0);
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it('shows the data-quality league table and a force’s findings', async () => {
    await visit('#/quality', '06-quality-league');
    expect(await page.locator('[data-testid="league-table"] tbody tr').count()).toBe(2);
    await page.locator('[data-testid="league-table"] tbody a', { hasText: 'Gwent Police' }).click();
    await page.waitForSelector('#f-h');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(OUT, '07-quality-gwent.png'), fullPage: true });
    expect(await page.locator('h1').innerText()).toContain('Gwent Police');
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it('shows coverage and batches, and says plainly what the role may not do', async () => {
    await visit('#/data', '08-data-coverage');
    expect(await page.locator('[data-testid="coverage-grid"] tbody tr').count()).toBe(2);
    await visit('#/data/batches', '09-data-batches');
    expect(await page.locator('[data-testid="batches-table"] tbody tr').count()).toBe(25);
    // A national analyst may not read record contents or upload: the page says so, without a failing request.
    await visit('#/data/quarantine', '10-data-quarantine-not-permitted');
    expect(await page.locator('[data-testid="not-permitted"]').innerText()).toContain('quarantine:read');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it("lets a force analyst browse their force's quarantine after stating a purpose", async () => {
    await signInAs(cityAnalyst, '#/data/quarantine');
    await page.getByLabel('Purpose (recorded in the audit log)').fill('checking rejected rows of the test load');
    await page.getByRole('button', { name: 'Show rows' }).click();
    await page.locator('#q-h ~ p.notice, [data-testid="quarantine-table"]').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(OUT, '10-data-quarantine.png'), fullPage: true });
    expect(errors, errors.join('\n')).toEqual([]);
    // The consultation is in the audit log, with who, which force and the purpose given (DPA 2018 s.62).
    const events = await listAudit(store, { action: 'consultation', actor: 'user:city-analyst' });
    expect(events.items.length, JSON.stringify(events.items)).toBeGreaterThan(0);
    expect(events.items.every((e) => e.justification === 'checking rejected rows of the test load')).toBe(true);
    expect(events.items.every((e) => e.forceId === 'city-of-london' || e.forceId === null)).toBe(true);
  });

  it('lets an administrator upload a real file and follow its progress to the end', async () => {
    await signInAs(admin, '#/data/upload');
    await page.screenshot({ path: join(OUT, '11-data-upload.png'), fullPage: true });
    const file = join(SHARED_DATA, 'police_uk/outcomes/city-of-london/2023-01-city-of-london-outcomes.csv');
    await page.getByLabel(/data\.police\.uk files/).setInputFiles(file);
    await page.getByRole('button', { name: 'Upload and load' }).click();
    await page.waitForSelector('[data-testid="upload-job"][data-state="done"]', { timeout: 60_000 });
    await page.locator('[data-testid="upload-job"]', { hasText: '2023-01-city-of-london-outcomes.csv' }).waitFor();
    expect(await page.locator('progress').getAttribute('value')).toBe('100');
    await page.screenshot({ path: join(OUT, '12-data-uploaded.png'), fullPage: true });
    const cov = await store.coverage();
    expect(cov.some((c) => c.kind === 'outcomes' && c.force_id === 'city-of-london' && c.month === '2023-01')).toBe(true);
    expect(errors, errors.join('\n')).toEqual([]);
    await signInAs(account, '#/');
  });

  it('asks before an upload replaces a held month with far fewer rows, showing before and after, and replaces it when confirmed', async () => {
    await signInAs(admin, '#/data/upload');
    const full = readFileSync(join(SHARED_DATA, 'police_uk/outcomes/city-of-london/2023-01-city-of-london-outcomes.csv'), 'utf8').split(/\r?\n/);
    const dir = mkdtempSync(join(tmpdir(), 'peel-e2e-shrink-'));
    const cut = join(dir, '2023-01-city-of-london-outcomes.csv');
    writeFileSync(cut, full.slice(0, 51).join('\n') + '\n');
    await page.getByLabel(/data\.police\.uk files/).setInputFiles(cut);
    await page.getByRole('button', { name: 'Upload and load' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Replace with far fewer rows?' });
    await dialog.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('shrink-before').innerText()).toBe('575');
    expect(await page.getByTestId('shrink-after').innerText()).toBe('50');
    expect((await store.coverage()).find((c) => c.kind === 'outcomes' && c.month === '2023-01')?.rows).toBe(575);
    await page.screenshot({ path: join(OUT, '12b-data-upload-shrink.png'), fullPage: true });
    await dialog.getByRole('button', { name: 'Replace anyway' }).click();
    await page.waitForSelector('[data-testid="upload-job"][data-state="done"]', { timeout: 60_000 });
    expect(await page.locator('tr[data-status="replaced"] [data-testid="rows-before"]').innerText()).toBe('575');
    expect((await store.coverage()).find((c) => c.kind === 'outcomes' && c.month === '2023-01')?.rows).toBe(50);
    rmSync(dir, { recursive: true, force: true });
    expect(errors, errors.join('\n')).toEqual([]);
    await signInAs(account, '#/');
  });

  it('can be used with the keyboard: skip link first, every nav link reachable, visible focus', async () => {
    await visit('', '13-keyboard');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('main');
    await page.reload();
    await page.waitForSelector('[data-ready="true"]');
    const reached: string[] = [];
    // Tab through the whole navigation (more pages than the first release had).
    for (let i = 0; i < 14; i++) {
      await page.keyboard.press('Tab');
      reached.push(String(await page.evaluate('document.activeElement && document.activeElement.textContent')));
    }
    for (const name of ['Overview', 'Forces', 'Alerts', 'Data quality', 'Data', 'API docs']) expect(reached, `nav link ${name}`).toContain(name);
    // Focus is drawn: the focused link has an outline.
    await page.getByRole('link', { name: 'Alerts', exact: true }).focus();
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
    await page.screenshot({ path: join(OUT, '13-keyboard-focus.png') });
    // Every form control has a label.
    for (const hash of ['#/alerts', '#/data/upload', '#/forces/gwent']) {
      await page.goto(`${base}/${hash}`);
      await page.waitForSelector('[data-ready="true"]');
      const unlabelled = await page.evaluate(`[...document.querySelectorAll('input, select, textarea')]
        .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')).map((el) => el.outerHTML)`);
      expect(unlabelled, hash).toEqual([]);
    }
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it('serves the API documentation at /docs offline', async () => {
    await page.goto(`${base}/docs`);
    await page.locator('.swagger-ui .title', { hasText: 'Peel API' }).waitFor({ timeout: 30_000 });
    await page.locator('.opblock-summary-path', { hasText: '/api/cube' }).first().waitFor();
    await page.screenshot({ path: join(OUT, '17-api-docs.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('fits tablet width without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const [hash, shot] of [['', '14-tablet-overview'], ['#/alerts', '15-tablet-alerts'], ['#/forces/gwent', '16-tablet-force']] as const) {
      await visit(hash, shot);
      const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
      expect(overflow, hash).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(errors, errors.join("\n")).toEqual([]);
  });
});
