/**
 * `detectEmergingTrends`: one detection run for one month over some or all forces.
 *
 * Reads (each one aggregate query; statistics then run in memory):
 * 1. force × category monthly counts (`store.cube`), for up to `maxYears` years + w + 1 months;
 * 2. small-area series screened in SQL (`store.alerts.screenAreas`), at LSOA level and, for areas
 *    too sparse for LSOAs, H3 resolution 7; only candidates (count ≥ `minAlertCount` and ≥ mean +
 *    1.5·√mean) come back whole, the rest count in their family's size with p = 1 (they could not be
 *    raised anyway, and p = 1 only makes BH more conservative for the others);
 * 3. H3 resolution-8 series of the last `spatialWindow` months (`store.alerts.h3Series`);
 * 4. for the scan on LSOAs (the default), LSOA series of those months and each LSOA's place
 *    (`store.alerts.lsoaSeries`, `lsoaPlaces`).
 *
 * Families of tests (Benjamini–Hochberg at `fdr` within each): force-level exceedances of the
 * run; small-area exceedances per force and level; Gi* hot spot cells per force and category;
 * emerging hot spot bins per force and category; scan clusters per force and category, and per
 * category across each pair of neighbouring forces (on their border zone). Only increases are raised.
 */
import { randomBytes } from 'node:crypto';
import { cellToChildren } from 'h3-js';
import { addMonths, isCrimeCategory, isMonth, monthRange, PeelError, isForceId, type CrimeCategory } from '../../standard/index.ts';
import type { EvidencePoint, NewAlert, Store, AreaSeries } from '../../store/index.ts';
import { benjaminiHochberg } from '../../stats/index.ts';
import { localG } from '../gistar.ts';
import { emergingHotSpots } from '../ehsa.ts';
import { pnbinom, pnorm } from '../../stats/index.ts';
import { baselineTest, type BaselineTest } from './baseline.ts';
import type { Detection } from './detection.ts';
import { groupDetections } from './group.ts';
import { loadRecordingChanges, reviewAlerts } from './review.ts';
import { h3Units, lsoaUnits, scanFamilies } from './scan-families.ts';
import { resolveDetectOptions, type DetectOptions, type ResolvedDetectOptions } from './options.ts';
import { detectEmergingTactics } from '../emerging-tactics/index.ts';
import { bhWithUntested, evidenceSeries, onAxis, testSeries, type Axis, type SeriesTest } from './series.ts';
import { components, freemanTukey, ringNeighbours } from './cells.ts';
import { latestCompleteMonth, ownLatestMonths } from './latest-month.ts';
import { placeLsoaAreas } from './place-areas.ts';

export { latestCompleteMonth, ownLatestMonths } from './latest-month.ts';

export interface DetectRun {
  readonly run_id: string;
  readonly month: string;
  readonly forces: string[];
  /** Months of street data each force has before the month tested (Farrington needs 14 or more). */
  readonly history: Record<string, number>;
  readonly alerts: NewAlert[];
  /** Tests per family kind, and detections before grouping. */
  readonly tests: Record<string, number>;
  readonly detections: number;
  readonly ms: Record<string, number>;
  /** CPU time of this process per step (DuckDB's own threads included). */
  readonly cpuMs: Record<string, number>;
}

/**
 * Detection, by default with each force on its own latest month (`ownLatestMonths`): one run per
 * distinct month, over the forces whose latest month it is, oldest month first. Forces publish
 * different ranges, so no one national month is right for all of them. With `opts.month`, one run
 * of that month over the forces that hold it (`detectMonth`). `opts.forces` limits the forces.
 * Throws `no_data` when the store holds no street data.
 */
export async function detectEmergingTrends(store: Store, opts: DetectOptions = {}, onProgress?: (step: string) => void): Promise<DetectRun[]> {
  if (opts.month !== undefined) return [await detectMonth(store, { ...opts, month: opts.month }, onProgress)];
  for (const f of opts.forces ?? []) if (!isForceId(f)) throw new PeelError('bad_input', `unknown force "${f}" (use data.police.uk slugs such as gwent)`);
  const held = await store.alerts.forceMonths(opts.forces?.length ? opts.forces : undefined);
  if (!held.size) throw new PeelError('no_data', opts.forces?.length ? `no street data for ${opts.forces.join(', ')} in the store` : 'the store holds no street data: load files with `peel ingest`');
  const byMonth = new Map<string, string[]>();
  for (const [f, m] of ownLatestMonths(held)) (byMonth.get(m) ?? byMonth.set(m, []).get(m)!).push(f);
  const runs: DetectRun[] = [];
  for (const [month, forces] of [...byMonth].sort(([a], [b]) => a.localeCompare(b))) {
    runs.push(await detectMonth(store, { ...opts, month, forces: forces.sort() }, onProgress && ((step) => onProgress(`${month} ${step}`))));
  }
  return runs;
}

/**
 * Runs detection for one named month (see the module comment) over the forces that hold it and
 * saves the alerts, replacing those of an earlier run for the same month and forces. Throws
 * `no_data` when no force (of `opts.forces`) holds street data for the month.
 */
export async function detectMonth(store: Store, opts: DetectOptions & { readonly month: string }, onProgress?: (step: string) => void): Promise<DetectRun> {
  const o = resolveDetectOptions(opts);
  const started = new Date();
  const ms: Record<string, number> = {};
  const cpuMs: Record<string, number> = {};
  let lap = Date.now();
  let cpuLap = process.cpuUsage();
  const tick = (name: string) => {
    const now = Date.now();
    ms[name] = (ms[name] ?? 0) + now - lap;
    lap = now;
    const c = process.cpuUsage(cpuLap);
    cpuMs[name] = (cpuMs[name] ?? 0) + Math.round((c.user + c.system) / 1000);
    cpuLap = process.cpuUsage();
    onProgress?.(name);
  };
  if (!isMonth(opts.month)) throw new PeelError('bad_input', `--month "${opts.month}" is not a month (YYYY-MM)`);
  for (const f of opts.forces ?? []) if (!isForceId(f)) throw new PeelError('bad_input', `unknown force "${f}" (use data.police.uk slugs such as gwent)`);
  const held = await store.alerts.forceMonths(opts.forces?.length ? opts.forces : undefined);
  if (!held.size) throw new PeelError('no_data', opts.forces?.length ? `no street data for ${opts.forces.join(', ')} in the store` : 'the store holds no street data: load files with `peel ingest`');
  const month = opts.month;
  const forces = [...held.keys()].filter((f) => held.get(f)!.includes(month)).sort();
  if (!forces.length) throw new PeelError('no_data', `no force has street data for ${month}${opts.forces?.length ? ` among ${opts.forces.join(', ')}` : ''}`);
  const present = new Map(forces.map((f) => [f, new Set(held.get(f)!)]));
  const span = 12 * o.maxYears + o.farrington.w + 1;
  const from = addMonths(month, -(span - 1));
  const months = monthRange(from, month);
  const axis: Axis = { months, index: new Map(months.map((m, i) => [m, i])), t: months.length - 1 };
  const detections: Detection[] = [];
  const tests: Record<string, number> = {};
  const prevTests = (values: Float64Array): Map<number, BaselineTest | null> => {
    const m = new Map<number, BaselineTest | null>();
    for (let i = Math.max(0, axis.t - 11); i <= axis.t; i++) m.set(i, Number.isNaN(values[i]) ? null : baselineTest(values, i, o.farrington, o.maxYears));
    return m;
  };
  const exceedance = (s: SeriesTest, q: number, level: 'force' | 'lsoa' | 'h3_r7', cells: string[]): Detection => {
    const hist = prevTests(s.values);
    const prev = hist.get(axis.t - 1);
    return {
      kind: 'exceedance', level, baseline: s.test.method, history: s.test.history,
      force_ids: [s.force], category: s.category,
      area_type: level === 'force' ? 'force' : level === 'lsoa' ? 'lsoa' : 'h3',
      area_ids: [level === 'force' ? s.force : s.areaId], h3_cells: cells,
      period_start: month, period_end: month, observed: s.test.observed, expected: s.test.expected, threshold: s.test.threshold,
      p: s.test.p, q, method: s.test.method === 'farrington' ? `farrington-flexible/${level}` : `short-history-nb/${level}`,
      params: s.test.method === 'farrington'
        ? { b: s.test.history, w: o.farrington.w, noPeriods: o.farrington.noPeriods, pastMonthsNotIncluded: o.farrington.pastWeeksNotIncluded, thresholdMethod: o.farrington.thresholdMethod, alpha: o.farrington.alpha, phi: Math.round(s.test.phi * 1000) / 1000 }
        : { history_months: s.test.history, alpha: o.farrington.alpha, phi: Math.round(s.test.phi * 1000) / 1000 },
      series: evidenceSeries(axis, s.values, hist),
      significantLastMonth: prev ? prev.alarm : null,
    };
  };
  // Every store read is issued now: DuckDB answers them one after another on its own threads while
  // this thread runs the statistics of the ones already in, so a run costs about the larger of the two.
  const spatial = ['hot_spot', 'emerging_hot_spot', 'scan'].some((m) => o.methods.has(m as 'scan'));
  const wFrom = addMonths(month, -o.spatialWindow);
  const settle = <T>(p: Promise<T>): Promise<T> => (p.catch(() => undefined), p);
  const forceRead = o.methods.has('force') ? settle(store.cube({ forces, from, to: month, area: 'force' })) : null;
  const screenRead = new Map((['lsoa', 'h3_r7'] as const).filter((l) => o.methods.has(l)).map((level) => [level,
    settle(store.alerts.screenAreas({ forces, month, from, level, minCount: Math.max(o.screenMinCount, o.minAlertCount), sdFactor: o.screenSd }))]));
  const h3Read = spatial ? settle(store.alerts.h3Series({ forces, months: monthRange(wFrom, month) })) : null;
  const lsoaScan = o.methods.has('scan') && o.scanResolution === 'lsoa';
  const lsoaScanRead = lsoaScan ? settle(store.alerts.lsoaSeries({ forces, months: monthRange(wFrom, month) })) : null;
  const lsoaPlacesRead = lsoaScan ? settle(store.alerts.lsoaPlaces({ forces, from: wFrom, to: month })) : null;
  const raise = (t: SeriesTest, q: number, minCount = 0) => q <= o.fdr && t.test.observed > t.test.expected && t.test.observed > t.test.threshold && t.test.observed >= minCount;

  // 1. Force × category.
  if (forceRead) {
    const rows = await forceRead;
    const by = new Map<string, { months: string[]; counts: number[] }>();
    for (const r of rows) {
      const k = `${r.force_id}|${r.category}`;
      let e = by.get(k);
      if (!e) by.set(k, (e = { months: [], counts: [] }));
      e.months.push(r.month);
      e.counts.push(r.n);
    }
    const series = [...by.entries()].flatMap(([k, e]) => {
      const [force, category] = k.split('|');
      return isCrimeCategory(category) ? [{ force, category, areaId: force, values: onAxis(axis, present.get(force)!, e.months, e.counts) }] : [];
    });
    const tested = testSeries(axis, o, series);
    const q = benjaminiHochberg(tested.map((t) => t.test.p));
    tests.force = tested.length;
    tested.forEach((t, i) => raise(t, q[i]) && detections.push(exceedance(t, q[i], 'force', [])));
    tick('force');
  }

  // 2. Small areas: LSOA, then H3 resolution 7 (LSOA areas get their cells in placeLsoaAreas).
  for (const level of ['lsoa', 'h3_r7'] as const) {
    const read = screenRead.get(level);
    if (!read) continue;
    const screen = await read;
    const byForce = new Map<string, AreaSeries[]>();
    for (const c of screen.candidates) {
      const list = byForce.get(c.force_id);
      if (list) list.push(c);
      else byForce.set(c.force_id, [c]);
    }
    tests[level] = Object.values(screen.tested).reduce((a, v) => a + v, 0);
    for (const [force, cands] of byForce) {
      const tested = testSeries(axis, o, cands.flatMap((c) => isCrimeCategory(c.category)
        ? [{ force, category: c.category, areaId: c.area_id, values: onAxis(axis, present.get(force)!, c.months, c.counts) }] : []));
      const q = bhWithUntested(tested.map((t) => t.test.p), (screen.tested[force] ?? 0) - tested.length);
      tested.forEach((t, i) => {
        if (!raise(t, q[i], o.minAlertCount)) return;
        const cells = level === 'h3_r7' ? cellToChildren(t.areaId, 8) : [];
        detections.push(exceedance(t, q[i], level, cells));
      });
    }
    tick(level);
  }

  // 3. H3 resolution 8: Gi* hot spots of this month's excess, emerging hot spots, scans.
  if (h3Read) {
    const wMonths = monthRange(wFrom, month);
    const T = wMonths.length;
    const wIndex = new Map(wMonths.map((m, i) => [m, i]));
    const h3 = await h3Read;
    tick('h3-read');
    const cache = new Map<string, string[]>();
    // force|category → cells and a counts matrix (cell-major), NaN for months the force lacks.
    const cubes = new Map<string, { force: string; category: CrimeCategory; cells: string[]; counts: number[][] }>();
    for (const s of h3) {
      if (!isCrimeCategory(s.category)) continue;
      const k = `${s.force_id}|${s.category}`;
      let c = cubes.get(k);
      if (!c) cubes.set(k, (c = { force: s.force_id, category: s.category, cells: [], counts: [] }));
      const row = new Array<number>(T).fill(0);
      s.months.forEach((m, i) => (row[wIndex.get(m)!] = s.counts[i]));
      c.cells.push(s.area_id);
      c.counts.push(row);
    }
    let hotTests = 0;
    let ehsaTests = 0;
    const wEvidence = (rows: number[][], idx: readonly number[], mu: number): EvidencePoint[] =>
      wMonths.map((m, t) => ({ month: m, observed: idx.reduce((a, i) => a + rows[i][t], 0), expected: t === T - 1 ? Math.round(mu * 100) / 100 : null, threshold: null }));
    for (const cube of cubes.values()) {
      const pres = present.get(cube.force)!;
      const histMonths = wMonths.slice(0, -1).map((m, i) => (pres.has(m) ? i : -1)).filter((i) => i >= 0);
      if (histMonths.length < 2 || cube.cells.length < 3) continue;
      const nb = ringNeighbours(cube.cells, cache);
      const pastMean = cube.counts.map((row) => histMonths.reduce((a, i) => a + row[i], 0) / histMonths.length);
      const cur = cube.counts.map((row) => row[T - 1]);
      // Expected this month: each cell's past mean scaled to this month's force total for the
      // category, so a force-wide seasonal or trend change is not read as a local hot spot.
      const pastTotal = pastMean.reduce((a, v) => a + v, 0);
      const curTotal = cur.reduce((a, v) => a + v, 0);
      // Half a case over the window where a cell had none, so a first crime is not infinitely surprising.
      const floor = 0.5 / histMonths.length;
      const mu = pastMean.map((m) => Math.max(floor, pastTotal > 0 ? (m * curTotal) / pastTotal : 0));
      if (o.methods.has('hot_spot')) {
        const resid = cur.map((y, i) => freemanTukey(y, mu[i]));
        const { z } = localG(resid, nb, { star: true, style: 'B' });
        // Gi*'s normal p-value is too optimistic for sparse, skewed counts, so each cell must also
        // pass an exact test of its ring: observed ring total against the expected one under a
        // negative binomial with dispersion 1 + 1/k (k past months estimate the expectation).
        // The larger of the two p-values is a valid p-value for "both" (an intersection–union test).
        const phi = 1 + 1 / histMonths.length;
        const p = z.map((zi, i) => {
          if (zi === null) return NaN;
          let oRing = cur[i];
          let eRing = mu[i];
          for (let k = nb.offsets[i]; k < nb.offsets[i + 1]; k++) (oRing += cur[nb.ids[k]]), (eRing += mu[nb.ids[k]]);
          const exact = oRing <= 0 ? 1 : eRing <= 0 ? 0 : pnbinom(oRing - 1, eRing / (phi - 1), 1 / phi, false);
          return Math.max(pnorm(zi, 0, 1, false), Math.min(1, exact));
        });
        const q = benjaminiHochberg(p);
        hotTests += cube.cells.length;
        const flagged = cube.cells.map((_, i) => i).filter((i) => q[i] <= o.fdr && (z[i] ?? 0) > 0);
        for (const comp of components(flagged, nb)) {
          const observed = comp.reduce((a, i) => a + cur[i], 0);
          const expected = comp.reduce((a, i) => a + mu[i], 0);
          if (observed < o.minRelativeRisk * expected || observed < o.minAlertCount) continue;
          const best = comp.reduce((b, i) => (q[i] < q[b] ? i : b), comp[0]);
          const cells = comp.map((i) => cube.cells[i]);
          detections.push({
            kind: 'hot_spot', z: z[best] ?? 0, force_ids: [cube.force], category: cube.category, area_type: 'h3', area_ids: cells, h3_cells: cells,
            period_start: month, period_end: month, observed, expected, threshold: null, p: p[best], q: q[best],
            method: 'gi-star/h3_r8', params: { k: 1, weights: 'binary', value: 'Freeman–Tukey residual of this month against the past mean scaled to this month\'s force total', window_months: T - 1 },
            series: wEvidence(cube.counts, comp, expected), significantLastMonth: null,
          });
        }
      }
      if (o.methods.has('emerging_hot_spot') && cube.cells.length >= 7) {
        const counts = new Float64Array(cube.cells.length * T);
        // The cube of Freeman–Tukey residuals against the space–time permutation expectation
        // (cell total × month total / grand total), so "hot" means "more than this cell's share".
        const monthTotal = wMonths.map((m, t) => (pres.has(m) ? cube.counts.reduce((a, row) => a + row[t], 0) : 0));
        const grand = monthTotal.reduce((a, v) => a + v, 0);
        cube.counts.forEach((row, c) => {
          const cellTotal = row.reduce((a, v, t) => a + (pres.has(wMonths[t]) ? v : 0), 0);
          row.forEach((v, t) => (counts[c * T + t] = pres.has(wMonths[t]) && grand > 0 ? freemanTukey(v, (cellTotal * monthTotal[t]) / grand) : 0));
        });
        const res = emergingHotSpots({ cells: cube.cells, periods: T, counts }, { k: 1, timeLag: 1, alpha: o.fdr });
        ehsaTests += cube.cells.length;
        const emerging = res.map((r, i) => i).filter((i) => ['new hot spot', 'consecutive hot spot', 'intensifying hot spot'].includes(res[i].class));
        const comps = components(emerging, nb);
        // The q-values (BH over every bin of the cube) only describe a component: skip them when there is none.
        const allP = comps.length ? res.flatMap((r) => r.z.map((zi) => (Number.isNaN(zi) ? NaN : 2 * pnorm(Math.abs(zi), 0, 1, false)))) : [];
        const allQ = comps.length ? benjaminiHochberg(allP) : [];
        for (const comp of comps) {
          const observed = comp.reduce((a, i) => a + cur[i], 0);
          const expected = comp.reduce((a, i) => a + mu[i], 0);
          if (observed < o.minRelativeRisk * expected || observed < o.minAlertCount) continue;
          const best = comp.reduce((b, i) => (allQ[i * T + T - 1] < allQ[b * T + T - 1] ? i : b), comp[0]);
          const cells = comp.map((i) => cube.cells[i]);
          const firstHot = res[best].significance.findIndex((s) => s === 1);
          detections.push({
            kind: 'emerging_hot_spot', ehsaClass: res[best].class, z: res[best].z[T - 1], force_ids: [cube.force], category: cube.category,
            area_type: 'h3', area_ids: cells, h3_cells: cells, period_start: firstHot >= 0 ? wMonths[firstHot] : month, period_end: month,
            observed, expected, threshold: null, p: allP[best * T + T - 1], q: allQ[best * T + T - 1],
            method: 'emerging-hot-spot/h3_r8', params: { k: 1, time_lag: 1, alpha: o.fdr, periods: T, value: 'Freeman–Tukey residual against cell total × month total / grand total' },
            series: wEvidence(cube.counts, comp, expected), significantLastMonth: res[best].significance[T - 2] === 1,
          });
        }
      }
    }
    tests.hot_spot = hotTests;
    tests.emerging_hot_spot = ehsaTests;
    tick('h3-stats');
    if (o.methods.has('scan')) {
      const units = lsoaScanRead && lsoaPlacesRead ? lsoaUnits(await lsoaScanRead, await lsoaPlacesRead, wMonths) : h3Units(cubes, wMonths, present, o);
      const scanned = await scanFamilies(month, wMonths, units, present, o, forces);
      tests.scan = scanned.tests;
      detections.push(...scanned.detections);
      tick('scan');
    }
  }

  await placeLsoaAreas(store, detections);
  tick('places');
  // Emerging tactics, from the narratives (none when the store holds none for the window).
  const tacticAlerts: NewAlert[] = [];
  if (o.methods.has('tactics')) {
    const found = await detectEmergingTactics(store, { month, alpha: o.fdr, runForces: forces, weights: o.harmWeights });
    tacticAlerts.push(...found.alerts);
    tests.tactics = found.scan.tests;
    tick('tactics');
  }
  // Quality has run on every load (uploads included), so a recording change of this month is in the store before alerts are ranked.
  const changes = await loadRecordingChanges(store, forces, month);
  const alerts = reviewAlerts([...groupDetections(month, detections, o.harmWeights), ...tacticAlerts], o.reviewBudget, changes);
  const finished = new Date();
  const run_id = `r${started.getTime().toString(36)}${randomBytes(3).toString('hex')}`;
  const totalTests = Object.values(tests).reduce((a, v) => a + v, 0);
  await store.alerts.saveRun(
    { run_id, month, forces, started_at: started.toISOString(), finished_at: finished.toISOString(), ms_total: finished.getTime() - started.getTime(), alerts: alerts.length, tests: totalTests,
      options: { fdr: o.fdr, maxYears: o.maxYears, reviewBudget: o.reviewBudget, spatialWindow: o.spatialWindow, methods: [...o.methods], farrington: o.farrington, harmWeights: o.harmWeights } },
    alerts,
  );
  tick('save');
  const history = Object.fromEntries(forces.map((f) => [f, held.get(f)!.filter((m) => m < month).length]));
  return { run_id, month, forces, history, alerts, tests, detections: detections.length, ms, cpuMs };
}
