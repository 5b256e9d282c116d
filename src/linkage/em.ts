/**
 * Fellegi–Sunter parameters by expectation–maximisation, over the distinct comparison patterns
 * and their counts (never over pair objects), so a fit over tens of millions of pairs costs as
 * much as one over a few thousand patterns.
 *
 * Model (Fellegi & Sunter 1969; Winkler 1988; Splink, Linacre et al. 2022): a pair is a match
 * with prior λ; given its match status, the fields' levels are independent, with probabilities
 * m_f(level) among matches and u_f(level) among non-matches. A missing level (-1) is left out of
 * the likelihood. E step: each pattern's posterior match probability; M step: λ, m and (unless
 * fixed, as when u comes from random pairs) u as the posterior-weighted level shares.
 */

/** Patterns as a row-major matrix of levels (-1: missing), with their pair counts. */
export interface PatternTable {
  readonly fields: number;
  /** `levels[p * fields + f]`. */
  readonly levels: Int8Array;
  readonly counts: Float64Array;
  readonly length: number;
}

export interface FsParameters {
  /** Probability that a pair (of the set the fit saw) is a match. */
  readonly lambda: number;
  /** m[f][level] */
  readonly m: readonly (readonly number[])[];
  /** u[f][level] */
  readonly u: readonly (readonly number[])[];
}

export interface EmOptions {
  /** Levels per field. */
  readonly levelCounts: readonly number[];
  readonly start: FsParameters;
  /** Keep u as given (u estimated from random pairs). */
  readonly fixU?: boolean;
  /** Fields left out of the fit (e.g. the blocking rule's own fields); their m and u are returned as given. */
  readonly ignore?: ReadonlySet<number>;
  readonly maxIterations?: number;
  /** Stop when no parameter moves more than this. */
  readonly tolerance?: number;
}

export interface EmResult extends FsParameters {
  readonly iterations: number;
  readonly converged: boolean;
}

/** Smallest probability a level keeps, so that no weight is infinite. */
export const PROBABILITY_FLOOR = 1e-6;

function normalise(v: number[]): number[] {
  const s = v.reduce((a, b) => a + b, 0);
  if (s <= 0) return v.map(() => 1 / v.length);
  const floored = v.map((x) => Math.max(PROBABILITY_FLOOR, x / s));
  const t = floored.reduce((a, b) => a + b, 0);
  return floored.map((x) => x / t);
}

/** Fits λ, m and u by EM from `start` (see the module comment). */
export function fitEm(t: PatternTable, o: EmOptions): EmResult {
  const F = t.fields;
  const ignore = o.ignore ?? new Set<number>();
  let lambda = o.start.lambda;
  let m = o.start.m.map((x) => [...x]);
  let u = o.start.u.map((x) => [...x]);
  const maxIt = o.maxIterations ?? 500;
  const tol = o.tolerance ?? 1e-7;
  let it = 0;
  let converged = false;
  while (it < maxIt) {
    it++;
    const mSum = o.levelCounts.map((L) => new Array<number>(L).fill(0));
    const uSum = o.levelCounts.map((L) => new Array<number>(L).fill(0));
    let matched = 0;
    let total = 0;
    for (let p = 0; p < t.length; p++) {
      let lm = lambda;
      let lu = 1 - lambda;
      const row = p * F;
      for (let f = 0; f < F; f++) {
        const l = t.levels[row + f];
        if (l < 0 || ignore.has(f)) continue;
        lm *= m[f][l];
        lu *= u[f][l];
      }
      const w = lm + lu > 0 ? lm / (lm + lu) : 0;
      const c = t.counts[p];
      matched += c * w;
      total += c;
      for (let f = 0; f < F; f++) {
        const l = t.levels[row + f];
        if (l < 0 || ignore.has(f)) continue;
        mSum[f][l] += c * w;
        uSum[f][l] += c * (1 - w);
      }
    }
    const nextLambda = total > 0 ? matched / total : lambda;
    const nextM = m.map((old, f) => (ignore.has(f) ? old : normalise(mSum[f])));
    const nextU = o.fixU ? u : u.map((old, f) => (ignore.has(f) ? old : normalise(uSum[f])));
    let delta = Math.abs(nextLambda - lambda);
    for (let f = 0; f < F; f++) {
      for (let l = 0; l < m[f].length; l++) {
        delta = Math.max(delta, Math.abs(nextM[f][l] - m[f][l]), Math.abs(nextU[f][l] - u[f][l]));
      }
    }
    lambda = nextLambda;
    m = nextM;
    u = nextU;
    if (delta < tol) {
      converged = true;
      break;
    }
  }
  return { lambda, m, u, iterations: it, converged };
}

/**
 * Starting m for a field of L levels: most matches at the exact (last) level, then falling by
 * half per level; this orientation is what keeps EM from swapping the two classes.
 */
export function startingM(L: number): number[] {
  const v = Array.from({ length: L }, (_, l) => 2 ** (l - L + 1));
  v[L - 1] = 4;
  return normalise(v);
}

/** Bayes factor m/u of each level, as log2 (the match weight of the level). */
export function levelWeights(p: FsParameters): number[][] {
  return p.m.map((mf, f) => mf.map((x, l) => Math.log2(x / p.u[f][l])));
}
