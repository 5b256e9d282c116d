import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { openStore, type Store } from '../../src/store/index.ts';
import { ingest } from '../../src/ingest/index.ts';
import { addMonths, crimeCategoryName } from '../../src/standard/index.ts';
import {
  benjaminiHochberg, baselineTest, detectEmergingTrends, latestCompleteMonth, getAlert, groupDetections, listAlerts, seededRng, setAlertStatus,
  DEFAULT_HARM_WEIGHTS, NOUFAILY_MONTHLY, resolveDetectOptions, priorityOf, reviewAlerts, detectMonth, ownLatestMonths, type Detection, type RecordingChange,
} from '../../src/trends/index.ts';
import { gridDisk, gridDistance, latLngToCell } from 'h3-js';
import { capabilitiesFromStore } from '../../src/api/capabilities.ts';
import { tempDir } from '../helpers/police-uk.ts';
import { describeShared, SHARED_DATA } from '../helpers/shared.ts';
import { poisson, writeForce } from './detect-helpers.ts';

function detection(over: Partial<Detection> & Pick<Detection, 'kind'>): Detection {
  const base = {
    force_ids: ['leicestershire'], category: 'burglary' as const, area_type: 'h3' as const, area_ids: ['c1'], h3_cells: ['c1'],
    period_start: '2022-09', period_end: '2022-09', observed: 30, expected: 10, threshold: 18, p: 0.0001, q: 0.001,
    method: 'm', params: {}, series: [], significantLastMonth: false,
  };
  switch (over.kind) {
    case 'exceedance': return { ...base, baseline: 'farrington', history: 2, level: 'lsoa', ...over } as Detection;
    case 'hot_spot': return { ...base, z: 4, ...over } as Detection;
    case 'emerging_hot_spot': return { ...base, ehsaClass: 'new hot spot', z: 4, ...over } as Detection;
    case 'space_time_cluster': return { ...base, relativeRisk: 3, llr: 12, months: 1, ...over } as Detection;
  }
}

describe('grouping detections into alerts', () => {
  it('merges detections of one category whose cells overlap, led by the highest priority, and keeps others apart', () => {
    const lsoa = detection({ kind: 'exceedance', area_type: 'lsoa', area_ids: ['E01000001'], h3_cells: ['a', 'b'], observed: 20, expected: 8, method: 'farrington-flexible/lsoa' });
    const hot = detection({ kind: 'hot_spot', area_ids: ['b', 'c'], h3_cells: ['b', 'c'], observed: 40, expected: 10, method: 'gi-star/h3_r8' });
    const emerging = detection({ kind: 'emerging_hot_spot', area_ids: ['c', 'd'], h3_cells: ['c', 'd'], observed: 25, expected: 10, method: 'emerging-hot-spot/h3_r8' });
    const otherCategory = detection({ kind: 'hot_spot', category: 'robbery', area_ids: ['a'], h3_cells: ['a'], method: 'gi-star/h3_r8' });
    const elsewhere = detection({ kind: 'hot_spot', area_ids: ['z'], h3_cells: ['z'], observed: 12, expected: 10, method: 'gi-star/h3_r8' });
    const alerts = groupDetections('2022-09', [lsoa, hot, emerging, otherCategory, elsewhere], DEFAULT_HARM_WEIGHTS);
    expect(alerts).toHaveLength(3);
    const burglary = alerts.find((a) => a.category === 'burglary' && a.evidence.members.length > 1)!;
    expect(burglary.evidence.members).toHaveLength(3);
    expect(burglary.kind).toBe('hot_spot');
    expect(burglary.observed).toBe(40);
    expect(burglary.h3_cells).toEqual(['a', 'b', 'c', 'd']);
    // Methods in words, not their codes.
    expect(burglary.explanation).toMatch(/Also found by emerging hot spot analysis and the Farrington baseline on small areas\.$/);
    expect(burglary.explanation).not.toMatch(/farrington-flexible|h3_r8/);
    // Sorted by priority, and priority is the harm-weighted excess.
    expect(alerts.map((a) => a.priority)).toEqual([...alerts.map((a) => a.priority)].sort((x, y) => y - x));
    // harm × √excess × log2(observed / expected) × confidence (q = 0.001: full confidence).
    expect(burglary.priority).toBeCloseTo(DEFAULT_HARM_WEIGHTS.burglary * Math.sqrt(30) * Math.log2(40 / 10), 2);
    expect(new Set(alerts.map((a) => a.alert_id)).size).toBe(3);
  });

  it('says a scan cluster\'s months in words, not codes', () => {
    const d = detection({ kind: 'space_time_cluster', category: 'drugs', area_type: 'lsoa', area_ids: ['W01001662'], h3_cells: ['x'], period_start: '2021-11', period_end: '2022-01', months: 3, method: 'space-time-permutation-scan/force' });
    const [a] = groupDetections('2022-01', [d], DEFAULT_HARM_WEIGHTS);
    expect(a.explanation).toContain('in November 2021 to January 2022 against');
    expect(a.explanation).not.toMatch(/\d{4}-\d{2}/);
    const [b] = groupDetections('2022-09', [{ ...d, period_start: '2022-07', period_end: '2022-09' } as Detection], DEFAULT_HARM_WEIGHTS);
    expect(b.explanation).toContain('in July to September 2022 against');
  });

  it('merges detections whose hexagons touch (two scan clusters side by side), but not ones a street apart or of another category', () => {
    const a = latLngToCell(52.6369, -1.1398, 8);
    const next = gridDisk(a, 1).find((c) => c !== a)!;
    const far = gridDisk(a, 3).find((c) => gridDistance(a, c) === 3)!;
    const d = (cell: string, over: Partial<Detection> = {}) => detection({ kind: 'space_time_cluster', category: 'violent-crime', area_type: 'lsoa', area_ids: [`E0${cell.slice(0, 8)}`], h3_cells: [cell], method: 'space-time-permutation-scan/force', ...over });
    const alerts = groupDetections('2021-02', [d(a), d(next, { observed: 20 }), d(far), d(next, { category: 'burglary' })], DEFAULT_HARM_WEIGHTS);
    expect(alerts).toHaveLength(3);
    const merged = alerts.find((x) => x.evidence.members.length === 2)!;
    expect(merged.category).toBe('violent-crime');
    expect(merged.h3_cells).toEqual([a, next].sort());
  });

  it('ranks a tripling above a rise of 1.8 times on a larger count of the same category (the busy city centre does not win by size alone)', () => {
    const cityCentre = detection({ kind: 'space_time_cluster', observed: 59, expected: 33, q: 0.03, h3_cells: ['x'], area_ids: ['x'] });
    const tripling = detection({ kind: 'space_time_cluster', observed: 30, expected: 10, q: 0.03, h3_cells: ['y'], area_ids: ['y'] });
    expect(priorityOf(tripling, DEFAULT_HARM_WEIGHTS)).toBeGreaterThan(priorityOf(cityCentre, DEFAULT_HARM_WEIGHTS));
    // Harm still counts: the same tripling of violence outranks one of shoplifting.
    expect(priorityOf({ ...tripling, category: 'violent-crime' }, DEFAULT_HARM_WEIGHTS)).toBeGreaterThan(priorityOf({ ...tripling, category: 'shoplifting' }, DEFAULT_HARM_WEIGHTS));
    // Confidence: q = 1 gives nothing, q ≤ 0.001 full weight.
    expect(priorityOf({ ...tripling, q: 1 }, DEFAULT_HARM_WEIGHTS)).toBe(0);
    expect(priorityOf({ ...tripling, q: 1e-6 }, DEFAULT_HARM_WEIGHTS)).toBe(priorityOf({ ...tripling, q: 0.001 }, DEFAULT_HARM_WEIGHTS));
  });

  it('names the districts of LSOA areas in the explanation, most of the areas first', () => {
    const named = (districts: string[]) => groupDetections('2022-09', [detection({
      kind: 'exceedance', area_type: 'lsoa', area_ids: ['E01000001', 'E01000002', 'E01000003', 'E01000004'], districts, method: 'farrington-flexible/lsoa',
    })], DEFAULT_HARM_WEIGHTS)[0].explanation;
    expect(named(['Leicester'])).toMatch(/^Burglary in 4 neighbouring areas of Leicester \(Leicestershire Police\): 30 this month/);
    expect(named(['Leicester', 'Blaby'])).toMatch(/areas of Leicester and Blaby \(Leicestershire Police\)/);
    expect(named(['Leicester', 'Blaby', 'Oadby and Wigston', 'Charnwood'])).toMatch(/areas of Leicester, Blaby and 2 other districts \(/);
    expect(named([])).toMatch(/areas of Leicestershire Police: /);
  });

  it('gives the same finding the same id and a different place a different id', () => {
    const a = groupDetections('2022-09', [detection({ kind: 'hot_spot' })], DEFAULT_HARM_WEIGHTS)[0];
    const b = groupDetections('2022-09', [detection({ kind: 'hot_spot' })], DEFAULT_HARM_WEIGHTS)[0];
    const c = groupDetections('2022-09', [detection({ kind: 'hot_spot', area_ids: ['c2'], h3_cells: ['c2'] })], DEFAULT_HARM_WEIGHTS)[0];
    const d = groupDetections('2022-10', [detection({ kind: 'hot_spot' })], DEFAULT_HARM_WEIGHTS)[0];
    expect(a.alert_id).toBe(b.alert_id);
    expect(c.alert_id).not.toBe(a.alert_id);
    expect(d.alert_id).not.toBe(a.alert_id);
  });
});

describe('baseline test', () => {
  it('falls back to the short-history test when there is too little past for Farrington, and only raises increases', () => {
    const rise = [NaN, NaN, 700, 720, 690, 5000];
    const r = baselineTest(rise, 5, NOUFAILY_MONTHLY, 5)!;
    expect(r.method).toBe('short_history');
    expect(r.expected).toBeGreaterThan(650);
    expect(r.expected).toBeLessThan(750);
    expect(r.p).toBeLessThan(1e-6);
    const fall = baselineTest([NaN, 700, 720, 690, 80], 4, NOUFAILY_MONTHLY, 5)!;
    expect(fall.p).toBeGreaterThan(0.99);
    expect(baselineTest([NaN, NaN, 5], 2, NOUFAILY_MONTHLY, 5)).toBeNull();
  });

  it('uses Farrington once a whole past year (plus the window) is available from the first month with data', () => {
    const rng = seededRng(3);
    const series = [NaN, NaN, ...Array.from({ length: 30 }, () => poisson(rng, 40))];
    expect(baselineTest(series, 31, NOUFAILY_MONTHLY, 5)!.method).toBe('farrington');
    expect(baselineTest(series, 14, NOUFAILY_MONTHLY, 5)!.method).toBe('short_history');
  });

  it('controls the false discovery rate on null series: BH rejects in no more families than the nominal rate', () => {
    const rng = seededRng(11);
    const families = 40;
    let familiesWithFalseAlerts = 0;
    let falseAlerts = 0;
    for (let f = 0; f < families; f++) {
      const ps: number[] = [];
      for (let s = 0; s < 60; s++) {
        const mean = 2 + 60 * rng.next();
        const months = 20 + rng.int(16);
        const series = Array.from({ length: months }, () => poisson(rng, mean));
        const r = baselineTest(series, months - 1, NOUFAILY_MONTHLY, 5);
        if (r) ps.push(r.observed > r.threshold ? r.p : Math.max(r.p, 0.05 + 1e-9));
      }
      const q = benjaminiHochberg(ps);
      const k = q.filter((x) => x <= 0.05).length;
      falseAlerts += k;
      if (k) familiesWithFalseAlerts++;
    }
    // Under the complete null BH's FDR equals its family-wise error rate: ≤ 5 % of 40 families ≈ 2; allow sampling noise.
    expect(familiesWithFalseAlerts).toBeLessThanOrEqual(5);
    expect(falseAlerts / families).toBeLessThan(0.2);
  });
});

describe('a detection run on a store', () => {
  let store: Store;
  let lsoas: string[];
  const start = '2020-01';
  const months = 30;
  const last = addMonths(start, months - 1);

  beforeAll(async () => {
    const dir = tempDir('peel-detect-');
    const nullDir = join(dir, 'files');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(nullDir);
    const w = writeForce(nullDir, {
      start, months, areas: 64, seed: 5,
      rates: { Burglary: 1.5, 'Vehicle crime': 1, 'Anti-social behaviour': 3, 'Violence and sexual offences': 2 },
      rises: [{ category: 'Burglary', areas: [9, 10, 17, 18], fromMonth: last, extraPerArea: 8 }],
    });
    lsoas = w.lsoas;
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    await ingest(store, readdirSync(nullDir).map((f) => join(nullDir, f)));
  });
  afterAll(() => store?.close());

  it('finds the planted rise, explains it, and raises at most one false alert per force-month in the null months', async () => {
    const run = await detectMonth(store, { month: last, methods: ['force', 'lsoa', 'h3_r7', 'hot_spot', 'emerging_hot_spot'] });
    expect(run.month).toBe(last);
    const planted = new Set([9, 10, 17, 18].map((i) => lsoas[i]));
    const hit = run.alerts.filter((a) => a.category === 'burglary' && (a.area_ids.some((x) => planted.has(x)) || a.evidence.members.some((m) => m.area_ids.some((x) => planted.has(x)))));
    expect(hit.length).toBeGreaterThanOrEqual(1);
    expect(hit[0].explanation).toMatch(/^Burglary in /);
    expect(hit[0].explanation).toMatch(/expected/);
    const falseAlerts = run.alerts.filter((a) => !hit.includes(a));
    expect(falseAlerts.length).toBeLessThanOrEqual(1);
    // Null months: nothing planted, so every alert is false.
    let nullAlerts = 0;
    for (const m of [addMonths(last, -3), addMonths(last, -2), addMonths(last, -1)]) {
      nullAlerts += (await detectMonth(store, { month: m, methods: ['force', 'lsoa', 'h3_r7', 'hot_spot', 'emerging_hot_spot'] })).alerts.length;
    }
    expect(nullAlerts / 3).toBeLessThanOrEqual(1);
  });

  it('is idempotent: a re-run for the same month gives the same alerts with the same ids and keeps their status', async () => {
    const methods = ['force', 'lsoa', 'hot_spot'] as const;
    const first = await detectMonth(store, { month: last, methods: [...methods] });
    expect(first.alerts.length).toBeGreaterThan(0);
    const target = first.alerts[0].alert_id;
    await setAlertStatus(store, target, { status: 'acknowledged', reason: 'looking into it' });
    const second = await detectMonth(store, { month: last, methods: [...methods] });
    expect(second.alerts.map((a) => a.alert_id)).toEqual(first.alerts.map((a) => a.alert_id));
    const page = await listAlerts(store, { month: last, limit: 1000 });
    expect(page.total).toBe(second.alerts.length);
    expect((await getAlert(store, target)).status).toBe('acknowledged');
  });

  it('lists with filters sorted by priority and shows one alert with its evidence series', async () => {
    await detectMonth(store, { month: last, methods: ['force', 'lsoa', 'hot_spot'] });
    const page = await listAlerts(store, { force: 'leicestershire', category: 'burglary', month: last });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((a) => a.category === 'burglary' && a.force_ids.includes('leicestershire'))).toBe(true);
    const all = await listAlerts(store, { month: last, limit: 1000 });
    expect(all.items.map((a) => a.priority)).toEqual([...all.items.map((a) => a.priority)].sort((x, y) => y - x));
    const one = await getAlert(store, page.items.find((a) => a.area_type !== 'force')!.alert_id);
    expect(one.evidence.series.length).toBeGreaterThan(1);
    expect(one.evidence.series[one.evidence.series.length - 1].month).toBe(last);
    expect(one.h3_cells.length).toBeGreaterThan(0);
    expect((await listAlerts(store, { kind: 'space_time_cluster', month: last })).total).toBe(0);
  });

  it('moves alerts through the status workflow: dismiss needs a reason, dismissed and actioned are final', async () => {
    const run = await detectMonth(store, { month: last, methods: ['force', 'lsoa', 'hot_spot'] });
    const ids = run.alerts.map((a) => a.alert_id);
    const candidates: string[] = [];
    for (const id of ids) if ((await getAlert(store, id)).status === 'new') candidates.push(id);
    expect(candidates.length).toBeGreaterThan(0);
    const id = candidates[0];
    await expect(setAlertStatus(store, id, { status: 'dismissed' })).rejects.toMatchObject({ code: 'bad_input' });
    expect((await setAlertStatus(store, id, { status: 'dismissed', reason: 'known roadworks displacement' })).status).toBe('dismissed');
    await expect(setAlertStatus(store, id, { status: 'acknowledged' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await listAlerts(store, { status: 'dismissed' })).items.map((a) => a.alert_id)).toContain(id);
    const shown = await getAlert(store, id);
    expect(shown.status_reason).toBe('known roadworks displacement');
    expect((await store.alerts.events(id)).map((e) => e.status)).toEqual(['dismissed']);
    await expect(setAlertStatus(store, 'a-not-there', { status: 'acknowledged' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('detection without a month on uneven coverage (forces ending in different months)', () => {
  let store: Store;
  const rates = { Burglary: 2, 'Anti-social behaviour': 4, 'Vehicle crime': 1.5 };
  // Leicestershire runs to 2022-09 with a planted rise in its last month; Gwent stops at 2022-03;
  // Dorset at 2021-12. One national month (the old default: 2022-03, the latest half reached) would
  // test Leicestershire six months early, miss its rise, and leave Dorset out.
  beforeAll(async () => {
    const dir = tempDir('peel-detect-uneven-');
    const { mkdirSync } = await import('node:fs');
    const files = join(dir, 'files');
    mkdirSync(files);
    writeForce(files, { start: '2020-04', months: 30, areas: 16, seed: 11, rates, rises: [{ category: 'Burglary', areas: [5, 6], fromMonth: '2022-09', extraPerArea: 12 }] });
    writeForce(files, { start: '2019-10', months: 30, areas: 16, seed: 12, rates, force: { slug: 'gwent', name: 'Gwent Police', district: 'Newport', lsoaBase: 1001600, lat: 51.58, lon: -3.0 } });
    writeForce(files, { start: '2019-07', months: 30, areas: 16, seed: 13, rates, force: { slug: 'dorset', name: 'Dorset Police', district: 'Poole', lsoaBase: 1020000, lat: 50.72, lon: -1.98 } });
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    await ingest(store, readdirSync(files).map((f) => join(files, f)));
  });
  afterAll(() => store?.close());

  it('tests each force on its own latest month, never on a national one', { timeout: 120_000 }, async () => {
    const held = await store.alerts.forceMonths();
    expect(latestCompleteMonth(held)).toBe('2022-03');
    const runs = await detectEmergingTrends(store, { methods: ['force', 'lsoa'] });
    expect(runs.map((r) => [r.month, r.forces])).toEqual([['2021-12', ['dorset']], ['2022-03', ['gwent']], ['2022-09', ['leicestershire']]]);
    for (const r of runs) for (const a of r.alerts) expect(a.period_end).toBe(r.month);
    // Leicestershire's rise in its own last month is found.
    const leics = runs[2].alerts.filter((a) => a.category === 'burglary');
    expect(leics.length).toBeGreaterThan(0);
    expect((await listAlerts(store, { month: '2022-09', force: 'leicestershire' })).total).toBe(runs[2].alerts.length);
    // No alert was stored for a force on a month that is not its latest.
    expect((await listAlerts(store, { month: '2022-03', force: 'leicestershire' })).total).toBe(0);
  });

  it('with a month, tests only the forces that hold it', { timeout: 120_000 }, async () => {
    const runs = await detectEmergingTrends(store, { month: '2021-12', methods: ['force'] });
    expect(runs.map((r) => [r.month, r.forces])).toEqual([['2021-12', ['dorset', 'gwent', 'leicestershire']]]);
    await expect(detectEmergingTrends(store, { month: '2022-09', forces: ['dorset'], methods: ['force'] })).rejects.toThrow(/no force has street data for 2022-09 among dorset/);
  });
});

describe('the space–time scan on LSOAs', () => {
  // A dense town centre: 64 LSOAs about 100 m apart (a few H3 r8 cells hold them all), every
  // fourth one very busy. A rise over four neighbouring quiet LSOAs is diluted in the r8 cells
  // around it; on LSOAs it is a cluster of its own.
  const start = '2021-01';
  const months = 16;
  const last = addMonths(start, months - 1);
  const planted = [25, 26, 33, 34];
  let store: Store;
  let lsoas: string[];
  beforeAll(async () => {
    const dir = tempDir('peel-detect-scan-');
    const busy: Record<number, number> = {};
    for (let a = 0; a < 64; a += 4) busy[a] = 12;
    const w = writeForce(dir, {
      start, months, areas: 64, seed: 8, spacing: 0.1, busy, rates: { Burglary: 2 },
      rises: [{ category: 'Burglary', areas: planted, fromMonth: last, extraPerArea: 6 }],
    });
    lsoas = w.lsoas;
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    await ingest(store, w.files);
  });
  afterAll(() => store?.close());

  it('raises the rise as a cluster of LSOAs, with their cells as its geometry, where the r8 scan does not', async () => {
    const run = await detectMonth(store, { month: last, methods: ['scan'] });
    expect(resolveDetectOptions({}).scanResolution).toBe('lsoa');
    const cluster = run.alerts.find((a) => a.kind === 'space_time_cluster')!;
    expect(cluster).toBeDefined();
    expect(cluster.area_type).toBe('lsoa');
    const want = new Set(planted.map((i) => lsoas[i]));
    const inside = cluster.area_ids.filter((x) => want.has(x)).length;
    expect(inside).toBeGreaterThanOrEqual(3);
    expect(inside / cluster.area_ids.length).toBeGreaterThanOrEqual(0.5);
    expect(cluster.h3_cells.length).toBeGreaterThan(0);
    expect(cluster.method).toBe('space-time-permutation-scan/force');
    // Named by district, from the LSOAs' names ("Leicester 025A"), and by force.
    expect(cluster.explanation).toMatch(/^Burglary in \d+ neighbouring areas of Leicester around Leicester \d{3}[A-Z] \(Leicestershire Police\): /);
    const r8 = await detectMonth(store, { month: last, methods: ['scan'], scanResolution: 8 });
    expect(r8.alerts.filter((a) => a.area_ids.some((x) => want.has(x)) || a.h3_cells.some((c) => cluster.h3_cells.includes(c)))).toHaveLength(0);
  });

  it('raises at most one cluster a month in the months before the rise', async () => {
    let raised = 0;
    for (const m of [addMonths(last, -3), addMonths(last, -2), addMonths(last, -1)]) {
      raised += (await detectMonth(store, { month: m, methods: ['scan'] })).alerts.length;
    }
    expect(raised).toBeLessThanOrEqual(1);
  });
});

describe('the default month of a run (latest complete month)', () => {
  it('is the latest month at least half of the forces with data have published, so one force ahead or a few behind do not move it', () => {
    const months = (from: string, n: number) => Array.from({ length: n }, (_, i) => addMonths(from, i));
    const national = new Map(['a', 'b', 'c', 'd', 'e'].map((f) => [f, months('2023-01', 24)]));
    expect(latestCompleteMonth(national)).toBe('2024-12');
    national.set('a', months('2023-01', 25)); // one force already holds 2025-01
    national.set('b', months('2023-01', 22)); // one is two months behind
    expect(latestCompleteMonth(national)).toBe('2024-12');
    expect(latestCompleteMonth(new Map([['gwent', months('2020-01', 4)]]))).toBe('2020-04');
    expect(latestCompleteMonth(new Map([['a', ['2024-03']], ['b', months('2022-01', 9)]]))).toBe('2024-03'); // ⌈2/2⌉ = 1 of 2
    expect(latestCompleteMonth(new Map([['a', ['2024-03']], ['b', months('2022-01', 9)], ['c', months('2022-01', 9)]]))).toBe('2022-09');
    expect(latestCompleteMonth(new Map())).toBeNull();
  });
});

describe('the review of a force-month', () => {
  const alert = (force: string, priority: number, category = 'burglary') => ({
    ...groupDetections('2022-09', [detection({ kind: 'hot_spot', force_ids: [force], category: category as 'burglary', area_ids: [`c${priority}`], h3_cells: [`c${priority}`] })], DEFAULT_HARM_WEIGHTS)[0],
    priority,
  });
  it('puts the budget\'s highest priorities of each force in the inbox and ranks the rest beyond it, none lost', () => {
    const alerts = [...[5, 40, 12, 33, 7, 21, 9].map((p) => alert('gwent', p)), alert('dorset', 3)];
    const out = reviewAlerts(alerts, 3, []);
    expect(out).toHaveLength(8);
    const gwent = out.filter((a) => a.force_ids[0] === 'gwent');
    expect(gwent.filter((a) => a.review === 'inbox').map((a) => a.priority)).toEqual([40, 33, 21]);
    expect(gwent.filter((a) => a.review === 'beyond_budget').map((a) => a.priority)).toEqual([12, 9, 7, 5]);
    expect(gwent.map((a) => a.review_rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(out.find((a) => a.force_ids[0] === 'dorset')).toMatchObject({ review: 'inbox', review_rank: 1 });
  });
  it('marks alerts in a force-month with a recording change and ranks them after the others, never in the inbox', () => {
    const changes: RecordingChange[] = [
      { force_id: 'lincolnshire', check: 'accuracy.volume_shift', month: '2022-09', category: null, message: 'All street rows in 2022-09: 5,671 against 227 expected' },
      { force_id: 'gwent', check: 'accuracy.recording_shift', month: '2022-05', category: 'violent-crime', message: 'Violence went from 30% to 38% of the force\'s rows' },
    ];
    const out = reviewAlerts([alert('lincolnshire', 90), alert('lincolnshire', 50), alert('gwent', 80, 'violent-crime'), alert('gwent', 10)], 5, changes);
    expect(out.filter((a) => a.force_ids[0] === 'lincolnshire').every((a) => a.review === 'recording_change')).toBe(true);
    expect(out.find((a) => a.priority === 90)!.recording_change).toMatch(/volume shift in this force's data \(2022-09\): All street rows/);
    expect(out.find((a) => a.priority === 90)!.explanation).toMatch(/Read with care: Data quality shows a volume shift/);
    // Gwent: only the violence alert is marked (the shift is of that category); burglary stays in the inbox, first.
    const gwent = out.filter((a) => a.force_ids[0] === 'gwent');
    expect(gwent.map((a) => [a.priority, a.review, a.review_rank])).toEqual([[10, 'inbox', 1], [80, 'recording_change', 2]]);
  });
});

describe('detect options', () => {
  it('takes the scan locations lsoa, H3 resolution 7, 8 or auto (default lsoa) and names a bad one', () => {
    expect(resolveDetectOptions({}).scanResolution).toBe('lsoa');
    expect(resolveDetectOptions({ scanResolution: 7 }).scanResolution).toBe(7);
    expect(resolveDetectOptions({ scanResolution: 'auto' }).scanResolution).toBe('auto');
    expect(() => resolveDetectOptions({ scanResolution: 9 as never })).toThrow(/scanResolution=9/);
    expect(resolveDetectOptions({}).scanReplications).toBe(199);
  });
});

describeShared('the default month on ../shared/data', () => {
  it('is not 2024-03, which only Lincolnshire holds, but a month that half of the 14 forces have reached', () => {
    const root = join(SHARED_DATA, 'police_uk/street');
    const held = new Map(readdirSync(root).map((f) => [f, readdirSync(join(root, f)).filter((x) => /^\d{4}-\d{2}-/.test(x)).map((x) => x.slice(0, 7)).sort()]));
    const month = latestCompleteMonth(held)!;
    expect(month).not.toBe('2024-03');
    const reached = [...held.values()].filter((ms) => ms.at(-1)! >= month).length;
    expect(reached).toBeGreaterThanOrEqual(Math.ceil(held.size / 2));
    // The long Gwent, Leicestershire and City of London series hold it, so the run has something to test.
    for (const f of ['gwent', 'leicestershire', 'city-of-london']) expect(held.get(f)).toContain(month);
  });
});

describeShared('detection on real data (Gwent and City of London, April 2020)', () => {
  let store: Store;
  beforeAll(async () => {
    const dir = tempDir('peel-detect-real-');
    store = await openStore({ store: join(dir, 'peel.duckdb'), threads: 1 });
    const files: string[] = [];
    for (const force of ['gwent', 'city-of-london']) {
      const folder = join(SHARED_DATA, 'police_uk/street', force);
      for (const f of readdirSync(folder)) if (f.slice(0, 7) <= '2020-04' && f.slice(0, 7) >= '2018-01') files.push(join(folder, f));
    }
    files.push(join(SHARED_DATA, 'police_uk/street/dorset/2021-02-dorset-street.csv'));
    await ingest(store, files);
  });
  afterAll(() => store?.close());

  it('runs each force on its own latest month: Dorset on its only month, Gwent and the City on 2020-04, each inbox within the budget', async () => {
    expect(ownLatestMonths(await store.alerts.forceMonths())).toEqual(new Map([['city-of-london', '2020-04'], ['dorset', '2021-02'], ['gwent', '2020-04']]));
    const runs = await detectEmergingTrends(store, { methods: ['force', 'lsoa', 'hot_spot'], reviewBudget: 2 });
    expect(runs.map((r) => [r.month, r.forces])).toEqual([['2020-04', ['city-of-london', 'gwent']], ['2021-02', ['dorset']]]);
    const gwent = runs[0].alerts.filter((a) => a.force_ids[0] === 'gwent');
    expect(gwent.length).toBeGreaterThan(2);
    expect(gwent.filter((a) => a.review === 'inbox')).toHaveLength(2);
    const inbox = (await listAlerts(store, { month: '2020-04', force: 'gwent', review: 'inbox' })).items;
    expect(inbox.map((a) => a.review_rank)).toEqual([1, 2]);
    expect((await listAlerts(store, { month: '2020-04', force: 'gwent' })).total).toBe(gwent.length);
    // The API gives the dashboard names and each force's months (for the month picker).
    const cap = capabilitiesFromStore(store).alerts!;
    const listed = await cap.list({ forces: ['gwent'], month: '2020-04', review: 'inbox', sort: 'priority', limit: 10, offset: 0 });
    expect(listed.items).toHaveLength(2);
    expect(listed.items[0]).toMatchObject({ force_names: ['Gwent Police'], review: 'inbox', review_rank: 1 });
    expect(listed.items[0].category_name).toBe(crimeCategoryName(listed.items[0].category as 'burglary'));
    expect(listed.items[0].category_name).not.toBe(listed.items[0].category);
    expect(await cap.months!({})).toEqual(expect.arrayContaining([
      expect.objectContaining({ force_id: 'dorset', force_name: 'Dorset Police', latest_month: '2021-02', months_held: ['2021-02'] }),
      expect.objectContaining({ force_id: 'gwent', latest_month: '2020-04', alert_months: expect.arrayContaining(['2020-04']) }),
    ]));
    // No raw codes in the words: LSOAs by their ONS names, forces by name.
    for (const a of runs[0].alerts) {
      expect(a.explanation).not.toMatch(/\b[EW]0\d{7}\b|\b8[0-9a-f]{14}\b/);
      expect(a.place).not.toMatch(/\b[EW]0\d{7}\b|gwent|city-of-london/);
    }
  });

  it('raises the lockdown surge of anti-social behaviour in Gwent on a short history, and not the fall of other theft in the City', async () => {
    const run = await detectMonth(store, { month: '2020-04', methods: ['force', 'lsoa', 'h3_r7', 'hot_spot', 'emerging_hot_spot'] });
    const asb = run.alerts.find((a) => a.area_type === 'force' && a.force_ids[0] === 'gwent' && a.category === 'anti-social-behaviour')!;
    expect(asb).toBeDefined();
    expect(asb.observed / asb.expected).toBeGreaterThan(5);
    expect(asb.method).toMatch(/short-history/);
    expect(asb.explanation).toMatch(/Anti-social behaviour in Gwent Police as a whole: 5,105 this month/);
    expect(asb.explanation).toMatch(/Short history/);
    expect(run.alerts.some((a) => a.force_ids.includes('city-of-london') && a.category === 'other-theft')).toBe(false);
    expect(run.alerts.every((a) => a.observed > a.expected)).toBe(true);
  });
});
