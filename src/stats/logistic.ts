/**
 * Logistic regression, P(y = 1 | x) = 1 / (1 + exp(−x·β)), fitted by Newton–Raphson (iteratively
 * reweighted least squares, as R's `glm(family = binomial)`), with an optional ridge penalty
 * λ/2·‖β‖² on every coefficient but the intercept (column 0) to keep separable data finite.
 * Converges when the largest coefficient change is under 1e-8; at most 50 iterations.
 */
export interface LogisticFit {
  readonly coef: Float64Array;
  readonly converged: boolean;
  readonly iterations: number;
  /** Log-likelihood at the fitted coefficients (without the penalty). */
  readonly logLik: number;
}

/** Solves A x = b for a symmetric positive definite p×p `a` (row-major) by Cholesky; throws if not SPD. */
function solveSpd(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) throw new Error(`fitLogistic: information matrix is not positive definite (pivot ${i} = ${s})`);
        l[i * p + i] = Math.sqrt(s);
      } else l[i * p + j] = s / l[j * p + j];
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) { let s = b[i]; for (let k = 0; k < i; k++) s -= l[i * p + k] * z[k]; z[i] = s / l[i * p + i]; }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) { let s = z[i]; for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k]; x[i] = s / l[i * p + i]; }
  return x;
}

/**
 * Fits β for `x` (n×p row-major, column 0 the intercept's ones) and 0/1 outcomes `y`, with
 * optional case weights `w` (e.g. to undo a subsample of the negatives).
 */
export function fitLogistic(x: Float64Array, y: ArrayLike<number>, p: number, opts: { ridge?: number; weights?: ArrayLike<number> } = {}): LogisticFit {
  const n = y.length;
  if (x.length !== n * p) throw new Error(`fitLogistic: x has ${x.length} cells, expected n×p = ${n}×${p}`);
  const ridge = opts.ridge ?? 0;
  const w = opts.weights;
  const beta = new Float64Array(p);
  let converged = false, it = 0;
  for (; it < 50 && !converged; it++) {
    const h = new Float64Array(p * p), g = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      let eta = 0;
      for (let k = 0; k < p; k++) eta += x[i * p + k] * beta[k];
      const mu = 1 / (1 + Math.exp(-eta));
      const wi = w ? w[i] : 1;
      const v = Math.max(mu * (1 - mu), 1e-12) * wi, r = (y[i] - mu) * wi;
      for (let a = 0; a < p; a++) {
        const xa = x[i * p + a];
        g[a] += xa * r;
        for (let b = 0; b <= a; b++) h[a * p + b] += xa * x[i * p + b] * v;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) h[b * p + a] = h[a * p + b];
    for (let a = 1; a < p; a++) { h[a * p + a] += ridge; g[a] -= ridge * beta[a]; }
    const step = solveSpd(h, g, p);
    let max = 0;
    for (let k = 0; k < p; k++) { beta[k] += step[k]; max = Math.max(max, Math.abs(step[k])); }
    converged = max < 1e-8;
  }
  let ll = 0;
  for (let i = 0; i < n; i++) {
    let eta = 0;
    for (let k = 0; k < p; k++) eta += x[i * p + k] * beta[k];
    const lp = -Math.log1p(Math.exp(-Math.abs(eta))) + Math.min(0, eta), lq = lp - eta;
    ll += (w ? w[i] : 1) * (y[i] === 1 ? lp : lq);
  }
  return { coef: beta, converged, iterations: it, logLik: ll };
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random negative
 * (ties count a half), by the rank-sum (Mann–Whitney) formula. NaN when either class is empty.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0, pos = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]] === 1) { rankSumPos += rank; pos++; }
    i = j + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
