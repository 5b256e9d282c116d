/**
 * The synthetic control method (Abadie & Gardeazabal, 2003; Abadie, Diamond & Hainmueller, 2010,
 * 2015): the treated unit's counterfactual is a weighted average of donor units, with weights
 * W ≥ 0, ΣW = 1 that make the donors' predictors match the treated unit's, each predictor weighted
 * by its importance V; V is chosen so that the synthetic unit tracks the treated unit's outcome
 * over the optimisation periods. As in R `Synth`:
 *
 * - predictors are the means of a column over given periods (missing values skipped), each divided
 *   by its standard deviation across the treated and donor units;
 * - W(V) = argmin (X1 − X0 W)' V (X1 − X0 W) on the simplex (solved exactly: stats/simplex-ls);
 * - V = argmin mean over the optimisation periods of (Z1 − Z0 W(V))², by Nelder–Mead from several
 *   starting points (equal importances, importances from each predictor's own fit, and seeded
 *   random ones), keeping the best — a single start can stop in a poor local optimum;
 * - optionally V is fitted on a training set-up and reused (the cross-validated V of Abadie,
 *   Diamond & Hainmueller, 2015).
 *
 * Inference is by placebos in space: each donor in turn is treated as if it were the treated unit,
 * with the other donors as its donors; the ratio of post- to pre-period mean squared gap of the
 * treated unit is ranked among the placebos' (p = share of placebos with a ratio at least as large,
 * counting the treated unit itself, out of placebos + 1).
 */
import { nelderMead, seededRng, simplexLeastSquares } from '../stats/index.ts';
import type { Panel } from './panel.ts';

export interface PredictorSpec {
  readonly column: string;
  readonly op?: 'mean';
  readonly periods: readonly number[];
  readonly special?: boolean;
}

export interface SynthSetup {
  readonly outcome: string;
  readonly treated: string;
  readonly controls: readonly string[];
  readonly treatmentTime: number;
  readonly predictors: readonly PredictorSpec[];
  readonly optimisePeriods: readonly number[];
}

export interface SynthOptions {
  /** Starting points for V beyond the deterministic ones (default 8). */
  readonly randomStarts?: number;
  readonly seed?: number;
  /** Use this V (predictor importances, any scale) instead of searching. */
  readonly v?: readonly number[];
  /**
   * `multi` (default): equal importances, each predictor alone and `randomStarts` seeded ones, the
   * best few polished. `equal`: the single start R Synth and pysyncon use (reproduces them where
   * their search stops in a local optimum).
   */
  readonly starts?: 'multi' | 'equal';
}

export interface SynthFit {
  readonly weights: ReadonlyMap<string, number>;
  /** Predictor importances, normalised to sum to 1, in the order of the set-up's predictors. */
  readonly v: readonly number[];
  /** Outcome minus synthetic outcome, every time the panel holds. */
  readonly gaps: ReadonlyMap<number, number>;
  /** Synthetic outcome, every time. */
  readonly synthetic: ReadonlyMap<number, number>;
  /** Mean squared gap over the optimisation periods (the loss V minimises). */
  readonly loss: number;
  /** Predictor values: treated, donors' plain mean and synthetic, in the set-up's order. */
  readonly predictorTable: ReadonlyArray<{ readonly key: string; readonly treated: number; readonly controlMean: number; readonly synthetic: number }>;
}

/** A predictor's name in output: its column, with its periods when the column appears twice. */
export function predictorKeys(predictors: readonly PredictorSpec[]): string[] {
  const count = new Map<string, number>();
  for (const p of predictors) count.set(p.column, (count.get(p.column) ?? 0) + 1);
  return predictors.map((p) => (count.get(p.column)! > 1 ? `${p.column}[${p.periods.join(',')}]` : p.column));
}

/** The mean of `column` over `periods` for `unit`, skipping missing values; throws when none is present. */
function predictorValue(panel: Panel, unit: string, p: PredictorSpec): number {
  let s = 0;
  let k = 0;
  for (const t of p.periods) {
    const v = panel.value(unit, t, p.column);
    if (v !== null) (s += v), k++;
  }
  if (k === 0) throw new Error(`predictor "${p.column}" has no value for unit "${unit}" in periods ${p.periods.join(', ')}`);
  return s / k;
}

function outcomeOrThrow(panel: Panel, unit: string, t: number, outcome: string): number {
  const v = panel.value(unit, t, outcome);
  if (v === null) throw new Error(`outcome "${outcome}" is missing for unit "${unit}" at time ${t}`);
  return v;
}

interface Prepared {
  readonly m: number;
  readonly n: number;
  /** Scaled predictors: x1 (m), x0 (m × n, row-major). */
  readonly x1: Float64Array;
  readonly x0: Float64Array;
  /** Outcomes over the optimisation periods: z1 (k), z0 (k × n). */
  readonly z1: Float64Array;
  readonly z0: Float64Array;
  readonly raw1: number[];
  readonly raw0: number[][];
}

function prepare(panel: Panel, s: SynthSetup): Prepared {
  const m = s.predictors.length;
  const n = s.controls.length;
  if (n < 1) throw new Error('a synthetic control needs at least one donor');
  const raw1 = s.predictors.map((p) => predictorValue(panel, s.treated, p));
  const raw0 = s.predictors.map((p) => s.controls.map((c) => predictorValue(panel, c, p)));
  const x1 = new Float64Array(m);
  const x0 = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const all = [raw1[i], ...raw0[i]];
    const mean = all.reduce((a, b) => a + b, 0) / all.length;
    const sd = Math.sqrt(all.reduce((a, b) => a + (b - mean) ** 2, 0) / (all.length - 1)) || 1;
    x1[i] = raw1[i] / sd;
    for (let j = 0; j < n; j++) x0[i * n + j] = raw0[i][j] / sd;
  }
  const k = s.optimisePeriods.length;
  const z1 = new Float64Array(k);
  const z0 = new Float64Array(k * n);
  s.optimisePeriods.forEach((t, r) => {
    z1[r] = outcomeOrThrow(panel, s.treated, t, s.outcome);
    s.controls.forEach((c, j) => (z0[r * n + j] = outcomeOrThrow(panel, c, t, s.outcome)));
  });
  return { m, n, x1, x0, z1, z0, raw1, raw0 };
}

function outerLoss(p: Prepared, w: Float64Array): number {
  const k = p.z1.length;
  let s = 0;
  for (let r = 0; r < k; r++) {
    let e = p.z1[r];
    for (let j = 0; j < p.n; j++) e -= p.z0[r * p.n + j] * w[j];
    s += e * e;
  }
  return s / k;
}

const normalise = (x: readonly number[]): number[] => {
  const a = x.map((v) => v * v);
  const s = a.reduce((u, v) => u + v, 0);
  return s > 0 ? a.map((v) => v / s) : x.map(() => 1 / x.length);
};

/** Fits W and V for a set-up; see the module comment. */
export function fitSynth(panel: Panel, s: SynthSetup, opts: SynthOptions = {}): SynthFit {
  const p = prepare(panel, s);
  const weightsFor = (v: readonly number[]) => simplexLeastSquares(p.x0, p.m, p.n, p.x1, v).w;
  let bestV: number[];
  if (opts.v) {
    if (opts.v.length !== p.m) throw new Error(`V has ${opts.v.length} entries for ${p.m} predictors`);
    const sum = opts.v.reduce((a, b) => a + Math.abs(b), 0);
    bestV = opts.v.map((x) => Math.abs(x) / sum);
  } else {
    const objective = (x: readonly number[]) => outerLoss(p, weightsFor(normalise(x)));
    const starts: number[][] = [new Array(p.m).fill(1)];
    const multi = (opts.starts ?? 'multi') === 'multi';
    // Each predictor on its own: where a single predictor already fits, the search starts there.
    if (multi) for (let i = 0; i < p.m; i++) starts.push(Array.from({ length: p.m }, (_, j) => (j === i ? 1 : 0.05)));
    const rng = seededRng(opts.seed ?? 1);
    if (multi) for (let r = 0; r < (opts.randomStarts ?? 8); r++) starts.push(Array.from({ length: p.m }, () => 0.05 + rng.next()));
    // Screen the starts cheaply, then polish the best few.
    const scored = starts.map((x) => ({ x, f: objective(x) })).sort((a, b) => a.f - b.f).slice(0, 4);
    let best = { x: scored[0].x, value: scored[0].f };
    for (const st of scored) {
      const r = nelderMead(objective, st.x.map(Math.sqrt), { relTol: 1e-10, maxEvals: 400 * p.m });
      // Nelder–Mead on sqrt-parametrised V; the objective sees squares, so restart from the result once.
      const r2 = nelderMead(objective, r.x, { relTol: 1e-12, maxEvals: 200 * p.m });
      const cand = r2.value <= r.value ? r2 : r;
      if (cand.value < best.value) best = { x: cand.x, value: cand.value };
    }
    bestV = normalise(best.x);
  }
  const w = weightsFor(bestV);
  const weights = new Map(s.controls.map((c, j) => [c, w[j]]));
  const gaps = new Map<number, number>();
  const synthetic = new Map<number, number>();
  for (const t of panel.times) {
    const y1 = panel.value(s.treated, t, s.outcome);
    let y0 = 0;
    let ok = y1 !== null;
    s.controls.forEach((c, j) => {
      if (w[j] === 0) return;
      const v = panel.value(c, t, s.outcome);
      if (v === null) ok = false;
      else y0 += v * w[j];
    });
    if (!ok) continue;
    synthetic.set(t, y0);
    gaps.set(t, y1! - y0);
  }
  const keys = predictorKeys(s.predictors);
  const predictorTable = keys.map((key, i) => ({
    key,
    treated: p.raw1[i],
    controlMean: p.raw0[i].reduce((a, b) => a + b, 0) / p.n,
    synthetic: p.raw0[i].reduce((a, v, j) => a + v * w[j], 0),
  }));
  return { weights, v: bestV, gaps, synthetic, loss: outerLoss(p, w), predictorTable };
}

/** Mean squared gap over the times in [from, to). */
export function mspe(gaps: ReadonlyMap<number, number>, from: number, to: number): number {
  let s = 0;
  let k = 0;
  for (const [t, g] of gaps) if (t >= from && t < to) (s += g * g), k++;
  return k ? s / k : NaN;
}

export interface PlaceboResult {
  /** Post/pre mean-squared-gap ratio per unit, the treated unit first. */
  readonly ratios: ReadonlyMap<string, number>;
  /** (1 + placebos with a ratio at least the treated unit's) / (placebos + 1). */
  readonly p: number;
  /** The treated unit's rank by ratio among itself and the placebos (1 = largest). */
  readonly ratioRank: number;
  readonly placeboGaps: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

/**
 * Placebos in space: every donor treated in turn, the other donors as its donors (the treated unit
 * left out), same predictors and periods. `inferenceTime` splits pre from post for the ratio
 * (default: the treatment time).
 */
export function placeboTest(panel: Panel, s: SynthSetup, fit: SynthFit, opts: SynthOptions & { inferenceTime?: number } = {}): PlaceboResult {
  const split = opts.inferenceTime ?? s.treatmentTime;
  const first = Math.min(...panel.times);
  const last = Math.max(...panel.times) + 1;
  const ratio = (g: ReadonlyMap<number, number>) => mspe(g, split, last) / mspe(g, first, split);
  const ratios = new Map<string, number>([[s.treated, ratio(fit.gaps)]]);
  const placeboGaps = new Map<string, ReadonlyMap<number, number>>();
  for (const c of s.controls) {
    const setup: SynthSetup = { ...s, treated: c, controls: s.controls.filter((d) => d !== c) };
    const f = fitSynth(panel, setup, { ...opts, v: undefined });
    placeboGaps.set(c, f.gaps);
    ratios.set(c, ratio(f.gaps));
  }
  const mine = ratios.get(s.treated)!;
  let atLeast = 0;
  for (const [u, r] of ratios) if (u !== s.treated && r >= mine) atLeast++;
  return { ratios, p: (1 + atLeast) / (s.controls.length + 1), ratioRank: 1 + atLeast, placeboGaps };
}
