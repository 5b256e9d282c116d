/**
 * The productivity standard through its front ends: the API routes (contract, bad input as a
 * problem naming the field), the CLI's JSON contract, and loading officer numbers and comparison
 * groups (a bad row names file, line and value; nothing is stored from a bad file).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { loadGroups, loadWorkforce, productivityReport, PRODUCTIVITY_MEASURE_IDS } from '../../src/productivity/index.ts';
import { ProductivityContract } from '../../src/contract/index.ts';
import { describeShared, SHARED_DATA, REPO_ROOT } from '../helpers/shared.ts';
import { tempDir } from '../helpers/police-uk.ts';

const P = join(SHARED_DATA, 'police_uk');
const peel = (...args: string[]) => spawnSync(process.execPath, [join(REPO_ROOT, 'bin/peel.mjs'), ...args], { encoding: 'utf8' });

describeShared('productivity through the API, the CLI and its loaders', () => {
  let dir: string;
  let path: string;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = tempDir();
    path = join(dir, 'p.duckdb');
    store = await openStore({ store: path, threads: 1 });
    await ingest(store, [
      join(P, 'street/city-of-london/2020-01-city-of-london-street.csv'), join(P, 'street/city-of-london/2020-02-city-of-london-street.csv'),
      join(P, 'street/gwent/2020-01-gwent-street.csv'), join(P, 'street/gwent/2020-02-gwent-street.csv'),
      join(P, 'street/leicestershire/2020-01-leicestershire-street.csv'),
    ]);
    app = await buildServer({ store, logLevel: 'silent', webRoot: null, version: 't', capabilities: {} });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    store?.close();
  });

  it('serves the report in its contract, by force and category', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/productivity?from=2020-01&to=2020-02&force=gwent&category=burglary' });
    expect(r.statusCode, r.body).toBe(200);
    const body = ProductivityContract.ProductivityReport.parse(JSON.parse(r.body));
    expect(body.from).toBe('2020-01');
    expect(new Set(body.measures.map((m) => m.force_id))).toEqual(new Set([null, 'gwent']));
    expect(new Set(body.measures.map((m) => m.category))).toEqual(new Set([null, 'burglary']));
    const gw = body.measures.find((m) => m.measure === 'charge_rate' && m.force_id === 'gwent' && m.category === null)!;
    expect(gw.group_id).toBe('peel:gwent');
    expect(gw.lower!).toBeLessThan(gw.value!);
    // the national value counts every force held, not only the force asked for
    const nat = body.measures.find((m) => m.measure === 'charge_rate' && m.force_id === null && m.category === null)!;
    expect(nat.denominator).toBeGreaterThan(gw.denominator);
    expect(body.funnels.find((f) => f.measure === 'charge_rate' && f.category === null)!.points.length).toBe(40);
    // publication completeness: Leicestershire holds one month of the two
    const leic = (await productivityReport(store, { from: '2020-01', to: '2020-02', forces: ['leicestershire'], measures: ['publication_completeness'] })).measures.find((m) => m.force_id === 'leicestershire')!;
    expect([leic.numerator, leic.denominator]).toEqual([1, 2]);
  });

  it('answers bad input with a problem naming the field', async () => {
    for (const [url, field] of [['/api/productivity?force=gwnt', 'query.force'], ['/api/productivity?measure=speed', 'query.measure'], ['/api/productivity?from=2020-13', undefined]] as const) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      if (field) expect(JSON.parse(r.body).field).toBe(field);
    }
  });

  it('gives the standard as one table with every measure, and monthly trends with their tests', async () => {
    const s = ProductivityContract.Standard.parse(JSON.parse((await app.inject({ method: 'GET', url: '/api/productivity/standard' })).body));
    expect(s.measures.map((m) => m.id)).toEqual([...PRODUCTIVITY_MEASURE_IDS]);
    const t = ProductivityContract.TrendReport.parse(JSON.parse((await app.inject({ method: 'GET', url: '/api/productivity/trends?to=2020-02&force=gwent&measure=charge_rate' })).body));
    const gw = t.series.find((x) => x.force_id === 'gwent')!;
    expect(gw.points.filter((p) => p.value !== null).map((p) => p.month)).toEqual(['2020-01', '2020-02']);
    expect(gw.mann_kendall.n).toBe(2);
  });

  it('loads officer numbers and groups, refusing a bad file whole with its line and value', async () => {
    const bad = join(dir, 'wf-bad.csv');
    writeFileSync(bad, 'force,date,officer_fte\ngwent,2020-03-31,1400\ncity-of-london,2020-03-31,lots\n');
    await expect(loadWorkforce(store, bad)).rejects.toThrow(`line 3 of ${bad}: officer_fte "lots" is not a positive number`);
    expect(await store.productivity.workforce()).toEqual([]);
    const good = join(dir, 'wf.csv');
    writeFileSync(good, 'force,date,officer_fte\ngwent,2020-03-31,1400\n');
    await loadWorkforce(store, good);
    const r = await productivityReport(store, { from: '2020-01', to: '2020-02', measures: ['charges_per_officer'] });
    const gw = r.measures.find((m) => m.force_id === 'gwent')!;
    expect(gw.denominator).toBeCloseTo((1400 * 2) / 12, 6);
    expect(gw.value).toBeCloseTo(gw.numerator / gw.denominator, 6);

    const groupsBad = join(dir, 'g-bad.csv');
    writeFileSync(groupsBad, 'force,members,source,date\ngwent,leicestershire;city-of-londn,Home Office MSG,2020-03\n');
    await expect(loadGroups(store, groupsBad)).rejects.toThrow(`line 2 of ${groupsBad}: unknown force "city-of-londn"`);
    const groups = join(dir, 'g.csv');
    writeFileSync(groups, 'force,members,source,date\ngwent,leicestershire,Home Office MSG,2020-03\n');
    await loadGroups(store, groups);
    const withMsg = await productivityReport(store, { from: '2020-01', to: '2020-01', forces: ['gwent', 'leicestershire'], measures: ['charge_rate'] });
    const g = withMsg.measures.find((m) => m.force_id === 'gwent' && m.category === null)!;
    const leic = withMsg.measures.find((m) => m.force_id === 'leicestershire' && m.category === null)!;
    expect(g.group_id).toBe('msg:gwent');
    expect(g.group_value).toBe(leic.value);
    await store.productivity.saveGroups([]);
  });

  it('prints the CLI contract as JSON and a clear error for a bad month', () => {
    store.close();
    const ok = peel('productivity', '--store', path, '--from', '2020-01', '--to', '2020-02', '--force', 'gwent', '--json');
    expect(ok.status, ok.stderr).toBe(0);
    const j = JSON.parse(ok.stdout) as { standard_version: string; from: string; to: string; measures: Array<Record<string, unknown>> };
    expect(Object.keys(j)).toEqual(['standard_version', 'from', 'to', 'measures']);
    expect(Object.keys(j.measures[0])).toEqual(['measure', 'force_id', 'category', 'numerator', 'denominator', 'value', 'lower', 'upper', 'group_id', 'group_value', 'national_value', 'funnel']);
    const bad = peel('productivity', '--store', path, '--to', '2020-1');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--to "2020-1" is not a month');
  });
});
