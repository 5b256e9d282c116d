/**
 * Difference-in-differences on counts: the treated areas' monthly total against the comparison
 * areas', in a quasi-Poisson log-linear model (R `glm(family = quasipoisson)`, stats/glm)
 *
 *   log E[y_gt] = α_g + γ_t + δ · treated_g · post_t
 *
 * with a fixed effect for each group g (treated, comparison) and each month t. exp(δ) is the rate
 * ratio: the treated areas' crime after the start relative to what the comparison areas' change
 * predicts (0.8 = 20% fewer). Its interval uses the quasi-Poisson standard error (dispersion from
 * the Pearson χ² of the fit, so over-dispersed counts widen it) and Student's t on the residual
 * degrees of freedom, as `summary.glm` does for quasi families.
 *
 * Parallel pre-trends are shown and tested on the pre-period alone: log E[y_gt] = α_g + γ_t +
 * θ · treated_g · (t − t̄); θ is the treated areas' extra log-change per month before the start.
 */
import { fitQuasiPoisson, pt } from '../stats/index.ts';

export interface DidInput {
  /** Months (or other periods) in order, as numbers. */
  readonly times: readonly number[];
  /** Treated and comparison totals, one per time. */
  readonly treated: readonly number[];
  readonly comparison: readonly number[];
  /** The first post-period time. */
  readonly postFrom: number;
}

export interface DidResult {
  /** exp(δ). */
  readonly rate_ratio: number;
  readonly ci95: { readonly lower: number; readonly upper: number };
  /** δ and its quasi-Poisson standard error. */
  readonly log_rate_ratio: number;
  readonly standard_error: number;
  readonly p_value: number;
  readonly dispersion: number;
  readonly df: number;
  readonly pre_trend: { readonly per_month: number; readonly p_value: number } | null;
}

/** Student-t quantile by bisection on stats' `pt` (df > 0). */
function qt(p: number, df: number): number {
  let lo = -1e3;
  let hi = 1e3;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (pt(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface Design {
  readonly y: number[];
  readonly x: Float64Array;
  readonly p: number;
}

/** Rows: every (group, time); columns: intercept, treated group, each time but the first, then `extra`. */
function design(input: DidInput, times: readonly number[], extra: (g: 0 | 1, t: number) => number): Design {
  const T = times.length;
  const p = 2 + (T - 1) + 1;
  const y: number[] = [];
  const rows: number[][] = [];
  for (const g of [0, 1] as const) {
    times.forEach((t, k) => {
      const i = input.times.indexOf(t);
      y.push((g ? input.treated : input.comparison)[i]);
      const row = new Array<number>(p).fill(0);
      row[0] = 1;
      row[1] = g;
      if (k > 0) row[1 + k] = 1;
      row[p - 1] = extra(g, t);
      rows.push(row);
    });
  }
  return { y, x: Float64Array.from(rows.flat()), p };
}

function coefTest(d: Design): { coef: number; se: number; df: number; dispersion: number } {
  const fit = fitQuasiPoisson(d.y, d.x, d.p, null, null);
  const j = d.p - 1;
  const coef = fit.coef[j];
  const se = Math.sqrt(fit.dispersion * fit.covUnscaled[j * d.p + j]);
  return { coef, se, df: fit.dfResidual, dispersion: fit.dispersion };
}

export function differenceInDifferences(input: DidInput): DidResult {
  const n = input.times.length;
  if (input.treated.length !== n || input.comparison.length !== n) throw new Error('DiD: treated and comparison need one count per time');
  const pre = input.times.filter((t) => t < input.postFrom);
  const post = input.times.filter((t) => t >= input.postFrom);
  if (pre.length < 2) throw new Error(`DiD: needs at least 2 periods before ${input.postFrom}, has ${pre.length}`);
  if (post.length < 1) throw new Error(`DiD: no period from ${input.postFrom} on`);
  const main = coefTest(design(input, input.times, (g, t) => (g && t >= input.postFrom ? 1 : 0)));
  if (!Number.isFinite(main.coef) || !(main.df > 0)) throw new Error('DiD: the model cannot be fitted (a group with no crimes, or too few periods)');
  const tq = qt(0.975, main.df);
  const tStat = main.coef / main.se;
  let preTrend: DidResult['pre_trend'] = null;
  if (pre.length >= 4) {
    const mid = pre.reduce((a, b) => a + b, 0) / pre.length;
    const tr = coefTest(design(input, pre, (g, t) => (g ? t - mid : 0)));
    if (Number.isFinite(tr.coef) && tr.df > 0) preTrend = { per_month: Math.expm1(tr.coef), p_value: 2 * pt(-Math.abs(tr.coef / tr.se), tr.df) };
  }
  return {
    rate_ratio: Math.exp(main.coef),
    ci95: { lower: Math.exp(main.coef - tq * main.se), upper: Math.exp(main.coef + tq * main.se) },
    log_rate_ratio: main.coef,
    standard_error: main.se,
    p_value: 2 * pt(-Math.abs(tStat), main.df),
    dispersion: main.dispersion,
    df: main.df,
    pre_trend: preTrend,
  };
}
