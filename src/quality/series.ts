/**
 * The checks that look at a force's monthly series rather than its rows: missing months, months
 * since the last submission, recording-practice shifts and volume shifts. They run on monthly
 * counts (a few hundred numbers per force), so they are plain TypeScript.
 */
import { monthDiff, monthRange } from '../standard/index.ts';

/** A run of consecutive missing months. */
export interface MonthGap {
  readonly from: string;
  readonly to: string;
  readonly months: string[];
  /** True when the gap runs to the latest month held nationally (the force stopped submitting, or is late). */
  readonly trailing: boolean;
}

/**
 * Gaps in a force's held months: every month between its first held month and `nationalLatest`
 * that it does not hold, grouped into runs.
 */
export function findGaps(held: readonly string[], nationalLatest: string): MonthGap[] {
  if (!held.length) return [];
  const have = new Set(held);
  const sorted = [...have].sort();
  const end = nationalLatest > sorted.at(-1)! ? nationalLatest : sorted.at(-1)!;
  const gaps: MonthGap[] = [];
  let run: string[] = [];
  const flush = (trailing: boolean) => {
    if (run.length) gaps.push({ from: run[0]!, to: run.at(-1)!, months: run, trailing });
    run = [];
  };
  for (const m of monthRange(sorted[0]!, end)) {
    if (have.has(m)) flush(false);
    else run.push(m);
  }
  flush(true);
  return gaps;
}

/** Small seeded generator (mulberry32) so permutation p-values are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Largest |Welch t| over split points k (segments [0,k) and [k,n), each at least `minSeg` long), and where. */
export function maxSplitT(x: ArrayLike<number>, minSeg: number): { t: number; k: number } {
  const n = x.length;
  let s = 0, ss = 0;
  let tot = 0, totSq = 0;
  for (let i = 0; i < n; i++) (tot += x[i]!, totSq += x[i]! * x[i]!);
  let best = 0, bestK = -1;
  for (let k = 1; k < n; k++) {
    s += x[k - 1]!;
    ss += x[k - 1]! * x[k - 1]!;
    if (k < minSeg || n - k < minSeg) continue;
    const n1 = k, n2 = n - k;
    const m1 = s / n1, m2 = (tot - s) / n2;
    const v1 = Math.max(0, (ss - n1 * m1 * m1) / (n1 - 1));
    const v2 = Math.max(0, (totSq - ss - n2 * m2 * m2) / (n2 - 1));
    // A floor on the variance keeps perfectly flat segments from giving infinite t.
    const se = Math.sqrt(v1 / n1 + v2 / n2 + 1e-12);
    const tt = Math.abs(m2 - m1) / se;
    if (tt > best) (best = tt, bestK = k);
  }
  return { t: best, k: bestK };
}

export interface ChangepointResult {
  /** Index of the first month after the change. */
  readonly k: number;
  readonly t: number;
  /** Permutation p-value of the max-type statistic: (1 + #{permuted ≥ observed}) / (1 + permutations run). */
  readonly p: number;
  readonly before: number;
  readonly after: number;
  /** Mean of the three months either side of the change (the jump itself). */
  readonly localBefore: number;
  readonly localAfter: number;
  /** Mean of the last three months. */
  readonly last: number;
}

/**
 * Max-type changepoint test for a single shift in mean, with a permutation p-value. Under the
 * null hypothesis that the months are exchangeable, P(p ≤ α) ≤ α. Permutation stops early once
 * p can no longer fall below `alpha` (it then reports the p reached so far, which is ≥ alpha).
 */
export function changepointTest(x: readonly number[], opts: { minSeg: number; permutations: number; alpha: number; seed: number }): ChangepointResult | null {
  const n = x.length;
  if (n < 2 * opts.minSeg) return null;
  const obs = maxSplitT(x, opts.minSeg);
  if (obs.k < 0) return null;
  const rnd = seededRandom(opts.seed);
  const y = Float64Array.from(x);
  const stopAt = Math.ceil(opts.alpha * (opts.permutations + 1));
  let ge = 0, run = 0;
  for (let b = 0; b < opts.permutations; b++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const tmp = y[i]!;
      y[i] = y[j]!;
      y[j] = tmp;
    }
    run++;
    if (maxSplitT(y, opts.minSeg).t >= obs.t - 1e-12) ge++;
    if (ge + 1 > stopAt) break;
  }
  const mean = (a: number, b: number) => {
    let s = 0;
    for (let i = a; i < b; i++) s += x[i]!;
    return s / (b - a);
  };
  const k = obs.k;
  return {
    k, t: obs.t, p: (1 + ge) / (1 + run),
    before: mean(0, k), after: mean(k, n),
    localBefore: mean(Math.max(0, k - 3), k), localAfter: mean(k, Math.min(n, k + 3)),
    last: mean(Math.max(k, n - 3), n),
  };
}

export interface RecordingShift {
  readonly category: string;
  readonly month: string;
  readonly before: number;
  readonly after: number;
  readonly p: number;
  readonly t: number;
  readonly months: number;
}

export const RECORDING_SHIFT = {
  /** Family-wise false-positive rate per force (Bonferroni over the categories tested). */
  alpha: 0.01,
  permutations: 4999,
  minMonths: 12,
  minSegment: 4,
  minAbsoluteJump: 0.01,
  minRelativeJump: 0.2,
  /** Categories whose mean share is below this are not tested (too few rows to tell). */
  minShare: 0.005,
} as const;

/**
 * Recording-practice shifts in one force: for each category, the monthly share of the force's
 * street rows is tested for one shift in mean (see `changepointTest`), at α / (categories tested).
 * A significant shift is kept when it is big enough (≥ 1 percentage point and ≥ 20 % of the
 * earlier share), sudden (the three months either side of it differ by at least half the shift)
 * and lasting (the last three months are still at least half the shift away from the earlier level).
 * Months are the force's held months in order; a gap is skipped over, not filled.
 */
export function detectRecordingShifts(forceId: string, months: readonly string[], shares: ReadonlyMap<string, readonly number[]>): RecordingShift[] {
  const C = RECORDING_SHIFT;
  if (months.length < C.minMonths) return [];
  const tested = [...shares].filter(([, s]) => s.reduce((a, b) => a + b, 0) / s.length >= C.minShare);
  if (!tested.length) return [];
  const alpha = C.alpha / tested.length;
  const out: RecordingShift[] = [];
  for (const [category, s] of tested) {
    const r = changepointTest(s, { minSeg: C.minSegment, permutations: C.permutations, alpha, seed: hashSeed(`${forceId}|${category}`) });
    if (!r || r.p > alpha) continue;
    const jump = r.after - r.before;
    const sign = Math.sign(jump);
    if (Math.abs(jump) < C.minAbsoluteJump || Math.abs(jump) < C.minRelativeJump * r.before) continue;
    if (sign * (r.localAfter - r.localBefore) < 0.5 * Math.abs(jump)) continue;
    if (sign * (r.last - r.before) < 0.5 * Math.abs(jump)) continue;
    out.push({ category, month: months[r.k]!, before: r.before, after: r.after, p: r.p, t: r.t, months: months.length });
  }
  return out;
}

export interface VolumeExpectation {
  readonly month: string;
  readonly observed: number;
  readonly expected: number;
  /** ln((observed + 0.5) / (expected + 0.5)). */
  readonly logRatio: number;
  /** How the expectation was made: with a seasonal factor, or from the level alone (say why). */
  readonly basis: string;
  readonly seasonal: boolean;
}

export const VOLUME_SHIFT = {
  window: 6,
  minLevelMonths: 3,
  minSeasonalYears: 2,
  minFactor: 1.5,
  robustSds: 4,
  poissonSds: 4,
  minExpected: 10,
} as const;

function median(xs: readonly number[]): number {
  const a = [...xs].sort((p, q) => p - q);
  const n = a.length;
  return n % 2 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/**
 * The force's own expectation for each held month. Level: the median of up to six held months
 * before it (at least three: a month with less history before it gets no expectation, and is
 * not judged). Season: the median, over the same calendar month of earlier years, of that month's
 * count over its own level; used only when two or more earlier years give one, and the basis of
 * every expectation says which it had. Only the past is used, so an anomaly never distorts the
 * expectation of the months before it.
 */
export function volumeExpectations(series: ReadonlyMap<string, number>): VolumeExpectation[] {
  const V = VOLUME_SHIFT;
  const months = [...series.keys()].sort();
  const levelOf = (m: string): { level: number; basis: string } | null => {
    const before = months.filter((s) => s < m && monthDiff(s, m) <= V.window).map((s) => series.get(s)!);
    if (before.length >= V.minLevelMonths) return { level: median(before), basis: `median of the ${before.length} months before` };
    return null;
  };
  const levels = new Map<string, { level: number; basis: string }>();
  for (const m of months) {
    const l = levelOf(m);
    if (l) levels.set(m, l);
  }
  const out: VolumeExpectation[] = [];
  for (const m of months) {
    const l = levels.get(m);
    if (!l) continue;
    const ratios: number[] = [];
    for (const s of months) {
      if (s >= m || s.slice(5) !== m.slice(5)) continue;
      const ls = levels.get(s);
      if (ls && ls.level > 0) ratios.push(series.get(s)! / ls.level);
    }
    const seasonal = ratios.length >= V.minSeasonalYears;
    const factor = seasonal ? median(ratios) : 1;
    const expected = l.level * factor;
    const observed = series.get(m)!;
    out.push({
      month: m, observed, expected, logRatio: Math.log((observed + 0.5) / (expected + 0.5)), seasonal,
      basis: seasonal
        ? `${l.basis} × seasonal factor ${factor.toFixed(2)} from ${ratios.length} earlier years`
        : `${l.basis}; no seasonal factor (only ${months.length} months held, ${ratios.length} earlier year(s) of ${m.slice(5)})`,
    });
  }
  return out;
}

export interface VolumeShift extends VolumeExpectation {
  readonly robustSd: number;
}

/**
 * Months whose count departs from the expectation by more than a factor 1.5, more than four
 * robust SDs (1.4826 × MAD) of the series' own log ratios and more than 4 √expected.
 */
export function detectVolumeShifts(exp: readonly VolumeExpectation[]): VolumeShift[] {
  const V = VOLUME_SHIFT;
  if (exp.length < 6) return [];
  const lr = exp.map((e) => e.logRatio);
  const med = median(lr);
  const sd = 1.4826 * median(lr.map((x) => Math.abs(x - med)));
  return exp
    .filter((e) => Math.max(e.expected, e.observed) >= V.minExpected
      && Math.abs(e.logRatio) > Math.log(V.minFactor)
      && Math.abs(e.logRatio - med) > V.robustSds * sd
      && Math.abs(e.observed - e.expected) > V.poissonSds * Math.sqrt(Math.max(e.expected, 1)))
    .map((e) => ({ ...e, robustSd: sd }));
}

