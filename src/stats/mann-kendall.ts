/**
 * Mann–Kendall test for a monotonic trend in a series against time (Mann 1945; Kendall 1975,
 * "Rank Correlation Methods"), as computed by R's `Kendall::MannKendall` and `trend::mk.test`:
 *
 * - S = Σ_{i<j} sign(x_j − x_i) over all pairs in time order;
 * - var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18, the sum over groups of t tied values;
 * - z = (S − sign(S)) / √var(S) (continuity correction), 0 when S = 0;
 * - p = 2·P(Z > |z|), two-sided, standard normal;
 * - τ_b = S / √[(n₀ − n₁)(n₀ − 0)], n₀ = n(n−1)/2, n₁ = Σ t(t−1)/2 (time has no ties).
 *
 * Missing values (NaN) are dropped first, as R's `na.omit`. Time basis: the order of `x`.
 */
import { PeelError } from '../standard/index.ts';
import { pnorm } from './dist.ts';

export interface MannKendallResult {
  /** Number of non-missing values used. */
  readonly n: number;
  readonly S: number;
  readonly varS: number;
  /** Continuity-corrected normal score; null when var(S) = 0. */
  readonly z: number | null;
  /** Two-sided p-value; null when var(S) = 0. */
  readonly p: number | null;
  /** Kendall's τ_b between x and time; null when undefined. */
  readonly tauB: number | null;
}

export function mannKendall(x: ArrayLike<number>): MannKendallResult {
  const v: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (Number.isNaN(xi)) continue;
    if (typeof xi !== 'number' || !Number.isFinite(xi)) throw new PeelError('bad_input', `mann-kendall: value ${i + 1} = ${String(xi)} is not a finite number`);
    v.push(xi);
  }
  const n = v.length;
  let S = 0;
  for (let i = 0; i < n - 1; i++) {
    const vi = v[i];
    for (let j = i + 1; j < n; j++) S += Math.sign(v[j] - vi);
  }
  const sorted = v.slice().sort((a, b) => a - b);
  let tieTerm = 0;
  let tiePairs = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) {
      tieTerm += t * (t - 1) * (2 * t + 5);
      tiePairs += (t * (t - 1)) / 2;
    }
    i = j;
  }
  const varS = Math.max(0, (n * (n - 1) * (2 * n + 5) - tieTerm) / 18);
  const z = varS > 0 ? (S - Math.sign(S)) / Math.sqrt(varS) : null;
  const p = z === null ? null : 2 * pnorm(Math.abs(z), 0, 1, false);
  const n0 = (n * (n - 1)) / 2;
  const denom = Math.sqrt((n0 - tiePairs) * n0);
  return { n, S, varS, z, p, tauB: denom > 0 ? S / denom : null };
}
