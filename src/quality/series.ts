/**
 * The checks that look at a force's monthly series rather than its rows: missing months, months
 * since the last submission, recording-practice shifts and volume shifts. They run on monthly
 * counts (a few hundred numbers per force), so they are plain TypeScript.
 */
import { monthDiff, monthRange } from '../standard/index.ts';
import { seededRng } from '../stats/index.ts';

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

export function hashSeed(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * Largest |t| of a step at month k in a least-squares fit of `level + slope × month + step ×
 * [month ≥ k]`, over every k leaving at least `minSeg` months on each side, and where. The linear
 * trend is in the model, so a steady rise or fall is not a step; adding a linear trend to `x`
 * leaves the statistic unchanged.
 */
export function maxStepT(x: ArrayLike<number>, minSeg: number, only?: number): { t: number; k: number; step: number } {
  const n = x.length;
  let sy = 0, sty = 0, syy = 0;
  for (let i = 0; i < n; i++) (sy += x[i]!, sty += i * x[i]!, syy += x[i]! * x[i]!);
  const st = (n * (n - 1)) / 2;
  const stt = ((n - 1) * n * (2 * n - 1)) / 6;
  let best = 0, bestK = -1, bestStep = 0;
  // Suffix sums of y and t·y from k on.
  let suf = 0;
  for (let i = n - minSeg; i < n; i++) suf += x[i]!;
  for (let k = n - minSeg; k >= minSeg; k--) {
    if (k < n - minSeg) suf += x[k]!;
    const ss = n - k;
    const sts = st - (k * (k - 1)) / 2;
    // Normal equations A β = b with A = [[n, st, ss], [st, stt, sts], [ss, sts, ss]], b = [sy, sty, suf].
    const a11 = n, a12 = st, a13 = ss, a22 = stt, a23 = sts, a33 = ss;
    const c11 = a22 * a33 - a23 * a23, c12 = a13 * a23 - a12 * a33, c13 = a12 * a23 - a13 * a22;
    const c22 = a11 * a33 - a13 * a13, c23 = a12 * a13 - a11 * a23, c33 = a11 * a22 - a12 * a12;
    const det = a11 * c11 + a12 * c12 + a13 * c13;
    if (Math.abs(det) < 1e-9) continue;
    const b1 = sy, b2 = sty, b3 = suf;
    const beta1 = (c11 * b1 + c12 * b2 + c13 * b3) / det;
    const beta2 = (c12 * b1 + c22 * b2 + c23 * b3) / det;
    const beta3 = (c13 * b1 + c23 * b2 + c33 * b3) / det;
    const rss = Math.max(0, syy - (beta1 * b1 + beta2 * b2 + beta3 * b3));
    // A floor on the residual variance keeps a perfectly clean series from giving infinite t.
    const sigma2 = rss / (n - 3) + 1e-14;
    if (only !== undefined && k !== only) continue;
    const t = Math.abs(beta3) / Math.sqrt((sigma2 * c33) / det);
    if (t > best) (best = t, bestK = k, bestStep = beta3);
  }
  return { t: best, k: bestK, step: bestStep };
}

/** The step and its t at one split month k (same model as `maxStepT`). */
export function stepTAt(x: ArrayLike<number>, k: number): { t: number; step: number } {
  const r = maxStepT(Array.prototype.slice.call(x) as number[], 1, k);
  return { t: r.t, step: r.step };
}

export interface ChangepointResult {
  /** Index of the first month after the change. */
  readonly k: number;
  readonly t: number;
  /** The step at k, over and above the series' linear trend. */
  readonly step: number;
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
 * Max-type test for one step in level on top of a linear trend (`maxStepT`), with a permutation
 * p-value: the residuals of the trend-only least-squares fit are permuted. Under the null
 * hypothesis of a linear trend plus exchangeable noise, P(p ≤ α) ≤ α (approximately: the
 * residuals of a fit are only nearly exchangeable). Permutation stops early once p can no longer
 * fall below `alpha` (it then reports the p reached so far, which is ≥ alpha).
 */
export function changepointTest(x: readonly number[], opts: { minSeg: number; permutations: number; alpha: number; seed: number }): ChangepointResult | null {
  const n = x.length;
  if (n < 2 * opts.minSeg || n < 6) return null;
  const obs = maxStepT(x, opts.minSeg);
  if (obs.k < 0) return null;
  const tMean = (n - 1) / 2;
  const yMean = x.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < n; i++) (sxy += (i - tMean) * (x[i]! - yMean), sxx += (i - tMean) ** 2);
  const slope = sxy / sxx;
  const y = Float64Array.from(x, (v, i) => v - yMean - slope * (i - tMean));
  const rng = seededRng(opts.seed);
  const rnd = () => rng.next();
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
    if (maxStepT(y, opts.minSeg).t >= obs.t - 1e-9) ge++;
    if (ge + 1 > stopAt) break;
  }
  const mean = (a: number, b: number) => {
    let s = 0;
    for (let i = a; i < b; i++) s += x[i]!;
    return s / (b - a);
  };
  const k = obs.k;
  return {
    k, t: obs.t, step: obs.step, p: (1 + ge) / (1 + run),
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
  /** The step over and above the share's linear trend. */
  readonly step: number;
  /** The category whose share stepped the other way at the same month (|t| ≥ 2), if any: where the rows went to or came from. */
  readonly partner: { readonly category: string; readonly step: number; readonly t: number } | null;
  readonly p: number;
  /** The level p was tested at: α / categories tested. */
  readonly level: number;
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
 * street rows is tested for one step in level over and above its linear trend (see
 * `changepointTest`), at α / (categories tested). A significant step is kept when it is big enough
 * (≥ 1 percentage point and ≥ 20 % of the earlier share), sudden (the three months either side of it differ by at least half the shift)
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
    const jump = r.step;
    const sign = Math.sign(jump);
    if (Math.abs(jump) < C.minAbsoluteJump || Math.abs(jump) < C.minRelativeJump * r.before) continue;
    if (sign * (r.localAfter - r.localBefore) < 0.5 * Math.abs(jump)) continue;
    if (sign * (r.last - r.before) < 0.5 * Math.abs(jump)) continue;
    let partner: RecordingShift['partner'] = null;
    for (const [other, o] of shares) {
      if (other === category) continue;
      const q = stepTAt(o, r.k);
      if (Math.sign(q.step) === -sign && q.t >= 2 && (!partner || q.t > partner.t)) partner = { category: other, step: q.step, t: q.t };
    }
    out.push({ category, month: months[r.k]!, before: r.before, after: r.after, step: r.step, partner, p: r.p, level: alpha, t: r.t, months: months.length });
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
  /** Anomalous months in a row kept out of the history before the level is taken to have moved. */
  maxReplaced: 2,
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
 * expectation of the months before it; and a month more than a factor 1.5 from its expectation
 * enters the history of later months as that expectation, so it does not distort theirs either
 * (up to two such months in a row; a third means the level itself has moved).
 */
export function volumeExpectations(series: ReadonlyMap<string, number>): VolumeExpectation[] {
  const V = VOLUME_SHIFT;
  const months = [...series.keys()].sort();
  // The history later months are judged against: a month more than a factor 1.5 from its own
  // expectation enters it as that expectation, so one anomaly does not become the next normal;
  // a third such month in a row means the level has moved, and the run enters as observed.
  const history = new Map<string, number>();
  let run: string[] = [];
  const levels = new Map<string, number>();
  const out: VolumeExpectation[] = [];
  for (const m of months) {
    const observed = series.get(m)!;
    const before = months.filter((x) => x < m && monthDiff(x, m) <= V.window).map((x) => history.get(x)!);
    if (before.length < V.minLevelMonths) {
      history.set(m, observed);
      continue;
    }
    const level = median(before);
    levels.set(m, level);
    const ratios: number[] = [];
    for (const x of months) {
      if (x >= m) break;
      const lx = levels.get(x);
      if (x.slice(5) === m.slice(5) && lx !== undefined && lx > 0) ratios.push(history.get(x)! / lx);
    }
    const seasonal = ratios.length >= V.minSeasonalYears;
    const factor = seasonal ? median(ratios) : 1;
    const expected = level * factor;
    const logRatio = Math.log((observed + 0.5) / (expected + 0.5));
    if (Math.abs(logRatio) <= Math.log(V.minFactor)) {
      history.set(m, observed);
      run = [];
    } else if (run.length < V.maxReplaced) {
      history.set(m, expected);
      run.push(m);
    } else {
      for (const x of [...run, m]) history.set(x, series.get(x)!);
      run = [];
    }
    const basis = `median of the ${before.length} months before`;
    out.push({
      month: m, observed, expected, logRatio, seasonal,
      basis: seasonal
        ? `${basis} × seasonal factor ${factor.toFixed(2)} from ${ratios.length} earlier years`
        : `${basis}; no seasonal factor (only ${months.length} months held, ${ratios.length} earlier year(s) of ${m.slice(5)})`,
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

