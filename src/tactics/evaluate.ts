/**
 * A trial's evaluation on the hub's own series: the treated LSOAs' monthly crimes of the trial's
 * categories against comparison areas drawn from the registration's comparison forces, three ways:
 *
 * 1. **Synthetic control** (synth.ts) on the treated LSOAs' mean series, each series divided by its
 *    pre-period mean (a hot spot sits above every single donor: a convex combination can follow its
 *    trajectory, not its level): donors are the 199 untreated, unbuffered LSOAs averaging at least a
 *    crime a month whose scaled pre-period series are closest; the predictors are the pre-period
 *    months themselves (V is the identity), penalised towards close donors (Abadie & L'Hour, 2021) so
 *    that W is unique; inference by placebos in space built like the treated unit (the mean of k
 *    areas drawn from the pool), ranked by post/pre mean squared gap.
 * 2. **Difference-in-differences** (did.ts) against matched comparison LSOAs: for each treated LSOA
 *    the `matchesPerArea` untreated LSOAs nearest to it in pre-period mean count, without
 *    replacement; parallel pre-trends tested. Its p-value is a rank test against the same estimate on
 *    the placebo groups; its interval adds, in quadrature, their spread (how areas drift apart over
 *    years, which the model cannot see) to the model's quasi-Poisson standard error (the treated
 *    areas' own counting noise); the model's interval alone is kept beside it (on real series it is
 *    far too narrow).
 * 3. **Displacement** (stats/wdd): the WDD and WDQ with the buffer (untreated LSOAs whose point is
 *    within `buffer_m` of a treated LSOA's point) against its own matched comparison, counts as
 *    rates per LSOA and month (time and area weights, Wheeler 2021): the WDD is the change in
 *    crimes per LSOA per month that the controls' changes do not explain.
 *
 * Pure: it takes the series and points and returns the evaluation; evaluateTrial (trials.ts) reads
 * them from the store.
 */
import { monthRange } from '../standard/index.ts';
import { seededRng, simplexLeastSquares, wdd } from '../stats/index.ts';

const Z95 = 1.959963984540054;
import { differenceInDifferences } from './did.ts';

export interface TrialData {
  /** Months in order (YYYY-MM), pre-period and post-period together. */
  readonly months: readonly string[];
  /** Crimes per month of every LSOA of the comparison forces (zero-filled), in `months` order. */
  readonly series: ReadonlyMap<string, readonly number[]>;
  /** A point (lon, lat) per LSOA, where known. */
  readonly points: ReadonlyMap<string, readonly [number, number]>;
}

export interface TrialDesign {
  readonly treated: readonly string[];
  /** The first month of the post period. */
  readonly start: string;
  readonly bufferM: number;
  readonly donors?: number;
  readonly matchesPerArea?: number;
  /** Placebo units for the synthetic control's permutation test (default 199) and their seed. */
  readonly placebos?: number;
  readonly seed?: number;
}

export interface TrialEstimate {
  readonly months: string[];
  readonly postIndex: number;
  readonly treatedSeries: number[];
  readonly syntheticSeries: number[];
  readonly comparisonSeries: number[];
  readonly synth: { weights: Record<string, number>; pre_rmspe: number; post_rmspe: number; effect: number; placebo_p: number; ratio_rank: number; placebos: number };
  readonly did: ReturnType<typeof differenceInDifferences> & { comparison_lsoas: string[]; model_ci95: { lower: number; upper: number }; model_p_value: number; placebos: number };
  readonly displacement: { buffer_lsoas: string[]; wdd: { estimate: number; standard_error: number; z: number; p_value: number }; buffer: { estimate: number; standard_error: number }; wdq: number | null };
}

/**
 * The series from the store's rows: months from the first to the latest the trial's force holds,
 * every LSOA of the rows zero-filled over them (rows of other forces' later months are dropped).
 */
export function trialDataFrom(
  rows: ReadonlyArray<{ force_id: string; lsoa_code: string; month: string; n: number }>,
  points: ReadonlyArray<readonly [string, number, number]>,
  forceId: string,
): TrialData & { latest: string } {
  const own = rows.filter((r) => r.force_id === forceId);
  if (!own.length) throw new Error(`no rows of ${forceId}`);
  const first = own.reduce((m, r) => (r.month < m ? r.month : m), own[0].month);
  const latest = own.reduce((m, r) => (r.month > m ? r.month : m), own[0].month);
  const months = monthRange(first, latest);
  const idx = new Map(months.map((m, i) => [m, i]));
  const series = new Map<string, number[]>();
  for (const r of rows) {
    const i = idx.get(r.month);
    if (i === undefined) continue;
    const s = series.get(r.lsoa_code) ?? series.set(r.lsoa_code, new Array(months.length).fill(0)).get(r.lsoa_code)!;
    s[i] += r.n;
  }
  return { months, series, points: new Map(points.map(([c, lon, lat]) => [c, [lon, lat] as const])), latest };
}

const sum = (xs: readonly number[], from = 0, to = xs.length) => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i];
  return s;
};

/** Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m). */
export function metresBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const r = Math.PI / 180;
  const dLat = (b[1] - a[1]) * r;
  const dLon = (b[0] - a[0]) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Untreated LSOAs within `metres` of any treated LSOA's point. */
export function bufferAreas(treated: readonly string[], points: TrialData['points'], metres: number): string[] {
  const tp = treated.map((t) => points.get(t)).filter((p): p is readonly [number, number] => !!p);
  const set = new Set(treated);
  const out: string[] = [];
  for (const [code, p] of points) if (!set.has(code) && tp.some((q) => metresBetween(p, q) <= metres)) out.push(code);
  return out.sort();
}

/** For each target series, the `k` pool areas nearest in pre-period mean, each used once. */
export function matchByLevel(targets: readonly string[], pool: readonly string[], series: TrialData['series'], pre: number, k: number, means?: ReadonlyMap<string, number>): string[] {
  const mean = (c: string) => means?.get(c) ?? sum(series.get(c)!, 0, pre) / pre;
  const byMean = pool.map((c) => ({ c, m: mean(c) })).sort((a, b) => a.m - b.m || (a.c < b.c ? -1 : 1));
  const taken = new Set<string>();
  const out: string[] = [];
  for (const t of [...targets].sort((a, b) => mean(b) - mean(a) || (a < b ? -1 : 1))) {
    const m = mean(t);
    // Walk outwards from the target's place in the sorted pool, taking the k nearest not yet used.
    let hi = lowerBound(byMean, m);
    let lo = hi - 1;
    let got = 0;
    while (got < k && (lo >= 0 || hi < byMean.length)) {
      const useLo = hi >= byMean.length || (lo >= 0 && m - byMean[lo].m <= byMean[hi].m - m);
      const cand = useLo ? byMean[lo--] : byMean[hi++];
      if (taken.has(cand.c)) continue;
      taken.add(cand.c);
      out.push(cand.c);
      got++;
    }
  }
  return out.sort();
}

function lowerBound(xs: ReadonlyArray<{ m: number }>, m: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid].m < m) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Quantile (type 7, R's default) of sorted values. */
function quantileSorted(xs: readonly number[], p: number): number {
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  return xs[lo] + (h - lo) * ((xs[Math.min(lo + 1, xs.length - 1)] ?? xs[lo]) - xs[lo]);
}

/** Penalty weight λ of the penalised synthetic control (Abadie & L'Hour, 2021) on scaled series. */
export const SYNTH_PENALTY = 0.1;

/**
 * Synthetic control with V = identity on the pre-period outcomes, penalised towards donors whose
 * own pre-period series are close to the target: with more donors than pre-period months an
 * unpenalised fit interpolates the target exactly and its W is not unique.
 */
function synthOnSeries(target: readonly number[], donors: ReadonlyArray<readonly number[]>, pre: number): Float64Array {
  const n = donors.length;
  const a = new Float64Array(pre * n);
  const pen = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let d = 0;
    for (let t = 0; t < pre; t++) {
      a[t * n + j] = donors[j][t];
      d += (donors[j][t] - target[t]) ** 2;
    }
    pen[j] = SYNTH_PENALTY * d;
  }
  return simplexLeastSquares(a, pre, n, target.slice(0, pre), undefined, pen).w;
}

function gapsRatio(target: readonly number[], synth: readonly number[], pre: number): number {
  let a = 0;
  let b = 0;
  for (let t = 0; t < target.length; t++) {
    const g = (target[t] - synth[t]) ** 2;
    if (t < pre) a += g;
    else b += g;
  }
  return b / (target.length - pre) / Math.max(a / pre, 1e-12);
}

export function estimateTrial(data: TrialData, design: TrialDesign): TrialEstimate {
  const months = [...data.months];
  const pre = months.indexOf(design.start);
  if (pre < 0) throw new Error(`the trial's start month ${design.start} is not among the months evaluated`);
  const T = months.length;
  const missing = design.treated.filter((c) => !data.series.has(c));
  if (missing.length) throw new Error(`no crimes recorded in treated area(s) ${missing.join(', ')} in any month evaluated`);
  const treatedSet = new Set(design.treated);
  const buffer = bufferAreas(design.treated, data.points, design.bufferM).filter((c) => data.series.has(c));
  const bufferSet = new Set(buffer);
  const pool = [...data.series.keys()].filter((c) => !treatedSet.has(c) && !bufferSet.has(c) && sum(data.series.get(c)!, 0, pre) > 0).sort();
  if (pool.length < 5) throw new Error(`only ${pool.length} comparison areas with crimes before ${design.start}: widen the comparison forces`);

  const treatedTotal = months.map((_, t) => design.treated.reduce((s, c) => s + data.series.get(c)![t], 0));
  const k = design.treated.length;
  const target = treatedTotal.map((v) => v / k);

  // Synthetic control on series scaled by their pre-period means: hot spots sit above every single
  // donor, so a convex combination can match their trajectory but not their level. Donors: the
  // areas (averaging at least one crime a month before the start) whose scaled pre-period series
  // are closest to the treated areas'.
  const preMean = (s: readonly number[]) => sum(s, 0, pre) / pre;
  const scaled = (s: readonly number[]) => {
    const m = preMean(s);
    return s.map((v) => v / m);
  };
  const targetMean = preMean(target);
  if (!(targetMean > 0)) throw new Error(`no crimes in the treated areas before ${design.start}`);
  const targetScaled = scaled(target);
  const eligible = pool.filter((c) => preMean(data.series.get(c)!) >= 1);
  if (eligible.length < 5) throw new Error(`only ${eligible.length} comparison areas average a crime a month before ${design.start}: widen the comparison forces or categories`);
  const dist = (c: string) => {
    const s = data.series.get(c)!;
    const m = preMean(s);
    let d = 0;
    for (let t = 0; t < pre; t++) d += (s[t] / m - targetScaled[t]) ** 2;
    return d;
  };
  const donorIds = eligible.map((c) => ({ c, d: dist(c) })).sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1)).slice(0, design.donors ?? 199).map((x) => x.c);
  const donorSeries = donorIds.map((c) => scaled(data.series.get(c)!));
  const w = synthOnSeries(targetScaled, donorSeries, pre);
  const synthScaled = months.map((_, t) => donorSeries.reduce((s, d, j) => s + w[j] * d[t], 0));
  const ratio = gapsRatio(targetScaled, synthScaled, pre);
  // Placebos in space built like the treated unit: for each treated area, an untreated one drawn
  // at random from the 20 of the pool nearest it in pre-period level (seeded), so that under no
  // effect the treated group is exchangeable with the placebo groups. The same groups calibrate
  // the synthetic control's rank test and the DiD's interval below.
  const rng = seededRng(design.seed ?? 1);
  const placebos = design.placebos ?? 199;
  const means = new Map<string, number>([...data.series].map(([c, s]) => [c, sum(s, 0, pre) / pre]));
  const byMean = pool.map((c) => ({ c, m: means.get(c)! })).sort((a, b) => a.m - b.m || (a.c < b.c ? -1 : 1));
  const drawLikeTreated = (): string[] => {
    const drawn = new Set<string>();
    for (const t of design.treated) {
      const at = lowerBound(byMean, means.get(t)!);
      const from = Math.max(0, Math.min(at - 10, byMean.length - 20));
      for (let tries = 0; tries < 50; tries++) {
        const c = byMean[Math.min(byMean.length - 1, from + rng.int(20))].c;
        if (!drawn.has(c)) {
          drawn.add(c);
          break;
        }
      }
    }
    return [...drawn];
  };
  const groups = Array.from({ length: placebos }, drawLikeTreated);
  let atLeast = 0;
  for (const drawn of groups) {
    const set = new Set(drawn);
    const mean = months.map((_, t) => drawn.reduce((s, c) => s + data.series.get(c)![t], 0) / drawn.length);
    if (!(sum(mean, 0, pre) > 0)) continue;
    const ps = scaled(mean);
    const others = donorIds.map((c, j) => (set.has(c) ? null : donorSeries[j])).filter((x): x is number[] => x !== null);
    const wj = synthOnSeries(ps, others, pre);
    const sj = months.map((__, t) => others.reduce((s, d, i) => s + wj[i] * d[t], 0));
    if (gapsRatio(ps, sj, pre) >= ratio) atLeast++;
  }
  const syntheticSeries = synthScaled.map((v) => v * targetMean * k);
  const rmspe = (from: number, to: number) => Math.sqrt(sum(treatedTotal.map((v, t) => (v - syntheticSeries[t]) ** 2), from, to) / (to - from));

  // DiD against matched comparison areas. Its model-based interval (quasi-Poisson) sees only
  // month-to-month noise; areas also drift apart over years (Bertrand, Duflo & Mullainathan, 2004),
  // so the interval reported is calibrated on the placebo groups: each is matched and fitted the
  // same way, and the spread of their estimates (no effect by construction) is the estimate's.
  const times = months.map((_, i) => i);
  const didFor = (group: readonly string[], candidates: readonly string[]) => {
    const cmp = matchByLevel(group, candidates, data.series, pre, design.matchesPerArea ?? 5, means);
    const tr = months.map((_, t) => group.reduce((s, c) => s + data.series.get(c)![t], 0));
    const cs = months.map((_, t) => cmp.reduce((s, c) => s + data.series.get(c)![t], 0));
    return { cmp, cs, fit: differenceInDifferences({ times, treated: tr, comparison: cs, postFrom: pre }) };
  };
  const main = didFor(design.treated, pool);
  const comparison = main.cmp;
  const comparisonSeries = main.cs;
  const nulls: number[] = [];
  for (const g of groups) {
    const set = new Set(g);
    try {
      const f = didFor(g, pool.filter((c) => !set.has(c))).fit;
      if (Number.isFinite(f.log_rate_ratio)) nulls.push(f.log_rate_ratio);
    } catch {
      /* a placebo group with no crimes in a period cannot be fitted; it is left out */
    }
  }
  nulls.sort((a, b) => a - b);
  const d0 = main.fit.log_rate_ratio;
  // The p-value is the placebo rank test: the share of placebo groups (no effect by construction)
  // whose estimate is at least as far from no change, exact under the null of no effect. The
  // interval adds, in quadrature, the placebo groups' spread (a robust SD from their 2.5% and 97.5%
  // quantiles: how areas drift apart) to the model's standard error (the treated areas' own counting
  // noise, which a real effect changes: fewer crimes are relatively noisier).
  const calibrated = nulls.length >= 19
    ? (() => {
        const spread = (quantileSorted(nulls, 0.975) - quantileSorted(nulls, 0.025)) / (2 * Z95);
        const centre = quantileSorted(nulls, 0.5);
        const se = Math.sqrt(spread ** 2 + main.fit.standard_error ** 2);
        return {
          ci95: { lower: Math.exp(d0 - centre - Z95 * se), upper: Math.exp(d0 - centre + Z95 * se) },
          p_value: (1 + nulls.filter((x) => Math.abs(x) >= Math.abs(d0)).length) / (nulls.length + 1),
          standard_error: se,
        };
      })()
    : { ci95: main.fit.ci95, p_value: main.fit.p_value, standard_error: main.fit.standard_error };
  const did = { ...main.fit, model_ci95: main.fit.ci95, model_p_value: main.fit.p_value, ...calibrated, placebos: nulls.length };

  // Displacement: the buffer against its own matched comparison (areas not already used).
  const used = new Set(comparison);
  const bufferControl = buffer.length ? matchByLevel(buffer, pool.filter((c) => !used.has(c)), data.series, pre, 1) : [];
  const tot = (ids: readonly string[]) => ({
    before: ids.reduce((s, c) => s + sum(data.series.get(c)!, 0, pre), 0),
    after: ids.reduce((s, c) => s + sum(data.series.get(c)!, pre, T), 0),
  });
  const counts = {
    treated: { before: sum(treatedTotal, 0, pre), after: sum(treatedTotal, pre, T) },
    control: tot(comparison),
    ...(buffer.length ? { displacement: tot(buffer), displacement_control: tot(bufferControl) } : {}),
  };
  // Per LSOA and month: groups of different sizes and periods of different lengths compare as rates.
  const area = { treated: k, control: comparison.length, displacement: Math.max(buffer.length, 1), displacement_control: Math.max(bufferControl.length, 1) };
  const wd = wdd(counts, { time: { before: pre, after: T - pre }, area });

  return {
    months,
    postIndex: pre,
    treatedSeries: treatedTotal,
    syntheticSeries,
    comparisonSeries,
    synth: {
      weights: Object.fromEntries(donorIds.map((c, j) => [c, w[j]]).filter(([, v]) => (v as number) > 1e-6)),
      pre_rmspe: rmspe(0, pre),
      post_rmspe: rmspe(pre, T),
      effect: sum(treatedTotal, pre, T) / Math.max(sum(syntheticSeries, pre, T), 1e-9) - 1,
      placebo_p: (1 + atLeast) / (placebos + 1),
      ratio_rank: 1 + atLeast,
      placebos,
    },
    did: { ...did, comparison_lsoas: comparison },
    displacement: {
      buffer_lsoas: buffer, wdd: { estimate: wd.estimate, standard_error: wd.standard_error, z: wd.z, p_value: wd.p_value },
      buffer: { estimate: wd.displacement.estimate, standard_error: wd.displacement.standard_error }, wdq: wd.wdq,
    },
  };
}
