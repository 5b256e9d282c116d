/**
 * The records assistant in a real Chromium: an investigator states a purpose, searches narratives
 * (highlighted snippets, facets, a summary), opens a record, follows a vehicle to its entity page
 * across two forces, reviews the proposed redaction (removes one span, adds another) and exports
 * it, then reviews an uploaded NDJSON set. The decision lands in the audit log. The server is
 * `startServer` with the access plugin, over a store loaded with `loadNarratives`.
 * Screenshots go to test-output/e2e/ (records-*.png).
 *
 * Needs Debian's chromium at /usr/bin/chromium (skipped with that reason when absent); the data
 * is the test's own, so ../shared is not needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import type { RunningServer } from '../../src/api/index.ts';
import { createAccess, createDemoAccount, listAudit } from '../../src/access/index.ts';
import { loadNarratives } from '../../src/records/index.ts';
import { E2E_OUT as OUT, HAS_CHROMIUM, NO_CHROMIUM as why } from '../helpers/chromium.ts';
import { NARRATIVES, writeNdjson } from '../records/fixtures.ts';
import { startHub, signIn, type Hub } from './helpers.ts';

const suite = HAS_CHROMIUM ? describe : describe.skip;

suite(`the records pages in Chromium${why}`, () => {
  let hub: Hub;
  let server: RunningServer;
  let page: Page;
  let base: string;
  let errors: string[] = [];
  let investigator = { name: '', password: '' };

  const shot = (name: string) => page.screenshot({ path: join(OUT, `records-${name}.png`), fullPage: true });
  const ready = () => page.waitForSelector('[data-ready="true"]', { timeout: 30_000 });

  beforeAll(async () => {
    hub = await startHub('records', async (s, cfg) => {
      await loadNarratives(s, [writeNdjson(join(dirname(cfg.store), 'narratives.ndjson'), NARRATIVES)]);
      const access = createAccess(s, cfg);
      investigator = await createDemoAccount(access, { name: 'investigator', role: 'investigator', forces: ['kent', 'essex'] }, { actor: 'test:e2e' });
    });
    ({ server, page, base, errors } = hub);
    await signIn(hub, investigator, '#/records');
    await page.locator('[data-ready="true"] h1', { hasText: 'Records' }).waitFor({ timeout: 30_000 });
  }, 600_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('searches with a purpose: highlighted snippets, facets, and a summary of the results', async () => {
    await page.getByLabel('Purpose (recorded in the audit log)').fill('case 24/1234 burglary series');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Search', { exact: true }).fill('vehicle');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('[data-testid="hits"] li').first().waitFor();
    expect(await page.locator('[data-testid="hits"] li').count()).toBe(3);
    expect(await page.locator('[data-testid="hits"] mark').count()).toBeGreaterThanOrEqual(3);
    // The OFFICIAL-SENSITIVE match the investigator may not open is not counted, nor mentioned.
    const status = await page.locator('[data-testid="search-status"]').innerText();
    expect(status).toContain('3 matching records');
    expect(status).not.toMatch(/SENSITIVE|withheld|left out/);
    await page.locator('[data-testid="facets"]').getByRole('button', { name: 'Kent Police', exact: true }).click();
    await expect.poll(() => page.locator('[data-testid="hits"] li').count(), { timeout: 15_000 }).toBe(2);
    await page.getByRole('button', { name: 'Summarise these records' }).click();
    await page.locator('[data-testid="summary"]').waitFor();
    expect(await page.locator('[data-testid="summary"]').innerText()).toContain('AB12 CDE');
    expect(await page.locator('[data-testid="summary"] h2').innerText()).toBe('Summary of 2 records');
    await shot('01-search');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('opens a record with its entities and follows the vehicle to its page across forces', async () => {
    await page.locator('[data-testid="hits"] a', { hasText: 'K-1' }).click();
    await page.locator('[data-testid="entities-table"]').waitFor();
    expect(await page.locator('h1').innerText()).toContain('K-1');
    expect(await page.locator('[data-testid="narrative"] mark').count()).toBeGreaterThanOrEqual(3);
    await page.locator('[data-testid="review"] table').first().waitFor();
    await shot('02-record');
    await page.locator('[data-testid="entities-table"] a', { hasText: 'AB12 CDE' }).click();
    await page.locator('[data-testid="entity-status"]').waitFor();
    expect(await page.locator('[data-testid="entity-status"]').innerText()).toContain('3 records mention it, in 2 forces');
    expect(await page.locator('[data-testid="entity-records-essex"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="entity-records-kent"] tbody tr').count()).toBe(2);
    await shot('03-entity');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('reviews the proposed redaction of a record, exports it, and audits the decision', async () => {
    await page.goto(`${base}/#/records/kent/K-1`);
    await ready();
    const review = page.locator('[data-testid="review-K-1"]');
    await review.waitFor();
    await page.getByLabel('Policy').selectOption('public');
    await review.getByLabel('redact “07700 900123”').waitFor();
    await review.getByLabel('redact “07700 900123”').uncheck();
    await review.getByLabel('Add text to redact').fill('Ford Focus');
    await review.getByLabel('as', { exact: true }).selectOption('ADDRESS');
    await review.getByRole('button', { name: 'Add span' }).click();
    expect(await review.locator('tr', { hasText: 'added by you' }).count()).toBe(1);
    await shot('04-review');
    await page.getByLabel('Recipient (recorded in the audit log)').fill('CPS Kent');
    await page.getByRole('button', { name: 'Export redacted copy' }).click();
    const out = page.locator('[data-testid="redacted-K-1"]');
    await out.waitFor();
    const text = await out.innerText();
    expect(text).toContain('07700 900123');
    expect(text).not.toContain('Sarah JONES');
    expect(text).not.toContain('AB12 CDE');
    expect(await page.locator('[data-testid="export-result"]').innerText()).toMatch(/1 removed, 1 added/);
    await shot('05-exported');
    const events = (await listAudit(server.app.peel.store, { action: 'alteration', limit: 10 })).items;
    expect(events.some((e) => e.actor === 'user:investigator' && e.objectIds.includes('record:kent/K-1') && e.detail.decision === 'redaction review' && e.recipient === 'CPS Kent')).toBe(true);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('reviews an uploaded NDJSON set', async () => {
    await page.goto(`${base}/#/records/review`);
    await ready();
    const set = [{ record_id: 'u1', narrative: 'Caller John SMITH on 07700 900987 reports his car AB12 CDE stolen.' }, { record_id: 'u2', narrative: 'John SMITH called again.' }];
    await page.getByLabel('NDJSON file').setInputFiles({ name: 'set.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(set.map((r) => JSON.stringify(r)).join('\n')) });
    await page.locator('[data-testid="review-u2"]').waitFor();
    await page.getByLabel('Recipient (recorded in the audit log)').fill('CPS Kent');
    await page.getByRole('button', { name: 'Export redacted copy' }).click();
    await page.locator('[data-testid="redacted-u2"]').waitFor();
    expect(await page.locator('[data-testid="redacted-u2"]').innerText()).toBe('[PERSON 1] called again.');
    expect(await page.locator('a', { hasText: 'Download the redacted copy' }).getAttribute('href')).toMatch(/^blob:/);
    await shot('06-upload-review');
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('starts an officer unticked under the disclosure policy, and the exported copy matches the review span for span', async () => {
    await page.goto(`${base}/#/records/review`);
    await ready();
    const set = [{ record_id: 'o1', narrative: 'PC 4521 Daniel WRIGHT attended. Victim Mary COLLINS of 12 Mill Lane, Leeds LS6 2AB, on 07700 900456.' }];
    await page.getByLabel('NDJSON file').setInputFiles({ name: 'officer.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(set.map((r) => JSON.stringify(r)).join('\n')) });
    const review = page.locator('[data-testid="review-o1"]');
    await review.locator('tbody tr').first().waitFor();
    expect(await page.getByLabel('Policy').inputValue()).toBe('disclosure');
    // Each row: its text and whether it is ticked for redaction, as the reviewer sees them.
    const rows = await review.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      text: tr.querySelector('label')?.textContent ?? '', ticked: (tr.querySelector('input[type=checkbox]') as unknown as { checked: boolean }).checked,
      type: (tr.querySelector('select') as unknown as { value: string }).value, origin: tr.lastElementChild?.textContent ?? '',
    })));
    const officer = rows.find((r) => r.type === 'OFFICER');
    expect(officer, JSON.stringify(rows)).toBeDefined();
    expect(officer!.ticked).toBe(false);
    expect(officer!.origin).toBe('kept visible by the policy');
    // The preview shows it as staying in the copy (underlined), not blacked out nor struck through.
    expect(await review.locator('.narrative mark.span-kept').allInnerTexts()).toEqual([officer!.text]);
    expect(rows.filter((r) => r.ticked).length).toBeGreaterThanOrEqual(3);
    await shot('07-officer-review');
    await page.getByLabel('Recipient (recorded in the audit log)').fill('CPS Yorkshire');
    await page.getByRole('button', { name: 'Export redacted copy' }).click();
    const out = page.locator('[data-testid="redacted-o1"]');
    await out.waitFor();
    const text = await out.innerText();
    // What the review showed ticked is gone from the copy; what it showed unticked (the officer) stays.
    for (const r of rows) {
      if (r.ticked) expect(text, r.text).not.toContain(r.text);
      else expect(text, r.text).toContain(r.text);
    }
    // Nothing proposed was removed and nothing added: the untouched review is the policy's own proposal.
    expect(await page.locator('[data-testid="export-result"]').innerText()).toMatch(/0 removed, 0 added/);
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('shows an investigator only the pages of the role: home is Records, and the overview says why it is not theirs', async () => {
    await page.goto(`${base}/#/`);
    await page.waitForURL(/#\/records$/);
    await ready();
    const nav = await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allInnerTexts();
    expect(nav).toContain('Records');
    expect(nav).not.toContain('Overview');
    expect(nav).not.toContain('Alerts');
    await page.goto(`${base}/#/alerts`);
    await page.locator('[data-ready="true"] h1', { hasText: 'Alert inbox' }).waitFor();
    expect(await page.locator('main').innerText()).toMatch(/investigator role does not hold[\s\S]*Records/);
    await shot('07-investigator-alerts');
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
