/**
 * The quality run end to end on small fixtures: each check finds the fault planted for it (and
 * only there), scores follow the documented formula, and reruns only redo what changed.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { loadGeography, forceBoundaries } from '../../src/geography/index.ts';
import {
  runQuality, readFindings, readScores, leagueTable, scoreTrend, renderReportHtml, findingsCsv, CHECKS, scoreOf, type Finding,
} from '../../src/quality/index.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { LSOA, writeGeography, writeKentMonth, repeat } from './fixtures.ts';

const DIR = tempDir('peel-quality-');
const DATA = join(DIR, 'data');
let store: Store;
let findings: Finding[];

const only = (check: string, month?: string | null) =>
  findings.filter((f) => f.check === check && f.force_id === 'kent' && (month === undefined || f.month === month));

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  mkdirSync(DATA, { recursive: true });
  // 2019-12: every crime still under investigation, six months before Kent's latest month.
  writeKentMonth(DATA, '2019-12', 40, repeat(60, () => ({ outcome: 'Under investigation' })));
  // 2020-01: 10 of 100 rows without a location, one row quarantined (unknown crime type).
  writeKentMonth(DATA, '2020-01', 90, [...repeat(10, () => ({ lon: '' })), { type: 'Burgalry' }]);
  // 2020-02: five Crime IDs each twice, copies at different points.
  writeKentMonth(DATA, '2020-02', 90, repeat(10, (i) => ({ id: `dup-${i >> 1}`, lon: i % 2 ? '0.5300' : '0.5210' })));
  // 2020-03: 20 rows in a Met LSOA, 3 with the wrong LSOA name, 2 far from their LSOA, 1 unknown LSOA.
  writeKentMonth(DATA, '2020-03', 74, [
    ...repeat(20, () => ({ lsoa: LSOA.croydon.code, lsoaName: LSOA.croydon.name, lon: LSOA.croydon.lon, lat: LSOA.croydon.lat })),
    ...repeat(3, () => ({ lsoaName: 'Maidstone 009Z' })),
    ...repeat(2, () => ({ lon: '1.5000', lat: '52.6000' })),
    { lsoa: 'E01099999', lsoaName: 'Nowhere 001A' },
  ]);
  // 2020-04 is missing. 2020-05: rows in an LSOA whose district was renamed since 2017: still Kent.
  writeKentMonth(DATA, '2020-05', 50, repeat(50, () => ({ lsoa: LSOA.newtown.code, lsoaName: LSOA.newtown.name, lon: LSOA.newtown.lon, lat: LSOA.newtown.lat })));
  writeKentMonth(DATA, '2020-06', 100);
  // Another force holds 2020-08, so Kent is two months behind.
  writeKentMonth(DATA, '2020-08', 100, [], 'essex', 'Essex Police');
  store = await openStore({ store: join(DIR, 'peel.duckdb') });
  await ingest(store, [DATA]);
  await loadGeography(store, [writeGeography(join(DIR, 'geo'), { geojson: true })]);
  await runQuality(store);
  findings = (await readFindings(store, { limit: 10_000 })).items;
});

afterAll(() => {
  store?.close();
  rmSync(DIR, { recursive: true, force: true });
});

describe('quality checks on planted faults', () => {
  it('measures the share of rows without a location in the month that has them', () => {
    const f = only('completeness.no_location');
    expect(f.map((x) => x.month)).toEqual(['2020-01']);
    expect(f[0]!.value).toBeCloseTo(10 / 100, 6);
    expect(f[0]!.sample_ids).toHaveLength(5);
    expect(f[0]!.severity).toBe('medium');
  });

  it('counts repeated Crime IDs with how their copies differ', () => {
    const f = only('uniqueness.duplicate_crime_id');
    expect(f.map((x) => x.month)).toEqual(['2020-02']);
    expect(f[0]!.detail).toMatchObject({ repeated_ids: 5, extra_copies: 5, max_copies: 2, differ_coordinates: 5, differ_outcome: 0, identical: 0 });
    expect(f[0]!.value).toBeCloseTo(5 / 100, 6);
    expect(f[0]!.sample_ids.length).toBeGreaterThanOrEqual(2);
  });

  it('finds rows in LSOAs of another force, naming the force, and bridges renamed districts', () => {
    const f = only('consistency.lsoa_outside_force');
    expect(f.map((x) => x.month)).toEqual(['2020-03']);
    // 20 Croydon rows of the 99 whose LSOA the lookups place (the unknown one is not placed).
    expect(f[0]!.value).toBeCloseTo(20 / 99, 6);
    expect(f[0]!.detail).toMatchObject({ other_forces: [{ force_id: 'metropolitan', n: 20 }] });
    expect(f[0]!.message).toContain('metropolitan 20');
  });

  it('finds LSOA names that do not match their code, unknown codes and points far from their LSOA', () => {
    expect(only('consistency.lsoa_name_mismatch').map((x) => [x.month, x.detail?.numerator])).toEqual([['2020-03', 3]]);
    expect(only('consistency.lsoa_unknown').map((x) => [x.month, x.detail?.numerator])).toEqual([['2020-03', 1]]);
    const far = only('consistency.point_far_from_lsoa');
    expect(far.map((x) => [x.month, x.detail?.numerator])).toEqual([['2020-03', 2]]);
    expect(Number(far[0]!.detail?.max_km)).toBeGreaterThan(100);
  });

  it('reports a gap inside the series and the months missing at the end', () => {
    const gaps = only('completeness.missing_months').filter((f) => f.dataset === 'street');
    expect(gaps.map((g) => [g.month, g.value, g.detail?.trailing, g.severity])).toEqual([
      ['2020-04', 1, false, 'high'],
      ['2020-07', 2, true, 'high'],
    ]);
    const late = only('timeliness.months_since_last', null);
    expect(late.map((x) => [x.dataset, x.value])).toEqual([['street', 2]]);
  });

  it('counts crimes still under investigation only once they are old enough', () => {
    const f = only('timeliness.outcome_lag');
    expect(f.map((x) => [x.month, x.value])).toEqual([['2019-12', 0.6]]);
    expect(f[0]!.severity).toBe('high');
  });

  it('reports quarantined rows by reason code', () => {
    const f = only('validity.quarantined');
    expect(f.map((x) => x.month)).toEqual(['2020-01']);
    expect(f[0]!.detail).toMatchObject({ reasons: [{ reason: 'category.unknown', n: 1 }] });
    expect(f[0]!.sample_ids[0]).toMatch(/2020-01-kent-street\.csv:\d+$/);
  });

  it('makes no finding for a clean month', () => {
    expect(findings.filter((f) => f.month === '2020-06' && f.force_id === 'kent')).toEqual([]);
  });
});

describe('scores, league table and trend', () => {
  it('scores each check 100 × (1 − value / zero) and a dimension as the mean of its checks', async () => {
    const s = await readScores(store, { force: 'kent', month: '2020-01', dimension: 'completeness' });
    const noLoc = scoreOf('completeness.no_location', 'street', 0.1);
    const noLsoa = scoreOf('completeness.no_lsoa', 'street', 0);
    const noOutcome = scoreOf('completeness.no_outcome', 'street', 0);
    expect(s[0]!.score).toBeCloseTo((noLoc + noLsoa + noOutcome) / 3, 6);
    expect(noLoc).toBeCloseTo(100 * (1 - 0.1 / CHECKS['completeness.no_location'].thresholds.street!.zero), 6);
  });

  it('scores a missing month 0', async () => {
    const s = await readScores(store, { force: 'kent', month: '2020-04' });
    expect(s.map((x) => [x.dimension, x.score])).toEqual([['completeness', 0], ['overall', 0]]);
  });

  it('ranks forces by their mean overall score, and gives a force its trend', async () => {
    const t = await leagueTable(store, { to: '2020-08', months: 12 });
    expect(t.from).toBe('2019-07');
    expect(t.to).toBe('2020-08');
    expect(t.forces).toEqual(['essex', 'kent']);
    expect(t.rows.map((r) => r.force_id)).toEqual(['essex', 'kent']);
    expect(t.rows[0]!.rank).toBe(1);
    expect(t.rows[1]!.overall).toBeLessThan(t.rows[0]!.overall);
    expect(t.rows[1]!.findings.high).toBeGreaterThan(0);
    const trend = await scoreTrend(store, 'kent');
    expect(trend.map((r) => r.month)).toEqual(['2019-12', '2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06', '2020-07', '2020-08']);
    expect(trend.find((r) => r.month === '2020-06')!.overall).toBeGreaterThan(trend.find((r) => r.month === '2020-03')!.overall!);
  });

  it('scores each force on its own months: Kent over the months it holds up to its own latest (2020-06), not on the 2020-07/08 only Essex holds', async () => {
    const t = await leagueTable(store);
    expect(t.basis).toMatch(/months each force holds among the 12 ending its own latest month/);
    const kent = t.rows.find((r) => r.force_id === 'kent')!;
    expect([kent.from, kent.to, kent.months]).toEqual(['2019-07', '2020-06', 6]);
    const held = ['2019-12', '2020-01', '2020-02', '2020-03', '2020-05', '2020-06'];
    const overall = (await readScores(store, { force: 'kent', dimension: 'overall' })).filter((s) => held.includes(s.month));
    expect(overall).toHaveLength(6);
    expect(kent.overall).toBeCloseTo(overall.reduce((a, s) => a + s.score, 0) / 6, 6);
    // The missing month and the months behind Essex stay findings; they are not averaged in as 0.
    expect(kent.overall).toBeGreaterThan(50);
    expect(kent.findings.high).toBeGreaterThan(0);
    const essex = t.rows.find((r) => r.force_id === 'essex')!;
    expect([essex.from, essex.to, essex.months]).toEqual(['2019-09', '2020-08', 1]);
    // A window ending before Essex's only month leaves Essex out and says which forces the table covers.
    expect((await leagueTable(store, { to: '2020-06' })).forces).toEqual(['kent']);
  });

  it('filters and pages findings, and rejects a bad filter with the value named', async () => {
    const all = await readFindings(store, { force: 'kent' });
    const page = await readFindings(store, { force: 'kent', limit: 2, offset: 1 });
    expect(page.total).toBe(all.total);
    expect(page.items).toEqual(all.items.slice(1, 3));
    expect((await readFindings(store, { severity: 'high' })).items.every((f) => f.severity === 'high')).toBe(true);
    await expect(readFindings(store, { severity: 'urgent' })).rejects.toThrow(/unknown severity "urgent"/);
    await expect(readFindings(store, { force: 'kentt' })).rejects.toThrow(/unknown force "kentt"/);
  });
});

describe('incremental runs', () => {
  it('redoes nothing when nothing changed, and only the reloaded month when one did', async () => {
    const again = await runQuality(store);
    expect(again.force_months).toBe(0);
    writeKentMonth(DATA, '2020-02', 100);
    await ingest(store, [join(DATA, '2020-02-kent-street.csv')]);
    const r = await runQuality(store);
    expect(r.force_months).toBe(1);
    expect(r.forces).toBe(1);
    const f = (await readFindings(store, { force: 'kent', check: 'uniqueness.duplicate_crime_id' })).items;
    expect(f).toEqual([]);
    // Findings of months not recounted are kept.
    expect((await readFindings(store, { force: 'kent', check: 'consistency.lsoa_outside_force' })).total).toBe(1);
  });

  it('rechecks everything when the geography changes', async () => {
    await loadGeography(store, [join(DIR, 'geo', 'lsoa_latlong.csv')]);
    const r = await runQuality(store);
    expect(r.force_months).toBe((await store.coverage()).length);
    expect(r.force_months).toBe(7);
  });
});

describe('geography and exports', () => {
  it('returns the force boundaries as GeoJSON with force_id properties', async () => {
    const fc = await forceBoundaries(store);
    expect(fc?.features.map((f) => f.properties.force_id)).toEqual(['kent', 'metropolitan']);
    expect((fc?.features[0]!.geometry as { type: string }).type).toBe('MultiPolygon');
  });

  it('places an LSOA through the 2017 → current district bridge, and not without it', async () => {
    expect(await store.geography.lsoaForces([LSOA.newtown.code, LSOA.croydon.code])).toEqual([
      { lsoa_code: LSOA.croydon.code, force_id: 'metropolitan' },
      { lsoa_code: LSOA.newtown.code, force_id: 'kent' },
    ]);
    const other = await openStore({ store: ':memory:' });
    try {
      await loadGeography(other, [writeGeography(join(DIR, 'geo2'), { lacodes: false })]);
      expect(await other.geography.lsoaForces([LSOA.newtown.code])).toEqual([{ lsoa_code: LSOA.newtown.code, force_id: null }]);
    } finally {
      other.close();
    }
  });

  it('rejects a lookup row that breaks its format, naming the file, line and value', async () => {
    const bad = join(DIR, 'bad');
    writeGeography(bad);
    const { readFileSync, writeFileSync } = await import('node:fs');
    const pts = join(bad, 'lsoa_latlong.csv');
    writeFileSync(pts, readFileSync(pts, 'utf8').replace(`${LSOA.croydon.code},${LSOA.croydon.lat}`, `${LSOA.croydon.code},51..37`));
    await expect(loadGeography(store, [pts])).rejects.toThrow(`${pts} line 4: latitude "51..37" is not a latitude in England and Wales`);
    const lad = join(bad, 'Local_Authority_District_to_Community_Safety_Partnerships_to_Police_Force_Areas__January_2017__Lookup_in_England_and_Wales_Version_2.csv');
    writeFileSync(lad, readFileSync(lad, 'utf8').replace('E23000001,Metropolitan Police', 'E23000099,Atlantis'));
    await expect(loadGeography(store, [lad])).rejects.toThrow(/line 3: PFA17CD "E23000099" is a police force area no force of the registry has/);
  });

  it('writes an offline HTML report with the league table and a page per force, and CSV', async () => {
    const html = renderReportHtml({
      generated: '2020-09-01T00:00:00Z', league: await leagueTable(store, { to: '2020-08' }), scores: await readScores(store),
      findings, findingsTotal: findings.length,
    });
    expect(html).toContain('<h2>League table</h2>');
    expect(html).toContain('id="f-kent"');
    expect(html).toContain('echarts');
    expect(html).not.toMatch(/<script[^>]+src=/);
    const csv = findingsCsv(findings).trim().split('\n');
    expect(csv[0]).toBe('severity,check,dimension,force_id,month,dataset,subject,value,threshold,message,sample_ids,finding_id');
    expect(csv).toHaveLength(findings.length + 1);
  });
});
