/**
 * Prospective space-time permutation scan statistic (Kulldorff, Heffernan, Hartman, Assunção &
 * Mostashari 2005, "A space-time permutation scan statistic for disease outbreak detection",
 * PLoS Medicine 2(3):e59), as in SaTScan's prospective space-time permutation model:
 *
 * - data: case counts c_zd per location z and period d; C = Σ c_zd;
 * - expected under no space-time interaction: μ_zd = (Σ_d' c_zd')(Σ_z' c_z'd) / C;
 * - cylinders: a circle around each location holding its nearest locations, up to `maxShare` of
 *   all locations, times a window of the last 1 … `maxDuration` periods (prospective: every
 *   window ends at the latest period);
 * - for a cylinder A with c_A cases and μ_A expected, and c_A > μ_A,
 *   ln GLR = c_A ln(c_A/μ_A) + (C − c_A) ln((C − c_A)/(C − μ_A)) (Poisson approximation);
 * - significance: the cases' periods are permuted among the cases (keeping both margins) in
 *   `replications` (default 999) seeded Monte Carlo replications; a cluster's p-value is
 *   rank/(R + 1), rank = 1 + #{replications whose maximum ln GLR ≥ the cluster's}.
 *
 * Replications run in worker threads (`workers`, default 2) and do not depend on how they are
 * split: replication j always uses seed (seed, j). In this thread (`workers: 0`) a `stopRule` may
 * end them early (sequential Monte Carlo, Besag & Clifford 1991, Biometrika 78:301–304): once
 * `exceedances` replications have reached a cluster's ln GLR, its p-value can only grow, so a caller
 * that only acts on p ≤ (exceedances)/(R + 1) loses nothing by stopping; p-values are then over the
 * replications run.
 */
import { Worker } from 'node:worker_threads';
import KDBush from 'kdbush';
import { PeelError } from '../standard/index.ts';
import { replicateMaxima, scanTable, type ScanKernelData } from './scan-kernel.ts';

export interface ScanLocation {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export interface ScanInput {
  readonly locations: readonly ScanLocation[];
  /** Number of periods T (time basis: the caller's, e.g. months). */
  readonly periods: number;
  /** Non-negative whole counts, `counts[z * periods + d]`. */
  readonly counts: ArrayLike<number>;
}

export interface ScanOptions {
  /** Largest share of the locations a circle may hold. Default 0.5 (SaTScan's default 50 %). */
  readonly maxShare?: number;
  /** Longest window, in periods, ending at the latest. Default ⌊T/2⌋ (SaTScan's default 50 %). */
  readonly maxDuration?: number;
  /** Monte Carlo replications R. Default 999. */
  readonly replications?: number;
  readonly seed?: number;
  /** Worker threads for the replications; 0 runs them in this thread. Default 2. */
  readonly workers?: number;
  /** Most clusters to report (the most likely first, then secondary clusters that overlap none before). Default 10. */
  readonly maxClusters?: number;
  /**
   * Given the clusters found (p not yet known), when to stop the replications: once `exceedances`
   * of them have a maximum ≥ `llr` (0 runs none). Honoured with `workers: 0` only. Default: run all R.
   */
  readonly stopRule?: (clusters: readonly ScanCluster[]) => { llr: number; exceedances: number } | null;
}

export interface ScanCluster {
  /** Id of the central location. */
  readonly centre: string;
  readonly locations: string[];
  /** Distance from the centre to the farthest location in the circle. */
  readonly radius: number;
  /** First period of the window (0-based); the window ends at T − 1. */
  readonly start: number;
  readonly duration: number;
  readonly observed: number;
  readonly expected: number;
  /** observed / expected. */
  readonly relativeRisk: number;
  /** ln GLR. */
  readonly llr: number;
  /** rank / (R + 1). */
  readonly p: number;
}

export interface ScanResult {
  readonly clusters: ScanCluster[];
  readonly replications: number;
  readonly totalCases: number;
}

interface Prepared {
  readonly data: ScanKernelData;
  readonly counts: Int32Array;
  readonly distances: Float64Array;
}

/**
 * Each location's `m` nearest locations by (distance, index), itself first: `ids[i·m + t]` is the
 * t-th nearest to location i, `distances[i·m + t]` its distance (0 for itself). The circles of the
 * scan; `m` must not exceed the number of locations.
 */
export function nearestLocations(locations: readonly { x: number; y: number }[], m: number): { ids: Int32Array; distances: Float64Array } {
  const nLoc = locations.length;
  const index = new KDBush(nLoc);
  for (const l of locations) index.add(l.x, l.y);
  index.finish();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const l of locations) {
    minX = Math.min(minX, l.x); maxX = Math.max(maxX, l.x);
    minY = Math.min(minY, l.y); maxY = Math.max(maxY, l.y);
  }
  const span = Math.max(maxX - minX, maxY - minY, 1e-9);
  const r0 = span * Math.sqrt(m / nLoc / Math.PI) * 1.5;
  const ids = new Int32Array(nLoc * m);
  const distances = new Float64Array(nLoc * m);
  const buf = new Uint32Array(nLoc);
  // An insertion into the m best, which is cheaper than sorting every candidate when m is small.
  const bestD = new Float64Array(m);
  const bestJ = new Int32Array(m);
  // The search radius adapts to the local density: starting from the last location's m-th
  // distance (neighbours in the input are often neighbours on the map), halved while it holds far
  // more than m candidates and doubled until it holds m. A radius fixed for the whole map made
  // every location of a city scan thousands of candidates (LSOAs are dense there).
  let guess = r0 / 4;
  for (let i = 0; i < nLoc; i++) {
    const { x, y } = locations[i];
    let r = guess;
    let k = index.withinInto(x, y, r, buf);
    while (k > 8 * m && r > 1e-9) k = index.withinInto(x, y, (r /= 2), buf);
    while (k < m) k = index.withinInto(x, y, (r *= 2), buf);
    let filled = 0;
    for (let q = 0; q < k; q++) {
      const j = buf[q];
      const dj = j === i ? -1 : (locations[j].x - x) ** 2 + (locations[j].y - y) ** 2;
      if (filled === m && (dj > bestD[m - 1] || (dj === bestD[m - 1] && j > bestJ[m - 1]))) continue;
      let t = filled < m ? filled++ : m - 1;
      while (t > 0 && (bestD[t - 1] > dj || (bestD[t - 1] === dj && bestJ[t - 1] > j))) {
        bestD[t] = bestD[t - 1];
        bestJ[t] = bestJ[t - 1];
        t--;
      }
      bestD[t] = dj;
      bestJ[t] = j;
    }
    for (let t = 0; t < m; t++) {
      ids[i * m + t] = bestJ[t];
      distances[i * m + t] = t === 0 ? 0 : Math.sqrt(bestD[t]);
    }
    guess = Math.max(distances[i * m + m - 1] * 1.25, 1e-9);
  }
  return { ids, distances };
}

function prepare(input: ScanInput, opts: ScanOptions): Prepared {
  const { locations, periods: T } = input;
  const nLoc = locations.length;
  if (!Number.isInteger(T) || T < 2) throw new PeelError('bad_input', `the scan needs at least 2 periods (got ${T})`);
  if (nLoc < 2) throw new PeelError('bad_input', `the scan needs at least 2 locations (got ${nLoc})`);
  if (input.counts.length !== nLoc * T) throw new Error(`spaceTimeScan: ${input.counts.length} counts for ${nLoc} locations × ${T} periods`);
  const maxShare = opts.maxShare ?? 0.5;
  if (!(maxShare > 0 && maxShare <= 1)) throw new PeelError('bad_input', `maxShare = ${maxShare} must be in (0, 1]`);
  const D = opts.maxDuration ?? Math.max(1, Math.floor(T / 2));
  if (!Number.isInteger(D) || D < 1 || D > T) throw new PeelError('bad_input', `maxDuration = ${D} must be a whole number in 1..${T}`);
  const counts = new Int32Array(nLoc * T);
  let C = 0;
  for (let i = 0; i < counts.length; i++) {
    const v = input.counts[i];
    if (!Number.isInteger(v) || v < 0)
      throw new PeelError('bad_input', `count for location "${locations[Math.floor(i / T)].id}" period ${i % T} is ${v}, not a non-negative whole number`);
    counts[i] = v;
    C += v;
  }
  if (C === 0) throw new PeelError('no_data', 'the scan has no cases');
  const locTot = new Float64Array(nLoc);
  const perTot = new Float64Array(T);
  for (let z = 0; z < nLoc; z++)
    for (let d = 0; d < T; d++) {
      locTot[z] += counts[z * T + d];
      perTot[d] += counts[z * T + d];
    }
  const expSuffix = new Float64Array(nLoc * D);
  for (let z = 0; z < nLoc; z++) {
    let s = 0;
    for (let L = 1; L <= D; L++) {
      s += (locTot[z] * perTot[T - L]) / C;
      expSuffix[(L - 1) * nLoc + z] = s;
    }
  }
  // Circles: each location's nearest locations, itself first, up to maxShare of all.
  const m = Math.max(1, Math.floor(maxShare * nLoc));
  for (const l of locations) {
    if (!Number.isFinite(l.x) || !Number.isFinite(l.y)) throw new PeelError('bad_input', `location "${l.id}": coordinates (${l.x}, ${l.y}) are not finite`);
  }
  const { ids: circleIds, distances } = nearestLocations(locations, m);
  const circleOffsets = new Int32Array(nLoc + 1);
  for (let i = 0; i < nLoc; i++) circleOffsets[i + 1] = (i + 1) * m;
  // The case labels are built only when replications run (withCases): most scans of a detection
  // run need none, and they cost one entry per case.
  return { data: { nLoc, T, maxDuration: D, total: C, circleOffsets, circleIds, expSuffix, caseLoc: new Int32Array(0), casePeriod: new Int32Array(0) }, counts, distances };
}

/** The kernel data with the location and period of every case, for the replications. */
function withCases(data: ScanKernelData, counts: Int32Array): ScanKernelData {
  const { nLoc, T, total: C } = data;
  const caseLoc = new Int32Array(C);
  const casePeriod = new Int32Array(C);
  let q = 0;
  for (let z = 0; z < nLoc; z++)
    for (let d = 0; d < T; d++)
      for (let c = counts[z * T + d]; c > 0; c--) {
        caseLoc[q] = z;
        casePeriod[q++] = d;
      }
  return { ...data, caseLoc, casePeriod };
}

async function runReplications(data: ScanKernelData, R: number, seed: number, workers: number, stop: { llr: number; exceedances: number } | null): Promise<Float64Array> {
  if (stop && workers <= 0) {
    // In chunks, so the run can stop between them; replication j still uses seed (seed, j).
    const out = new Float64Array(R);
    let n = 0;
    let hits = 0;
    while (n < R && hits < stop.exceedances) {
      // Eight at a time: the kernel scans eight tables per pass.
      const part = replicateMaxima(data, seed, n, Math.min(R - n, 8));
      out.set(part, n);
      n += part.length;
      for (const v of part) if (v >= stop.llr - 1e-10 * Math.abs(stop.llr)) hits++;
    }
    return out.subarray(0, n);
  }
  if (workers <= 0 || R < 2) return replicateMaxima(data, seed, 0, R);
  const parts = Math.min(workers, R);
  const jobs: Promise<Float64Array>[] = [];
  let first = 0;
  for (let w = 0; w < parts; w++) {
    const count = Math.floor(R / parts) + (w < R % parts ? 1 : 0);
    const start = first;
    first += count;
    jobs.push(
      new Promise<Float64Array>((resolve, reject) => {
        const worker = new Worker(new URL('./scan-worker.mjs', import.meta.url), { workerData: { data, seedBase: seed, first: start, count } });
        worker.once('message', (m: Float64Array) => resolve(m));
        worker.once('error', reject);
        worker.once('exit', (code) => {
          if (code !== 0) reject(new Error(`scan worker exited with code ${code}`));
        });
      }),
    );
  }
  const parts_ = await Promise.all(jobs);
  const out = new Float64Array(R);
  let o = 0;
  for (const p of parts_) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Runs the prospective space-time permutation scan (see the module comment). */
export async function spaceTimeScan(input: ScanInput, opts: ScanOptions = {}): Promise<ScanResult> {
  const R = opts.replications ?? 999;
  if (!Number.isInteger(R) || R < 0) throw new PeelError('bad_input', `replications = ${R} must be a whole number ≥ 0`);
  const seed = opts.seed ?? 1;
  const maxClusters = opts.maxClusters ?? 10;
  const { data, counts, distances } = prepare(input, opts);
  // Most likely cluster, then secondary clusters overlapping none reported before.
  const found: Array<Omit<ScanCluster, 'p'>> = [];
  const used = new Uint8Array(data.nLoc);
  const locs = input.locations;
  for (let k = 0; k < maxClusters; k++) {
    const best = bestExcluding(data, counts, used);
    if (!best || best.llr <= 0) break;
    const ids: number[] = [];
    const off = data.circleOffsets[best.centre];
    for (let r = 0; r < best.size; r++) ids.push(data.circleIds[off + r]);
    for (const z of ids) used[z] = 1;
    found.push({
      centre: locs[best.centre].id,
      locations: ids.map((z) => locs[z].id),
      radius: distances[off + best.size - 1],
      start: data.T - best.duration,
      duration: best.duration,
      observed: best.observed,
      expected: best.expected,
      relativeRisk: best.observed / best.expected,
      llr: best.llr,
    });
  }
  const stop = opts.stopRule ? opts.stopRule(found.map((c) => ({ ...c, p: NaN }))) : null;
  const maxima = R > 0 && !(stop && stop.exceedances <= 0 && (opts.workers ?? 2) <= 0)
    ? await runReplications(withCases(data, counts), R, seed, opts.workers ?? 2, stop)
    : new Float64Array(0);
  const n = maxima.length;
  const sorted = Float64Array.from(maxima).sort();
  const pFor = (llr: number): number => {
    // count of replications with max ≥ llr
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < llr - 1e-10 * Math.abs(llr)) lo = mid + 1;
      else hi = mid;
    }
    return (sorted.length - lo + 1) / (n + 1);
  };
  const clusters: ScanCluster[] = found.map((c) => ({ ...c, p: R > 0 ? pFor(c.llr) : NaN }));
  return { clusters, replications: n, totalCases: data.total };
}

/** The best cylinder whose circle holds no location already reported. */
function bestExcluding(data: ScanKernelData, counts: Int32Array, used: Uint8Array) {
  let any = false;
  for (const u of used) if (u) any = true;
  if (!any) return scanTable(data, counts);
  // Truncate each circle before its first used location; circles centred on a used one vanish.
  const offsets = new Int32Array(data.nLoc + 1);
  const ids: number[] = [];
  for (let i = 0; i < data.nLoc; i++) {
    for (let r = data.circleOffsets[i]; r < data.circleOffsets[i + 1]; r++) {
      if (used[data.circleIds[r]]) break;
      ids.push(data.circleIds[r]);
    }
    offsets[i + 1] = ids.length;
  }
  // A truncated circle keeps the first `size` members of the full one, so the caller maps back directly.
  const best = scanTable({ ...data, circleOffsets: offsets, circleIds: Int32Array.from(ids) }, counts);
  return best.centre < 0 ? null : best;
}
