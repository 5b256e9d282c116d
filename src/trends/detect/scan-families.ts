/**
 * The space–time scan families of a detection run: the scan's locations (LSOAs by default, or H3
 * cells), per force × category and per pair of neighbouring forces on their border zone, and the
 * detections of the clusters raised. The pipeline hands over the window's series; see
 * docs/detect.md, "What one run does".
 */
import { cellToChildren, cellToLatLng, cellToParent, getResolution } from 'h3-js';
import { FORCE_NEIGHBOURS, isCrimeCategory, isForceId, type CrimeCategory } from '../../standard/index.ts';
import type { AreaSeries } from '../../store/index.ts';
import { benjaminiHochberg } from '../../stats/index.ts';
import { raisable, spansOwners, type RaisableRule, type ScanJob } from '../scan-job.ts';
import { runScanTasks, type ScanTask } from '../scan-pool.ts';
import type { Detection } from './detection.ts';
import type { ResolvedDetectOptions } from './options.ts';

/** Crimes a month per H3 r7 cell (with any) from which the 'auto' scan uses r8 cells. */
const DENSE_R7 = 10;

/** Most locations a scan circle may hold: H3 cells (10 r7 cells ≈ 50 km², 10 r8 ≈ 7 km²) or LSOAs (20 ≈ a town neighbourhood of 30,000 people). */
const SCAN_MAX_CELLS = 10;
const SCAN_MAX_LSOAS = 20;

interface XY { readonly x: number; readonly y: number }

/** Approximate planar km of a point (equirectangular at its latitude). */
function planar(lat: number, lon: number): XY {
  return { x: lon * 111.32 * Math.cos((lat * Math.PI) / 180), y: lat * 110.57 };
}

/** One force's locations for a scan of one category: ids (H3 cells or LSOA codes), places, counts (location-major). */
interface ScanSide {
  readonly force: string;
  readonly ids: string[];
  readonly xy: XY[];
  readonly counts: number[][];
}

/**
 * The scan's locations per category and force: `alone` scanned for the force by itself; for a
 * pair of neighbouring forces, `fine` when both are `dense`, else `coarse` (H3 'auto'); the LSOA
 * scan uses its LSOAs in every case.
 */
interface ScanUnits {
  readonly kind: 'lsoa' | 'h3';
  readonly maxLocations: number;
  readonly byCategory: Map<CrimeCategory, Map<string, { alone: ScanSide; fine: ScanSide; coarse: ScanSide; dense: boolean }>>;
  /** H3 r8 cells of a location (its geometry on alerts); none for LSOAs, whose cells are looked up afterwards. */
  readonly cellsOf: (id: string) => string[];
}

/**
 * LSOAs as the scan's locations, each at the mean of its rows' points in the window. LSOAs hold
 * about the same population everywhere, so a circle of LSOAs is a neighbourhood in a city and a
 * spread of villages in the country, where a grid of equal cells dilutes a city cluster among the
 * crimes around it. Their cells (`h3_cells` of an alert) are looked up once clusters are found.
 */
export function lsoaUnits(series: readonly AreaSeries[], places: ReadonlyMap<string, { lon: number; lat: number }>, wMonths: readonly string[]): ScanUnits {
  const T = wMonths.length;
  const wIndex = new Map(wMonths.map((m, i) => [m, i]));
  // Each category is scanned over the LSOAs with any crime of it in the window: scanning every
  // category over all of a force's LSOAs (zeros included) let the circles be found once per force
  // but cost a national run 11 s more in the scans themselves.
  const byCategory: ScanUnits['byCategory'] = new Map();
  for (const s of series) {
    if (!isCrimeCategory(s.category)) continue;
    const at = places.get(s.area_id);
    if (!at) continue;
    let m = byCategory.get(s.category);
    if (!m) byCategory.set(s.category, (m = new Map()));
    let e = m.get(s.force_id);
    if (!e) {
      const side: ScanSide = { force: s.force_id, ids: [], xy: [], counts: [] };
      m.set(s.force_id, (e = { alone: side, fine: side, coarse: side, dense: true }));
    }
    const row = new Array<number>(T).fill(0);
    s.months.forEach((mo, i) => (row[wIndex.get(mo)!] = s.counts[i]));
    e.alone.ids.push(s.area_id);
    e.alone.xy.push(planar(at.lat, at.lon));
    e.alone.counts.push(row);
  }
  return { kind: 'lsoa', maxLocations: SCAN_MAX_LSOAS, byCategory, cellsOf: () => [] };
}

/**
 * H3 cells as the scan's locations: resolution-7 cells (about 5 km² each, the r8 cube summed to
 * its parents); at resolution 8 the cube's own cells; with 'auto', r8 where the force × category
 * is dense (≥ DENSE_R7 crimes a month per r7 cell with any), since there an r7 cell holds so many
 * crimes that a cluster of a few LSOAs is diluted in it, and r7 elsewhere.
 */
export function h3Units(
  cubes: ReadonlyMap<string, { force: string; category: CrimeCategory; cells: string[]; counts: number[][] }>,
  wMonths: readonly string[], present: ReadonlyMap<string, ReadonlySet<string>>, o: ResolvedDetectOptions,
): ScanUnits {
  const xyOf = (cell: string) => {
    const [lat, lon] = cellToLatLng(cell);
    return planar(lat, lon);
  };
  const byCategory: ScanUnits['byCategory'] = new Map();
  for (const c of cubes.values()) {
    let m = byCategory.get(c.category);
    if (!m) byCategory.set(c.category, (m = new Map()));
    const parents = new Map<string, number[]>();
    c.cells.forEach((cell, i) => {
      const p = cellToParent(cell, 7);
      const row = parents.get(p);
      if (row) c.counts[i].forEach((v, t) => (row[t] += v));
      else parents.set(p, [...c.counts[i]]);
    });
    const cells = [...parents.keys()].sort();
    const pres = present.get(c.force)!;
    const monthsHeld = wMonths.filter((w) => pres.has(w)).length;
    let total = 0;
    for (const row of c.counts) for (const v of row) total += v;
    const dense = o.scanResolution === 8 || (o.scanResolution === 'auto' && monthsHeld > 0 && total / (cells.length * monthsHeld) >= DENSE_R7);
    const coarse: ScanSide = { force: c.force, ids: cells, xy: cells.map(xyOf), counts: cells.map((k) => parents.get(k)!) };
    const fine: ScanSide = { force: c.force, ids: c.cells, xy: c.cells.map(xyOf), counts: c.counts };
    m.set(c.force, { alone: dense ? fine : coarse, fine, coarse, dense });
  }
  return { kind: 'h3', maxLocations: SCAN_MAX_CELLS, byCategory, cellsOf: (id) => (getResolution(id) === 8 ? [id] : cellToChildren(id, 8)) };
}

/**
 * The prospective space–time permutation scan, per force and category, and per category over
 * each pair of neighbouring forces (keeping only clusters that straddle their border), on the
 * locations of `units` (LSOAs by default). Circles hold at most `units.maxLocations` locations,
 * windows last 1–3 months; cluster p-values from `scanReplications` Monte Carlo replications, BH
 * within each family over the reported clusters.
 */
export async function scanFamilies(
  month: string, wMonths: readonly string[], units: ScanUnits,
  present: ReadonlyMap<string, ReadonlySet<string>>, o: ResolvedDetectOptions, forces: readonly string[],
): Promise<{ detections: Detection[]; tests: number }> {
  const T = wMonths.length;
  let tests = 0;
  // The scans, in a fixed order: per category, each force alone, then each pair of neighbours
  // (once per unordered pair of a force and its neighbourhood).
  const specs: Array<{ members: readonly ScanSide[]; category: CrimeCategory; crossBorder: boolean }> = [];
  const inRun = new Set(forces);
  for (const [category, perForce] of units.byCategory) {
    for (const c of perForce.values()) specs.push({ members: [c.alone], category, crossBorder: false });
    for (const f of [...perForce.keys()].sort()) {
      if (!isForceId(f)) continue;
      const nbrs = FORCE_NEIGHBOURS[f].filter((g) => inRun.has(g) && perForce.has(g) && g > f);
      for (const g of nbrs) {
        const a = perForce.get(f)!;
        const b = perForce.get(g)!;
        specs.push({ members: a.dense && b.dense ? [a.fine, b.fine] : [a.coarse, b.coarse], category, crossBorder: true });
      }
    }
  }
  const found: Detection[][] = specs.map(() => []);
  const task = (j: number): ScanTask => {
    const { members, category, crossBorder } = specs[j];
    const ids: string[] = [];
    const owner: number[] = [];
    const locations: Array<{ id: string; x: number; y: number }> = [];
    const counts: number[] = [];
    members.forEach((m, f) => {
      const pres = present.get(m.force)!;
      m.ids.forEach((id, i) => {
        ids.push(id);
        owner.push(f);
        locations.push({ id, ...m.xy[i] });
        for (let t = 0; t < T; t++) counts.push(pres.has(wMonths[t]) ? m.counts[i][t] : 0);
      });
    });
    const rule: RaisableRule = { minCount: o.minAlertCount, minRelativeRisk: o.minRelativeRisk, fdr: o.fdr, owners: crossBorder ? owner : null };
    // A cross-border scan runs on its border zone, found where the job runs (a worker, often).
    const job: ScanJob = {
      input: { locations, periods: T, counts }, maxLocations: units.maxLocations, rule, borderZone: crossBorder,
      options: { maxDuration: 3, replications: o.scanReplications, seed: o.seed, maxClusters: 3 },
    };
    return { job, done: (res) => {
      const at = new Map(ids.map((c, i) => [c, i]));
      const kept = res.clusters.filter((c) => c.observed > c.expected && spansOwners(c, rule, at));
      tests += res.clusters.length;
      const q = benjaminiHochberg(kept.map((c) => c.p));
      kept.forEach((c, i) => {
        if (!(q[i] <= o.fdr) || c.start + c.duration !== T || !raisable(c, rule, at)) return;
        const idx = c.locations.map((l) => at.get(l)!);
        found[j].push({
          kind: 'space_time_cluster', relativeRisk: c.relativeRisk, llr: c.llr, months: c.duration,
          force_ids: [...new Set(idx.map((i2) => members[owner[i2]].force))], category, area_type: units.kind, area_ids: [...c.locations].sort(),
          h3_cells: [...new Set(c.locations.flatMap((l) => units.cellsOf(l)))].sort(),
          period_start: wMonths[c.start], period_end: month, observed: c.observed, expected: c.expected, threshold: null, p: c.p, q: q[i],
          method: crossBorder ? 'space-time-permutation-scan/cross-border' : 'space-time-permutation-scan/force',
          params: { locations: units.kind === 'lsoa' ? 'lsoa' : `h3_r${getResolution(ids[0])}`, max_locations: units.maxLocations, max_months: 3, replications: res.replications, seed: o.seed, window_months: T },
          series: wMonths.map((m, t) => ({ month: m, observed: idx.reduce((a, z) => a + counts[z * T + t], 0), expected: null, threshold: null })),
          significantLastMonth: null,
        });
      });
    } };
  };
  await runScanTasks(specs.length, task, o.scanWorkers);
  const detections = found.flat();
  return { detections, tests };
}
