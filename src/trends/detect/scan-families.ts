/**
 * The space–time scan families of a detection run: the scan's locations (LSOAs by default, or H3
 * cells), per force × category and per pair of neighbouring forces on their border zone, and the
 * detections of the clusters raised. The pipeline hands over the window's series; see
 * docs/detect.md, "What one run does".
 */
import { cellToChildren, cellToLatLng, cellToParent, getResolution } from 'h3-js';
import { FORCE_NEIGHBOURS, isCrimeCategory, isForceId, type CrimeCategory } from '../../standard/index.ts';
import type { AreaSeries } from '../../store/index.ts';
import { benjaminiHochberg } from '../benjamini-hochberg.ts';
import { nearestLocations, spaceTimeScan, type ScanCluster } from '../scan.ts';
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
 * The border zone of two (or more) forces' locations: every location within the `k` nearest of a
 * location whose `k` nearest hold another force's. Only circles centred there can straddle the
 * border, so the cross-border scan runs on the zone alone, its study region: scanning both forces
 * whole cost a national run 35 s of its 40 s of cross-border scans on LSOAs.
 */
function borderZone(members: readonly ScanSide[], k: number): Uint8Array {
  const xy: XY[] = [];
  const owner: number[] = [];
  members.forEach((m, f) => m.xy.forEach((p) => (xy.push(p), owner.push(f))));
  const zone = new Uint8Array(xy.length);
  const m = Math.min(k, xy.length);
  if (m < 2) return zone;
  const { ids } = nearestLocations(xy, m);
  for (let i = 0; i < xy.length; i++) {
    let mixed = false;
    for (let t = 1; t < m && !mixed; t++) mixed = owner[ids[i * m + t]] !== owner[i];
    if (mixed) for (let t = 0; t < m; t++) zone[ids[i * m + t]] = 1;
  }
  return zone;
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
  const detections: Detection[] = [];
  let tests = 0;
  const run = async (members: readonly ScanSide[], category: CrimeCategory, crossBorder: boolean) => {
    const ids: string[] = [];
    const owner: string[] = [];
    const locations: Array<{ id: string; x: number; y: number }> = [];
    const counts: number[] = [];
    const keep = crossBorder ? borderZone(members, units.maxLocations) : null;
    let k = 0;
    for (const m of members) {
      const pres = present.get(m.force)!;
      m.ids.forEach((id, i) => {
        if (keep && !keep[k++]) return;
        ids.push(id);
        owner.push(m.force);
        locations.push({ id, ...m.xy[i] });
        for (let t = 0; t < T; t++) counts.push(pres.has(wMonths[t]) ? m.counts[i][t] : 0);
      });
    }
    const total = counts.reduce((a, v) => a + v, 0);
    if (ids.length < 5 || total < 20) return;
    const at = new Map(ids.map((c, i) => [c, i]));
    const spans = (c: { locations: readonly string[] }) => !crossBorder || new Set(c.locations.map((l) => owner[at.get(l)!])).size > 1;
    const raisable = (c: { observed: number; expected: number; relativeRisk: number; locations: readonly string[] }) =>
      c.observed > c.expected && c.observed >= o.minAlertCount && c.relativeRisk >= o.minRelativeRisk && spans(c);
    // Replications only decide whether a raisable cluster reaches p ≤ fdr (q ≥ p). Once
    // ⌊fdr·(R + 1)⌋ of them reach the strongest raisable cluster's ln GLR, none can: stop there
    // (and run none when no cluster could be raised). Decisions equal those of all R replications.
    const stopRule = (found: readonly ScanCluster[]) => {
      const llr = Math.max(-Infinity, ...found.filter(raisable).map((c) => c.llr));
      return llr === -Infinity ? { llr: Infinity, exceedances: 0 } : { llr, exceedances: Math.floor(o.fdr * (o.scanReplications + 1)) };
    };
    const res = await spaceTimeScan({ locations, periods: T, counts }, {
      maxShare: Math.min(0.5, units.maxLocations / ids.length), maxDuration: 3, replications: o.scanReplications, seed: o.seed, workers: 0, maxClusters: 3, stopRule,
    });
    const kept = res.clusters.filter((c) => c.observed > c.expected && spans(c));
    tests += res.clusters.length;
    const q = benjaminiHochberg(kept.map((c) => c.p));
    kept.forEach((c, i) => {
      if (!(q[i] <= o.fdr) || c.start + c.duration !== T || !raisable(c)) return;
      const idx = c.locations.map((l) => at.get(l)!);
      const fs = [...new Set(idx.map((i2) => owner[i2]))];
      detections.push({
        kind: 'space_time_cluster', relativeRisk: c.relativeRisk, llr: c.llr, months: c.duration,
        force_ids: fs, category, area_type: units.kind, area_ids: [...c.locations].sort(),
        h3_cells: [...new Set(c.locations.flatMap((l) => units.cellsOf(l)))].sort(),
        period_start: wMonths[c.start], period_end: month, observed: c.observed, expected: c.expected, threshold: null, p: c.p, q: q[i],
        method: crossBorder ? 'space-time-permutation-scan/cross-border' : 'space-time-permutation-scan/force',
        params: { locations: units.kind === 'lsoa' ? 'lsoa' : `h3_r${getResolution(ids[0])}`, max_locations: units.maxLocations, max_months: 3, replications: res.replications, seed: o.seed, window_months: T },
        series: wMonths.map((m, t) => ({ month: m, observed: idx.reduce((a, z) => a + counts[z * T + t], 0), expected: null, threshold: null })),
        significantLastMonth: null,
      });
    });
  };
  const inRun = new Set(forces);
  for (const [category, perForce] of units.byCategory) {
    for (const c of perForce.values()) await run([c.alone], category, false);
    // Cross-border: each force with its neighbours, once per unordered pair of a force and its neighbourhood.
    for (const f of [...perForce.keys()].sort()) {
      if (!isForceId(f)) continue;
      const nbrs = FORCE_NEIGHBOURS[f].filter((g) => inRun.has(g) && perForce.has(g) && g > f);
      for (const g of nbrs) {
        const a = perForce.get(f)!;
        const b = perForce.get(g)!;
        await run(a.dense && b.dense ? [a.fine, b.fine] : [a.coarse, b.coarse], category, true);
      }
    }
  }
  return { detections, tests };
}
