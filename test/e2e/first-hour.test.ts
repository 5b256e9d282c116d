/**
 * The analyst's first hour, in a real Chromium, on real files with uneven coverage (Gwent to
 * 2022-09, Dorset's one month 2021-02): the sign-in error, each role's landing page, the
 * month picker, the inbox filters and triage history, the admin pages (a user and a token
 * created) and the audit chain verified, an unknown force, and places on the maps (district
 * boundaries and names, the hover label naming an alert's LSOAs and their district). Screenshots of each page as each
 * role go to test-output/e2e/first-hour/ — they are the review.
 *
 * Needs Debian's chromium at /usr/bin/chromium and ../shared (skipped with the reason when absent).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Store } from '../../src/store/index.ts';
import { createAccess, createDemoAccount } from '../../src/access/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { runQuality } from '../../src/quality/index.ts';
import { detectEmergingTrends } from '../../src/trends/detect/index.ts';
import { loadGeography } from '../../src/geography/index.ts';
import { HAS_SHARED, SHARED_DATA } from '../helpers/shared.ts';
import { E2E_OUT, HAS_CHROMIUM, NO_CHROMIUM } from '../helpers/chromium.ts';
import { startHub, signIn, hoverLabels, type Account, type Hub } from './helpers.ts';

const suite = HAS_CHROMIUM && HAS_SHARED ? describe : describe.skip;
const why = NO_CHROMIUM || (!HAS_SHARED ? ' (skipped: ../shared not found)' : '');
const OUT = join(E2E_OUT, 'first-hour');

suite(`the analyst's first hour in Chromium${why}`, () => {
  let hub: Hub;
  let store: Store;
  let page: Page;
  let base: string;
  let errors: string[] = [];
  const who: Record<'analyst' | 'admin' | 'investigator' | 'auditor', Account> = {
    analyst: { name: '', password: '' }, admin: { name: '', password: '' }, investigator: { name: '', password: '' }, auditor: { name: '', password: '' },
  };

  const ready = () => page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });
  const shot = async (name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
  };
  const signInAs = (a: Account, hash = '') => signIn(hub, a, hash);

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    hub = await startHub('first', async (s, cfg) => {
      const gwent = join(SHARED_DATA, 'police_uk/street/gwent');
      // Two years of Gwent (to 2022-09), and Dorset's only month: uneven coverage.
      const files = readdirSync(gwent).filter((f) => f >= '2020-10').map((f) => join(gwent, f));
      await ingest(s, [...files, join(SHARED_DATA, 'police_uk/street/dorset/2021-02-dorset-street.csv')]);
      // The whole ONS geography: boundaries, LSOA → district lookups and LSOA points (districts on maps).
      await loadGeography(s, [join(SHARED_DATA, 'geography')]);
      await runQuality(s);
      await detectEmergingTrends(s, { month: '2022-09', forces: ['gwent'] });
      const access = createAccess(s, cfg);
      const by = { actor: 'test:e2e' };
      who.analyst = await createDemoAccount(access, { name: 'analyst', role: 'national_analyst' }, by);
      who.admin = await createDemoAccount(access, { name: 'admin', role: 'admin' }, by);
      who.investigator = await createDemoAccount(access, { name: 'investigator', role: 'investigator', forces: ['gwent'] }, by);
      who.auditor = await createDemoAccount(access, { name: 'auditor', role: 'auditor' }, by);
    });
    ({ store, page, base, errors } = hub);
  }, 600_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('hides the navigation before sign-in and says a wrong password plainly', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Account name').waitFor();
    expect(await page.locator('nav[aria-label="Main"]').count()).toBe(0);
    await page.getByLabel('Account name').fill(who.analyst.name);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const msg = page.locator('[data-testid="sign-in-error"]');
    await msg.waitFor({ timeout: 15_000 });
    expect(await msg.innerText()).toBe('Wrong user name or password.');
    expect(await page.locator('.notice', { hasText: 'could not be loaded' }).count()).toBe(0);
    await shot('00-sign-in-wrong-password');
    errors.length = 0; // the 401 of the wrong password is the point of this test
  });

  it('lands each role on a page it can use', async () => {
    await signInAs(who.admin);
    expect(await page.locator('h1').innerText()).toBe('Administration');
    expect(page.url()).toContain('#/admin');
    await shot('admin-01-landing');
    await signInAs(who.investigator);
    expect(await page.locator('h1').innerText()).toBe('Records');
    await shot('investigator-01-landing');
    await signInAs(who.auditor);
    expect(await page.locator('h1').innerText()).toBe('Audit log');
    await shot('auditor-01-landing');
    await signInAs(who.analyst);
    expect(await page.locator('h1').innerText()).toBe('National overview');
    await shot('analyst-01-overview');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('has a month picker on the overview that asks the API for the month chosen', async () => {
    await page.goto(`${base}/#/`);
    await ready();
    const picker = page.locator('#month-pick');
    expect(await picker.inputValue()).toBe('2022-09');
    const options = await picker.locator('option').allInnerTexts();
    expect(options[0]).toBe('September 2022');
    expect(options).toContain('February 2021');
    // In September 2022 Dorset has published nothing: its row says so, not "0 crimes".
    const dorsetSeptember = page.locator('[data-testid="forces-table"] tr', { hasText: 'Dorset' }).locator('td').nth(3);
    await expect.poll(() => dorsetSeptember.innerText(), { timeout: 15_000 }).toBe('no data');
    const asked = page.waitForRequest((r) => r.url().includes('/api/cube') && r.url().includes('from=2021-02'));
    await picker.selectOption('2021-02');
    await asked;
    await page.locator('.lede', { hasText: 'February 2021' }).waitFor();
    // Dorset has data only in February 2021: its row now counts crimes.
    const dorset = page.locator('[data-testid="forces-table"] tr', { hasText: 'Dorset' });
    await dorset.waitFor();
    await expect.poll(async () => Number((await dorset.locator('td').nth(3).innerText()).replace(/,/g, '')), { timeout: 15_000 }).toBeGreaterThan(0);
    await shot('analyst-02-overview-february');
    // The force page picks the force's own latest month, and offers the others.
    await page.goto(`${base}/#/forces/dorset`);
    await ready();
    expect(await page.locator('#month-pick').inputValue()).toBe('2021-02');
    await shot('analyst-03-force-dorset');
    await page.goto(`${base}/#/quality`);
    await ready();
    expect(await page.locator('#month-pick').count()).toBe(1);
    await shot('analyst-04-quality');
    await page.goto(`${base}/#/quality/gwent`);
    await page.locator('[data-testid="scorecard"]').waitFor({ timeout: 15_000 });
    await shot('analyst-05-quality-gwent');
    // Findings are grouped (collapsible) by dimension, named, never raw check codes.
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\b(completeness|validity|consistency|timeliness|uniqueness|accuracy)\.[a-z_]+/);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('filters the inbox by category, kind, month and priority, and shows who triaged an alert, when and why', async () => {
    await page.goto(`${base}/#/alerts`);
    await ready();
    await page.locator('[data-testid="alerts-table"]').waitFor({ timeout: 15_000 });
    const all = await page.locator('[data-testid="alerts-table"] tbody tr').count();
    expect(all).toBeGreaterThan(0);
    await shot('analyst-06-inbox');
    // Category: pick the first alert's category; every row then names it.
    const first = await page.locator('[data-testid="alerts-table"] tbody th a').first().innerText();
    const category = first.split(': ').slice(1).join(': ');
    await page.locator('#f-category').selectOption({ label: category });
    const links = page.locator('[data-testid="alerts-table"] tbody th a');
    await expect.poll(async () => (await links.allInnerTexts()).every((t) => t.includes(category)), { timeout: 15_000 }).toBe(true);
    const kindLabel = first.split(': ')[0];
    await page.locator('#f-kind').selectOption({ label: kindLabel });
    await page.locator('#f-month').selectOption('2022-09');
    // The list keeps its last answer while reloading: wait until every row is of the filters chosen.
    const rows = page.locator('[data-testid="alerts-table"] tbody tr');
    await expect.poll(async () => {
      const all = await rows.allInnerTexts();
      return all.length > 0 && all.every((r) => r.includes(`${kindLabel}: ${category}`) && r.includes('September 2022'));
    }, { timeout: 15_000 }).toBe(true);
    // A month with no detection run has nothing; an impossible priority floor empties the list.
    await page.locator('#f-month').selectOption('2021-09');
    await page.locator('text=No alerts match these filters.').waitFor();
    await page.locator('#f-month').selectOption('');
    await page.locator('#f-priority').selectOption('100');
    const prios = page.locator('[data-testid="alerts-table"] tbody td.num:nth-of-type(4)');
    await expect.poll(async () => (await prios.allInnerTexts()).every((p) => Number(p.replace(/,/g, '')) >= 100), { timeout: 15_000 }).toBe(true);
    await page.locator('#f-priority').selectOption('');
    await page.locator('[data-testid="alerts-table"] tbody tr').first().waitFor();

    // Triage: acknowledge with a note, then mark actioned; the history says who, when and the notes.
    await page.locator('[data-testid="alerts-table"] tbody th a').first().click();
    await page.locator('[data-testid="evidence"]', { hasText: 'Triage' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('Note (optional)').fill('neighbourhood team asked to look');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('[data-testid="triage-history"] li', { hasText: 'Acknowledged by analyst' }).waitFor({ timeout: 15_000 });
    await page.getByLabel('What was done (optional)').fill('extra patrols on Friday nights');
    await page.getByRole('button', { name: 'Mark actioned' }).click();
    await page.locator('[data-testid="evidence"]', { hasText: 'This alert is actioned' }).waitFor({ timeout: 15_000 });
    const history = await page.locator('[data-testid="triage-history"] li').allInnerTexts();
    expect(history).toHaveLength(2);
    expect(history[0]).toMatch(/^Acknowledged by analyst on \d{1,2} [A-Z][a-z]+ 20\d\d at \d\d:\d\d UTC: .?neighbourhood team asked to look.?$/);
    expect(history[1]).toContain('Actioned by analyst');
    expect(history[1]).toContain('extra patrols on Friday nights');
    await shot('analyst-07-alert-actioned');
    const id = decodeURIComponent(page.url().split('#/alerts/')[1]);
    expect((await store.alerts.events(id)).map((e) => [e.status, e.actor])).toEqual([['acknowledged', 'user:analyst'], ['actioned', 'user:analyst']]);
    // The evidence shows p and q for people, never in exponent notation.
    expect(await page.locator('[data-testid="evidence"] .kv').innerText()).not.toMatch(/\de-\d/);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it("draws an alert's cells as one shaded area over the force and district boundaries, and names the place under the pointer", async () => {
    await signInAs(who.analyst, '#/alerts');
    await ready();
    await page.locator('#f-kind').selectOption('space_time_cluster');
    const link = page.locator('[data-testid="alerts-table"] tbody th a', { hasText: 'Space-time cluster' }).first();
    await link.waitFor({ timeout: 15_000 });
    await link.click();
    const map = page.locator('[data-testid="evidence"] [data-testid="map"]');
    await map.locator('canvas').waitFor({ timeout: 15_000 });
    expect(await map.getAttribute('aria-label')).toMatch(/^Map of the alert's area: \d+ .* in Gwent Police$/);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    // Gwent's districts are drawn and named on the map (HTML labels), from the ONS geography.
    const labels = await map.locator('xpath=.. >> .map-label').allInnerTexts();
    expect(labels).toEqual(expect.arrayContaining(['Newport', 'Caerphilly', 'Torfaen', 'Monmouthshire', 'Blaenau Gwent']));
    // Hovering the alert's area names its LSOA and district ("Newport 014A in Newport (… alert)").
    const seen = await hoverLabels(page, '[data-testid="evidence"] [data-testid="map"]');
    const area = seen.filter((t) => /alert\)/.test(t));
    expect(area.length, seen.join('\n')).toBeGreaterThan(0);
    for (const t of area) expect(t).toMatch(/^[A-Z][A-Za-z' -]+ \d{3}[A-Z] in (Newport|Caerphilly|Torfaen|Monmouthshire|Blaenau Gwent) \(.+ alert\)/);
    // Outside the area the label names the district and the force, never a code.
    expect(seen.some((t) => /^(Newport|Caerphilly|Torfaen|Monmouthshire|Blaenau Gwent) · Gwent Police$/.test(t)), seen.join('\n')).toBe(true);
    for (const t of seen) expect(t).not.toMatch(/\b[EW]0\d{7}\b|\b8[0-9a-f]{14}\b|gwent/);
    await shot('analyst-09-alert-area');
    await map.locator('xpath=..').screenshot({ path: join(OUT, 'map-alert-area.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it("draws the force's districts on its hot-spot map, named, with the district under the pointer", async () => {
    await page.goto(`${base}/#/forces/gwent`);
    await ready();
    const map = page.locator('[data-testid="map"]').first();
    await map.locator('canvas').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    const labels = await map.locator('xpath=.. >> .map-label').allInnerTexts();
    expect([...labels].sort()).toEqual(['Blaenau Gwent', 'Caerphilly', 'Monmouthshire', 'Newport', 'Torfaen']);
    const seen = await hoverLabels(page, '[data-testid="map"]', 10);
    expect(seen.some((t) => /crimes in September 2022 · (Newport|Caerphilly|Torfaen|Monmouthshire|Blaenau Gwent) · Gwent Police$/.test(t)), seen.join('\n')).toBe(true);
    // The busiest cells are placed by district, not only numbered.
    expect(await page.locator('table', { hasText: 'Busiest cells' }).innerText()).toMatch(/In (Newport|Caerphilly|Torfaen|Monmouthshire|Blaenau Gwent): cell 1 of/);
    await shot('analyst-10-force-districts');
    await map.locator('xpath=..').screenshot({ path: join(OUT, 'map-force-districts.png') });
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('says "No such force" for a force that does not exist', async () => {
    await page.goto(`${base}/#/forces/narnia`);
    await ready();
    expect(await page.locator('h1').innerText()).toBe('No such force');
    expect(await page.locator('[data-testid="force-missing"]').innerText()).toContain('There is no force “narnia”');
    await shot('analyst-08-no-such-force');
    errors.length = 0; // the 404 of the unknown force is the point of this test
  });

  it("opens the admin's Data page on a tab the role may use, with forces, datasets and months by name", async () => {
    await signInAs(who.admin, '#/data');
    await page.locator('[data-testid="batches-table"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('nav[aria-label="Data sections"] [aria-current="page"]').innerText()).toBe('Batches');
    expect(await page.locator('[data-testid="not-permitted"]').count()).toBe(0);
    const rows = page.locator('[data-testid="batches-table"] tbody tr');
    const cells = await rows.first().locator('td').allInnerTexts();
    // Finished, status, dataset, force, months: in words, never slugs or codes.
    expect(cells[2]).toBe('Street crimes');
    expect(['Gwent Police', 'Dorset Police']).toContain(cells[3]);
    expect(cells[4]).toMatch(/^[A-Z][a-z]+ 20\d\d$/);
    expect(cells[0]).not.toMatch(/T\d\d:/);
    await shot('admin-04-data-batches');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('lets the admin add a user and create a token whose secret is shown once', async () => {
    await signInAs(who.admin);
    await page.locator('[data-testid="users-table"]').waitFor({ timeout: 15_000 });
    await page.getByLabel('Account name', { exact: true }).fill('new-analyst');
    await page.locator('#nu-role').selectOption('force_analyst');
    await page.locator('#nu-forces').selectOption(['gwent']);
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('[data-testid="users-table"] tr', { hasText: 'new-analyst' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="users-table"] tr', { hasText: 'new-analyst' }).innerText()).toContain('Gwent Police');
    // Disable them again: the row says so.
    await page.locator('[data-testid="users-table"] tr', { hasText: 'new-analyst' }).getByRole('button', { name: 'Disable' }).click();
    await page.locator('[data-testid="users-table"] tr', { hasText: 'new-analyst' }).getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    await shot('admin-02-users');

    await page.goto(`${base}/#/admin/tokens`);
    await ready();
    await page.getByLabel('Name (the system that uses it)').fill('crime-mapper');
    await page.getByRole('checkbox', { name: /aggregates:read/ }).check();
    await page.getByRole('checkbox', { name: 'Every force' }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = page.locator('[data-testid="token-secret"] code');
    await secret.waitFor({ timeout: 15_000 });
    expect(await secret.innerText()).toMatch(/^peel_[0-9a-f]{16}_/);
    await page.locator('[data-testid="tokens-table"] tr', { hasText: 'crime-mapper' }).waitFor();
    await shot('admin-03-token-created');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.locator('[data-testid="token-secret"]').count()).toBe(0);
    await page.locator('[data-testid="tokens-table"] tr', { hasText: 'crime-mapper' }).getByRole('button', { name: 'Revoke' }).click();
    await page.locator('[data-testid="tokens-table"] tr', { hasText: 'crime-mapper' }).getByRole('cell', { name: /^Revoked/ }).waitFor();
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it("lets the auditor read the log (the admin's changes in it) and verify the chain", async () => {
    await signInAs(who.auditor);
    await page.locator('[data-testid="audit-table"]').waitFor({ timeout: 15_000 });
    await page.locator('#a-action').selectOption('user_added');
    await page.locator('[data-testid="audit-table"] tbody tr', { hasText: 'user:admin' }).first().waitFor({ timeout: 15_000 });
    await page.locator('#a-action').selectOption('');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const result = page.locator('[data-testid="verify-result"]');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toMatch(/^The chain is intact: all [\d,]+ events/);
    await shot('auditor-02-verified');
    // The analyst's triage is in the log, as an alteration of the alert's status.
    await page.locator('#a-action').selectOption('alteration');
    await page.locator('[data-testid="audit-table"] tbody tr', { hasText: 'user:analyst' }).first().waitFor({ timeout: 15_000 });
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
