/**
 * Farrington flexible outbreak detection for count time series, with the semantics of R's
 * `surveillance::farringtonFlexible` (surveillance 1.20; Noufaily et al. 2013, "An improved
 * algorithm for outbreak detection in multiple surveillance systems", Stat. Med. 32:1206–1222;
 * Farrington et al. 1996, JRSS A 159:547–563). Ported from the package's R source:
 * `farringtonFlexible`, `algo.farrington.data.glm`, `blocks`, `algo.farrington.glm`,
 * `algo.farrington.fitGLM.flexible`, `anscombe.residuals`, `algo.farrington.assign.weights`,
 * `algo.farrington.threshold.farrington` and `algo.farrington.threshold.noufaily`, for an `sts`
 * object indexed by position (`epochAsDate = FALSE`), so the time covariate is the 1-based index.
 *
 * For each monitored time point t (time basis: the series' own period, month or week):
 * - reference data are the windows t − i·freq ± w for i = 1..b, plus (when `pastWeeksNotIncluded`
 *   < w) the recent part of the current window; with `noPeriods` > 1 the rest of each year is cut
 *   into noPeriods − 1 blocks that enter the model as a factor (Noufaily's extension);
 * - a quasi-Poisson log-linear GLM (optionally with a linear time trend and a log-population
 *   offset) is fitted, down-weighting points whose Anscombe residual exceeds `weightsThreshold`;
 *   the trend is kept only when b ≥ 3, it is significant at `pThresholdTrend` and the prediction does
 *   not extrapolate beyond the largest reference count;
 * - the upper bound is the 1 − α quantile of the predictive distribution: from a power-transformed
 *   normal approximation (`delta`), or from a negative binomial with mean exp(η̂) (`nbPlugin`) or
 *   exp(η̂ + z₁₋α·se(η̂)) (`muan`) and dispersion φ;
 * - score = (y − prediction) / (upperbound − prediction) (on the link scale for nbPlugin/muan, as in
 *   R); alarm = score > 1 and y > 0, only when the last `limit54[1]` periods hold at least
 *   `limit54[0]` cases; pvalue = P(Y ≥ y) under the same predictive distribution.
 */
import { PeelError } from '../standard/index.ts';
import { fitQuasiPoisson, type GlmFit } from '../stats/index.ts';
import { pnbinom, pnorm, ppois, pt, qnbinom, qnorm, qpois } from '../stats/index.ts';

export const POWER_TRANSFORMS = ['2/3', '1/2', 'none'] as const;
export type PowerTransform = (typeof POWER_TRANSFORMS)[number];
export const THRESHOLD_METHODS = ['delta', 'nbPlugin', 'muan'] as const;
export type ThresholdMethod = (typeof THRESHOLD_METHODS)[number];

/** The control list of `surveillance::farringtonFlexible`, same names and meanings. */
export interface FarringtonControl {
  /** Number of years back in time for reference values. */
  readonly b: number;
  /** Half-width of each reference window, in periods. */
  readonly w: number;
  /** Refit with weights that down-weight past outbreaks (Anscombe residual > weightsThreshold). */
  readonly reweight: boolean;
  readonly weightsThreshold: number;
  /** 1 − alpha is the quantile used for the upper bound (one-sided). */
  readonly alpha: number;
  /** Try a linear time trend. */
  readonly trend: boolean;
  readonly pThresholdTrend: number;
  /** [cases, periods]: no alarm unless the last `periods` periods sum to at least `cases`. */
  readonly limit54: readonly [number, number];
  readonly powertrans: PowerTransform;
  readonly populationOffset: boolean;
  /** Number of seasonal factor levels (1 = original Farrington windows only). */
  readonly noPeriods: number;
  /** Recent periods left out of the fit; null means `w`, as in R. */
  readonly pastWeeksNotIncluded: number | null;
  readonly thresholdMethod: ThresholdMethod;
}

/** `surveillance`'s defaults for every control value. */
export const FARRINGTON_DEFAULTS: FarringtonControl = {
  b: 5,
  w: 3,
  reweight: true,
  weightsThreshold: 2.58,
  alpha: 0.05,
  trend: true,
  pThresholdTrend: 0.05,
  limit54: [5, 4],
  powertrans: '2/3',
  populationOffset: false,
  noPeriods: 1,
  pastWeeksNotIncluded: null,
  thresholdMethod: 'delta',
};

export interface FarringtonOptions {
  /** First monitored index, 0-based; default freq·b + w (R's 1-based freq·b + w + 1). */
  readonly from?: number;
  /** Last monitored index, 0-based inclusive; default the last. */
  readonly to?: number;
  /** Periods per year: 12 for months, 52 for weeks. Default 12. */
  readonly frequency?: 12 | 52;
  /** Population per time point, needed when `populationOffset` is true. */
  readonly population?: ArrayLike<number>;
}

/** One monitored time point. Nulls are R's NA. */
export interface FarringtonResult {
  /** 0-based index into the series. */
  readonly index: number;
  readonly observed: number;
  /** Predicted count (response scale); null when fewer than limit54 cases or no fit. */
  readonly expected: number | null;
  /** Upper bound of the (1 − alpha) prediction interval; null as for expected. */
  readonly upperbound: number | null;
  readonly alarm: boolean;
  /** P(Y ≥ observed) under the predictive distribution. */
  readonly pvalue: number | null;
  /** (observed − prediction) / (upperbound − prediction); alarm when > 1. */
  readonly score: number | null;
  /** Overdispersion max(φ̂, 1) of the final fit. */
  readonly phi: number | null;
  /** The time-trend coefficient (log scale per period) when the trend was used, else null. */
  readonly trend: number | null;
}

/** Merges a partial control with the defaults and checks every value, naming the bad one. */
export function farringtonControl(control: Partial<FarringtonControl> = {}): FarringtonControl {
  const c: FarringtonControl = { ...FARRINGTON_DEFAULTS, ...control };
  const bad = (name: string, why: string): never => {
    throw new PeelError('bad_input', `farrington control ${name}=${JSON.stringify((c as unknown as Record<string, unknown>)[name])}: ${why}`);
  };
  if (!Number.isInteger(c.b) || c.b < 1) bad('b', 'must be an integer ≥ 1');
  if (!Number.isInteger(c.w) || c.w < 0) bad('w', 'must be an integer ≥ 0');
  if (typeof c.reweight !== 'boolean') bad('reweight', 'must be true or false');
  if (typeof c.weightsThreshold !== 'number' || !Number.isFinite(c.weightsThreshold)) bad('weightsThreshold', 'must be a number');
  if (typeof c.alpha !== 'number' || !(c.alpha > 0 && c.alpha < 1)) bad('alpha', 'must be in (0, 1)');
  if (typeof c.trend !== 'boolean') bad('trend', 'must be true or false');
  if (typeof c.pThresholdTrend !== 'number' || !(c.pThresholdTrend >= 0 && c.pThresholdTrend <= 1)) bad('pThresholdTrend', 'must be in [0, 1]');
  if (!Array.isArray(c.limit54) || c.limit54.length !== 2 || !(c.limit54[0] >= 0) || !(c.limit54[1] > 0) || !Number.isInteger(c.limit54[1]))
    bad('limit54', 'must be [cases ≥ 0, periods > 0]');
  if (!POWER_TRANSFORMS.includes(c.powertrans)) bad('powertrans', `must be one of ${POWER_TRANSFORMS.join(', ')}`);
  if (typeof c.populationOffset !== 'boolean') bad('populationOffset', 'must be true or false');
  if (!Number.isInteger(c.noPeriods) || c.noPeriods < 1) bad('noPeriods', 'must be an integer ≥ 1');
  if (c.pastWeeksNotIncluded !== null && (!Number.isInteger(c.pastWeeksNotIncluded) || c.pastWeeksNotIncluded < 0))
    bad('pastWeeksNotIncluded', 'must be an integer ≥ 0 or null');
  if (!THRESHOLD_METHODS.includes(c.thresholdMethod)) bad('thresholdMethod', `must be one of ${THRESHOLD_METHODS.join(', ')}`);
  return c;
}

/** R's `a:b` as a list of integers (descending when b < a). */
function rSeq(a: number, b: number): number[] {
  const out: number[] = [];
  if (a <= b) for (let i = a; i <= b; i++) out.push(i);
  else for (let i = a; i >= b; i--) out.push(i);
  return out;
}

/** R's `v[idx] <- value` on a 1-based vector stored 0-based: index 0 is dropped, beyond-length extends. */
function rAssign(v: number[], idx: number[], value: number): void {
  for (const i of idx) {
    if (i < 0) throw new PeelError('bad_input', `farrington: reference window reaches before the start of the series (index ${i})`);
    if (i === 0) continue;
    while (v.length < i) v.push(NaN);
    v[i - 1] = value;
  }
}

/** `surveillance:::blocks` for an index-based series: the seasonal factor level of each period (NaN = unused). */
function blocks(n: number, k: number, f: number, b: number, w: number, p: number): number[] {
  const v = new Array<number>(n).fill(NaN);
  rAssign(v, rSeq(k - w, k), p);
  const referenceWeeks: number[] = [];
  for (let i = 0; i <= b; i++) referenceWeeks.push(k - i * f);
  for (let i = 1; i <= b; i++) {
    const refWeek = referenceWeeks[i];
    rAssign(v, rSeq(refWeek - w, refWeek + w), p);
    if (p !== 1) {
      const period = referenceWeeks[i - 1] - 2 * w - 1 - refWeek;
      if (period < p - (2 * w + 1)) throw new PeelError('bad_input', `farrington: noPeriods=${p} is too big for w=${w}`);
      const len = Math.floor(period / (p - 1));
      const rest = period - len * (p - 1);
      const lengths = [0, ...new Array<number>(p - 1).fill(len)];
      for (let a = 1; a <= rest; a++) lengths[a] += 1;
      const cum: number[] = [];
      let s = 0;
      for (const l of lengths) cum.push((s += l));
      for (let j = 1; j <= p - 1; j++) {
        rAssign(v, rSeq(refWeek + w + 1 + cum[j - 1], refWeek + w + 1 + cum[j] - 1), j);
      }
    }
  }
  return v;
}

interface Design {
  readonly y: Float64Array;
  readonly wtime: Float64Array;
  readonly logPop: Float64Array | null;
  /** Seasonal level of each row, and the sorted distinct levels. */
  readonly groups: Float64Array;
  readonly levels: number[];
}

interface ModelFit {
  readonly fit: GlmFit;
  readonly hasTrend: boolean;
  readonly phi: number;
  /**
   * The dispersion `summary.glm` reports for the returned model. surveillance overwrites the
   * model's working weights with the Anscombe weights ω (`model$weights <- omega`), so R's
   * `summary` and `predict(se.fit = TRUE)` then use Σ ω r² / df rather than the fit's own estimate.
   */
  readonly summaryDispersion: number;
  readonly p: number;
}

function modelMatrix(d: Design, timeTrend: boolean, factors: boolean): { X: Float64Array; p: number } {
  const n = d.y.length;
  const nf = factors ? d.levels.length - 1 : 0;
  const p = 1 + (timeTrend ? 1 : 0) + nf;
  const X = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    let c = 0;
    X[i * p + c++] = 1;
    if (timeTrend) X[i * p + c++] = d.wtime[i];
    for (let l = 1; l <= nf; l++) X[i * p + c++] = d.groups[i] === d.levels[l] ? 1 : 0;
  }
  return { X, p };
}

/** `algo.farrington.fitGLM.flexible`: fit, fall back to no trend, reweight. Null when no convergence. */
function fitFlexible(d: Design, timeTrend: boolean, factors: boolean, c: FarringtonControl): ModelFit | null {
  let trend = timeTrend;
  let { X, p } = modelMatrix(d, trend, factors);
  let fit = fitQuasiPoisson(d.y, X, p, null, d.logPop);
  if (!fit.converged) {
    if (trend) {
      trend = false;
      ({ X, p } = modelMatrix(d, trend, factors));
      fit = fitQuasiPoisson(d.y, X, p, null, d.logPop);
    }
    if (!fit.converged) return null;
  }
  let phi = Math.max(fit.dispersion, 1);
  if (Number.isNaN(fit.dispersion)) phi = NaN;
  if (c.reweight) {
    const h = fit.hat();
    const n = d.y.length;
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const mu = fit.mu[i];
      const a = 1.5 * (Math.pow(d.y[i], 2 / 3) * Math.pow(mu, -1 / 6) - Math.sqrt(mu));
      s[i] = a / Math.sqrt(phi * (1 - h[i]));
    }
    const omega = assignWeights(s, c.weightsThreshold);
    fit = fitQuasiPoisson(d.y, X, p, omega, d.logPop);
    phi = Number.isNaN(fit.dispersion) ? NaN : Math.max(fit.dispersion, 1);
    let ss = 0;
    for (let i = 0; i < n; i++) if (omega[i] > 0) ss += omega[i] * fit.workingResiduals[i] * fit.workingResiduals[i];
    const summaryDispersion = fit.dfResidual > 0 ? ss / fit.dfResidual : NaN;
    return { fit, hasTrend: trend, phi, summaryDispersion, p };
  }
  return { fit, hasTrend: trend, phi, summaryDispersion: fit.dispersion, p };
}

/** `algo.farrington.assign.weights`: γ·s⁻² above the threshold, γ below, γ making the mean weight 1. */
function assignWeights(s: Float64Array, threshold: number): Float64Array {
  let denom = 0;
  for (const si of s) denom += si > threshold ? Math.pow(si, -2) : 1;
  const gamma = s.length / denom;
  const omega = new Float64Array(s.length);
  for (let i = 0; i < s.length; i++) omega[i] = s[i] > threshold ? gamma * Math.pow(s[i], -2) : gamma;
  return omega;
}

/** predict.glm(se.fit = TRUE) at the current period: [fit, se] on the link scale. */
function predictLink(m: ModelFit, x0: Float64Array, logPopNow: number): [number, number] {
  const { fit, p } = m;
  let eta = logPopNow;
  for (let j = 0; j < p; j++) if (!Number.isNaN(fit.coef[j])) eta += x0[j] * fit.coef[j];
  let q = 0;
  for (let r = 0; r < p; r++) for (let s = 0; s < p; s++) q += x0[r] * fit.covUnscaled[r * p + s] * x0[s];
  return [eta, Math.sqrt(q * m.summaryDispersion)];
}

const DBL_EPS = 2.220446049250313e-16;

/**
 * Runs Farrington flexible on one count series (see the module comment for the definition).
 * `observed` are non-negative counts in time order, one per period.
 */
export function farringtonFlexible(
  observed: ArrayLike<number>,
  control: Partial<FarringtonControl> = {},
  opts: FarringtonOptions = {},
): FarringtonResult[] {
  const c = farringtonControl(control);
  const f = opts.frequency ?? 12;
  const n = observed.length;
  for (let i = 0; i < n; i++) {
    const v = observed[i];
    if (!(Number.isFinite(v) && v >= 0)) throw new PeelError('bad_input', `farrington: observed[${i}] = ${v} is not a non-negative count`);
  }
  if (c.populationOffset) {
    if (!opts.population || opts.population.length !== n)
      throw new PeelError('bad_input', `farrington: populationOffset needs a population per time point (${n})`);
    for (let i = 0; i < n; i++) if (!(opts.population[i] > 0)) throw new PeelError('bad_input', `farrington: population[${i}] = ${opts.population[i]} must be > 0`);
  }
  const from = opts.from ?? f * c.b + c.w;
  const to = opts.to ?? n - 1;
  if (!Number.isInteger(from) || from < f * c.b)
    throw new PeelError('bad_input', `farrington: index ${from} has no reference value ${c.b} years back; decrease b or start later`);
  if (!Number.isInteger(to) || to > n - 1) throw new PeelError('bad_input', `farrington: last index ${to} is beyond the series (length ${n})`);
  const pwni = c.pastWeeksNotIncluded ?? c.w;
  const factors = c.noPeriods !== 1;
  const out: FarringtonResult[] = [];
  for (let k0 = from; k0 <= to; k0++) out.push(monitorOne(observed, k0 + 1, f, c, pwni, factors, opts.population ?? null));
  return out;
}

function monitorOne(
  observed: ArrayLike<number>,
  k: number,
  f: number,
  c: FarringtonControl,
  pwni: number,
  factors: boolean,
  population: ArrayLike<number> | null,
): FarringtonResult {
  const n = observed.length;
  const y0 = observed[k - 1];
  const blk = blocks(n, k, f, c.b, c.w, c.noPeriods);
  const ids = blk.slice();
  rAssign(ids, rSeq(k - pwni, k), NaN);
  const rows: number[] = [];
  for (let i = 0; i < ids.length && i < n; i++) if (!Number.isNaN(ids[i])) rows.push(i);
  const levels = [...new Set(rows.map((i) => blk[i]))].sort((a, b) => a - b);
  const design: Design = {
    y: Float64Array.from(rows, (i) => observed[i]),
    wtime: Float64Array.from(rows, (i) => i + 1),
    logPop: c.populationOffset && population ? Float64Array.from(rows, (i) => Math.log(population[i])) : null,
    groups: Float64Array.from(rows, (i) => blk[i]),
    levels,
  };
  const logPopNow = c.populationOffset && population ? Math.log(population[k - 1]) : 0;
  const na: FarringtonResult = { index: k - 1, observed: y0, expected: null, upperbound: null, alarm: false, pvalue: null, score: null, phi: null, trend: null };

  const x0For = (m: ModelFit): Float64Array => {
    const x0 = new Float64Array(m.p);
    let col = 0;
    x0[col++] = 1;
    if (m.hasTrend) x0[col++] = k;
    if (factors) for (let l = 1; l < levels.length; l++) x0[col++] = levels[l] === c.noPeriods ? 1 : 0;
    return x0;
  };

  // With b < 3 a trend is never kept, and R's refit without it gives the same model, so skip it.
  let model = fitFlexible(design, c.trend && c.b >= 3, factors, c);
  if (!model) return na;
  let doTrend = false;
  if (model.hasTrend) {
    const [eta] = predictLink(model, x0For(model), logPopNow);
    const fitResp = Math.max(Math.exp(eta), DBL_EPS);
    const est = model.fit.coef[1];
    const seCoef = Math.sqrt(model.summaryDispersion * model.fit.covUnscaled[1 * model.p + 1]);
    const pval = 2 * pt(-Math.abs(est / seCoef), model.fit.dfResidual);
    let maxY = -Infinity;
    for (const v of design.y) if (v > maxY) maxY = v;
    doTrend = pval < c.pThresholdTrend && c.b >= 3 && fitResp <= maxY;
    if (!doTrend) {
      model = fitFlexible(design, false, factors, c);
      if (!model) return na;
    }
  }
  const [eta0, seEta0] = predictLink(model, x0For(model), logPopNow);
  const phi = model.phi;
  const trend = doTrend ? model.fit.coef[1] : null;

  let upper: number;
  let prob: number;
  let score: number;
  let expected: number;
  if (c.thresholdMethod === 'delta') {
    const mu0 = Math.max(Math.exp(eta0), DBL_EPS);
    const seFit = seEta0 * mu0;
    const tau = phi + (seFit * seFit) / mu0;
    let se: number;
    let exponent: number;
    switch (c.powertrans) {
      case 'none':
        se = Math.sqrt(mu0 * tau);
        exponent = 1;
        break;
      case '1/2':
        se = Math.sqrt(0.25 * tau);
        exponent = 0.5;
        break;
      case '2/3':
        se = Math.sqrt((4 / 9) * Math.pow(mu0, 1 / 3) * tau);
        exponent = 2 / 3;
        break;
      default: {
        const never: never = c.powertrans;
        throw new Error(`unknown powertrans ${String(never)}`);
      }
    }
    const z = qnorm(1 - c.alpha);
    const base = Math.pow(mu0, exponent);
    const a = Math.pow(base - z * se, 1 / exponent);
    const b = Math.pow(base + z * se, 1 / exponent);
    // sort(c(a, b), na.last = FALSE)[2]
    upper = Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
    prob = pnorm(Math.pow(y0, exponent), base, se, false);
    score = Number.isNaN(upper) ? NaN : (y0 - mu0) / (upper - mu0);
    expected = mu0;
  } else {
    const mu0Quantile = c.thresholdMethod === 'nbPlugin' ? Math.exp(eta0) : Math.exp(qnorm(1 - c.alpha, eta0, seEta0));
    if (mu0Quantile === Infinity || Number.isNaN(mu0Quantile)) {
      upper = NaN;
      prob = NaN;
    } else {
      if (phi > 1) upper = qnbinom(1 - c.alpha, mu0Quantile / (phi - 1), 1 / phi);
      else upper = qpois(1 - c.alpha, mu0Quantile);
      prob = phi !== 1 ? pnbinom(y0 - 1, mu0Quantile / (phi - 1), 1 / phi, false) : ppois(y0 - 1, mu0Quantile, false);
    }
    score = Number.isNaN(upper) ? NaN : (y0 - eta0) / (upper - eta0);
    expected = Math.exp(eta0);
  }
  const [cases, periods] = c.limit54;
  let recent = 0;
  for (const i of rSeq(k - periods + 1, k)) if (i >= 1) recent += observed[i - 1];
  const enoughCases = recent >= cases;
  const X = enoughCases ? score : NaN;
  const num = (v: number): number | null => (Number.isNaN(v) ? null : v);
  return {
    index: k - 1,
    observed: y0,
    expected: !Number.isNaN(upper) && enoughCases ? num(expected) : null,
    upperbound: enoughCases ? num(upper) : null,
    alarm: !Number.isNaN(X) && X > 1 && y0 !== 0,
    pvalue: num(prob),
    score: num(score),
    phi: num(phi),
    trend: trend === null ? null : num(trend),
  };
}
