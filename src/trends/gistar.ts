/**
 * Getis–Ord local statistics Gi and Gi* (Getis & Ord 1992, Geogr. Anal. 24:189–206; Ord & Getis
 * 1995, Geogr. Anal. 27:286–306), with the z-score formulas of R's `spdep::localG` (spdep 1.2):
 *
 * For point i with weights w_ij (j ≠ i for Gi; j including i for Gi*), W_i = Σ_j w_ij and
 * S1_i = Σ_j w_ij²:
 * - Gi*:  x̄ = mean of all n values, s² = Σ(x − x̄)²/n,
 *         z_i = (Σ_j w_ij x_j − W_i x̄) / √[s² (n·S1_i − W_i²)/(n − 1)];
 * - Gi:   x̄_i, s_i² are the mean and (population) variance of the n − 1 other values,
 *         z_i = (Σ_j w_ij x_j − W_i x̄_i) / √[s_i² ((n−1)·S1_i − W_i²)/(n − 2)].
 * A point without neighbours has z = null (R's NaN under `zero.policy`).
 *
 * Weights: binary (`B`, w_ij = 1) or row-standardised (`W`, w_ij = 1/|N_i|, self included in the
 * count for Gi*), from a distance band (0 < d_ij ≤ d, as `dnearneigh(0, d)`) or the k nearest
 * neighbours (asymmetric, as `knn2nb(knearneigh(k))`), found with a k-d tree (kdbush).
 *
 * Pseudo p-values by conditional permutation (Anselin 1995; as PySAL esda's `G_Local`): x_i held
 * fixed, its neighbours' values drawn without replacement from the other n − 1 values, R times
 * with a seeded generator; with k = min(#{G_perm ≥ G_obs}, #{G_perm ≤ G_obs}) (folded),
 * p_sim = (k + 1)/(R + 1).
 */
import KDBush from 'kdbush';
import { PeelError } from '../standard/index.ts';
import { seededRng } from '../stats/index.ts';

/** Which neighbours a point has: all within a distance band, or its k nearest. */
export type NeighbourSpec = { readonly kind: 'band'; readonly d: number } | { readonly kind: 'knn'; readonly k: number };
export const WEIGHT_STYLES = ['B', 'W'] as const;
/** `B` binary, `W` row-standardised. */
export type WeightStyle = (typeof WEIGHT_STYLES)[number];

/** Neighbour lists in compressed rows: the neighbours of i are ids[offsets[i] .. offsets[i+1]). */
export interface Neighbours {
  readonly n: number;
  readonly offsets: Int32Array;
  readonly ids: Int32Array;
}

export interface LocalGOptions {
  /** Gi* (self included) when true, Gi when false. Default true. */
  readonly star?: boolean;
  readonly style?: WeightStyle;
  /** Number of conditional permutations for p_sim; 0 or absent for none. */
  readonly permutations?: number;
  readonly seed?: number;
}

export interface LocalGResult {
  /** z-scores in input order; null where a point has no neighbours. */
  readonly z: (number | null)[];
  /** Folded conditional-permutation pseudo p-values, when permutations were asked for. */
  readonly pSim?: (number | null)[];
}

/** Builds neighbour lists for planar points with a k-d tree. */
export function spatialNeighbours(xs: ArrayLike<number>, ys: ArrayLike<number>, spec: NeighbourSpec): Neighbours {
  const n = xs.length;
  if (ys.length !== n) throw new Error(`spatialNeighbours: ${n} x values but ${ys.length} y values`);
  const index = new KDBush(Math.max(n, 1));
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) throw new PeelError('bad_input', `point ${i + 1}: coordinates (${xs[i]}, ${ys[i]}) are not finite`);
    index.add(xs[i], ys[i]);
  }
  if (n === 0) return { n, offsets: new Int32Array(1), ids: new Int32Array(0) };
  index.finish();
  const offsets = new Int32Array(n + 1);
  const out: number[] = [];
  if (spec.kind === 'band') {
    if (!(spec.d > 0)) throw new PeelError('bad_input', `distance band ${spec.d} must be > 0`);
    const buf = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const m = index.withinInto(xs[i], ys[i], spec.d, buf);
      const row: number[] = [];
      for (let t = 0; t < m; t++) if (buf[t] !== i) row.push(buf[t]);
      row.sort((a, b) => a - b);
      for (const j of row) out.push(j);
      offsets[i + 1] = out.length;
    }
  } else {
    const k = spec.k;
    if (!Number.isInteger(k) || k < 1) throw new PeelError('bad_input', `k = ${k} must be a positive integer`);
    if (k >= n) throw new PeelError('bad_input', `k = ${k} must be smaller than the number of points (${n})`);
    // Start from the radius that holds about 2k points at the mean density, double until enough.
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, xs[i]); maxX = Math.max(maxX, xs[i]);
      minY = Math.min(minY, ys[i]); maxY = Math.max(maxY, ys[i]);
    }
    const area = Math.max((maxX - minX) * (maxY - minY), 1e-12);
    // Start below the radius that holds k + 1 points at the mean density and widen until it does:
    // clustered points (most crime) then return few candidates.
    const r0 = Math.sqrt((area * (k + 1)) / (Math.PI * n)) / 4;
    const buf = new Uint32Array(n);
    const bestD = new Float64Array(k);
    const bestJ = new Int32Array(k);
    let rPrev = r0 > 0 ? r0 : 1;
    for (let i = 0; i < n; i++) {
      let r = Math.max(rPrev / 2, r0 > 0 ? r0 / 8 : 1e-9);
      let m = index.withinInto(xs[i], ys[i], r, buf);
      while (m < k + 1) {
        r *= 1.5;
        m = index.withinInto(xs[i], ys[i], r, buf);
      }
      rPrev = r;
      // Keep the k nearest by insertion (ties broken by index, as a stable sort on distance would).
      let have = 0;
      for (let t = 0; t < m; t++) {
        const j = buf[t];
        if (j === i) continue;
        const dx = xs[j] - xs[i];
        const dy = ys[j] - ys[i];
        const dd = dx * dx + dy * dy;
        if (have === k && (dd > bestD[k - 1] || (dd === bestD[k - 1] && j > bestJ[k - 1]))) continue;
        let pos = have < k ? have++ : k - 1;
        while (pos > 0 && (bestD[pos - 1] > dd || (bestD[pos - 1] === dd && bestJ[pos - 1] > j))) {
          bestD[pos] = bestD[pos - 1];
          bestJ[pos] = bestJ[pos - 1];
          pos--;
        }
        bestD[pos] = dd;
        bestJ[pos] = j;
      }
      const row = Array.from(bestJ.subarray(0, have)).sort((a, b) => a - b);
      for (const j of row) out.push(j);
      offsets[i + 1] = out.length;
    }
  }
  return { n, offsets, ids: Int32Array.from(out) };
}

/** Local G z-scores (and optional permutation p-values) for values on given neighbour lists. */
export function localG(values: ArrayLike<number>, nb: Neighbours, opts: LocalGOptions = {}): LocalGResult {
  const star = opts.star ?? true;
  const style = opts.style ?? 'B';
  const n = nb.n;
  if (values.length !== n) throw new Error(`localG: ${values.length} values for ${n} points`);
  if (!WEIGHT_STYLES.includes(style)) throw new PeelError('bad_input', `weight style "${String(style)}" must be B or W`);
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new PeelError('bad_input', `value ${i + 1} = ${v} is not a finite number`);
    sum += v;
    sum2 += v * v;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) * (values[i] - mean);
  const s2star = ss / n;
  const z: (number | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const start = nb.offsets[i];
    const end = nb.offsets[i + 1];
    const count = end - start + (star ? 1 : 0);
    if (count === 0) {
      z[i] = null;
      continue;
    }
    const w = style === 'B' ? 1 : 1 / count;
    let lag = 0;
    for (let t = start; t < end; t++) lag += values[nb.ids[t]];
    if (star) lag += values[i];
    lag *= w;
    const Wi = w * count;
    const S1 = w * w * count;
    let num: number;
    let varG: number;
    if (star) {
      num = lag - Wi * mean;
      varG = (s2star * (n * S1 - Wi * Wi)) / (n - 1);
    } else {
      const xi = values[i];
      const xbar = (sum - xi) / (n - 1);
      const s2 = (sum2 - xi * xi) / (n - 1) - xbar * xbar;
      num = lag - Wi * xbar;
      varG = (s2 * ((n - 1) * S1 - Wi * Wi)) / (n - 2);
    }
    const zi = num / Math.sqrt(varG);
    z[i] = Number.isNaN(zi) ? null : zi;
  }
  const R = opts.permutations ?? 0;
  if (!(R > 0)) return { z };
  if (!Number.isInteger(R)) throw new PeelError('bad_input', `permutations = ${R} must be a whole number`);
  const rng = seededRng(opts.seed ?? 1);
  const pSim: (number | null)[] = new Array(n);
  const pool = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    const start = nb.offsets[i];
    const end = nb.offsets[i + 1];
    const k = end - start;
    if (z[i] === null || k === 0) {
      pSim[i] = null;
      continue;
    }
    let obs = 0;
    for (let t = start; t < end; t++) obs += values[nb.ids[t]];
    let c = 0;
    for (let j = 0; j < n; j++) if (j !== i) pool[c++] = values[j];
    let ge = 0;
    let le = 0;
    for (let r = 0; r < R; r++) {
      // Partial Fisher–Yates: the first k slots become a random draw without replacement.
      let s = 0;
      for (let t = 0; t < k; t++) {
        const u = t + rng.int(n - 1 - t);
        const tmp = pool[t];
        pool[t] = pool[u];
        pool[u] = tmp;
        s += pool[t];
      }
      // With x_i and the weights fixed, G is monotone in the neighbours' sum.
      if (s >= obs - 1e-9 * Math.abs(obs)) ge++;
      if (s <= obs + 1e-9 * Math.abs(obs)) le++;
    }
    pSim[i] = (Math.min(ge, le) + 1) / (R + 1);
  }
  return { z, pSim };
}
