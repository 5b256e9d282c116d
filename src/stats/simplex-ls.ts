/**
 * Least squares on the simplex: minimise (b − A w)' D (b − A w) over weights w ≥ 0 with Σw = 1,
 * D diagonal and non-negative. This is the inner problem of a synthetic control (Abadie,
 * Diamond & Hainmueller, 2010: donor weights given predictor importances V), solved exactly by an
 * active-set method in the manner of Lawson & Hanson's NNLS (1974, ch. 23), with the equality
 * constraint carried in each subproblem's KKT system. The result satisfies the KKT conditions to
 * rounding, so it does not depend on a step size or an iteration budget the way projected-gradient
 * or interior-point solvers (R Synth's `ipop`) do.
 *
 * `a` is row-major, `m` rows (predictors) by `n` columns (donors).
 */
export interface SimplexLsResult {
  readonly w: Float64Array;
  /** (b − A w)' D (b − A w) (plus the penalty, when given) at the solution. */
  readonly loss: number;
}

/**
 * `penalty` (optional, one per column) adds Σ penalty_j w_j to the objective: with penalty_j =
 * λ ||b − a_j||²_D it is the penalised synthetic control of Abadie & L'Hour (2021, JASA 116:1817),
 * which favours donors close to the target and makes W unique when many donors fit equally well.
 */
export function simplexLeastSquares(a: Float64Array, m: number, n: number, b: ArrayLike<number>, d?: ArrayLike<number>, penalty?: ArrayLike<number>): SimplexLsResult {
  if (a.length !== m * n) throw new Error(`simplexLeastSquares: A has ${a.length} entries, expected ${m}×${n}`);
  if (n === 0) throw new Error('simplexLeastSquares: no columns (donors)');
  const dd = d ?? new Float64Array(m).fill(1);
  // H = A' D A and c = A' D b (the objective is w'Hw − 2c'w + const).
  const h = new Float64Array(n * n);
  const c = new Float64Array(n);
  for (let r = 0; r < m; r++) {
    const wr = dd[r];
    if (wr === 0) continue;
    const row = r * n;
    for (let i = 0; i < n; i++) {
      const ai = a[row + i] * wr;
      if (ai === 0) continue;
      c[i] += ai * b[r];
      for (let j = i; j < n; j++) h[i * n + j] += ai * a[row + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) h[i * n + j] = h[j * n + i];
  if (penalty) for (let i = 0; i < n; i++) c[i] -= penalty[i] / 2;
  let diagMax = 0;
  for (let i = 0; i < n; i++) diagMax = Math.max(diagMax, Math.abs(h[i * n + i]));
  const tol = 1e-11 * Math.max(diagMax, 1e-300);

  // Start at the best single donor.
  const w = new Float64Array(n);
  let start = 0;
  for (let i = 1; i < n; i++) if (h[i * n + i] - 2 * c[i] < h[start * n + start] - 2 * c[start]) start = i;
  w[start] = 1;
  const free = new Uint8Array(n);
  free[start] = 1;

  const maxIter = 50 * n + 50;
  let iter = 0;
  for (;;) {
    // Gradient (halved): g = Hw − c. At the optimum every free weight shares one value of g (−μ)
    // and every zero weight has g at least that value.
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = -c[i];
      for (let j = 0; j < n; j++) s += h[i * n + j] * w[j];
      g[i] = s;
    }
    let gFree = 0;
    let nFree = 0;
    for (let i = 0; i < n; i++) if (free[i]) (gFree += g[i]), nFree++;
    gFree /= nFree;
    let enter = -1;
    let most = -tol;
    for (let i = 0; i < n; i++) if (!free[i] && g[i] - gFree < most) (most = g[i] - gFree), (enter = i);
    if (enter < 0) break;
    free[enter] = 1;
    for (;;) {
      if (++iter > maxIter) throw new Error(`simplexLeastSquares: no convergence in ${maxIter} iterations`);
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (free[i]) idx.push(i);
      const z = solveEqualityQp(h, c, n, idx);
      if (z.every((v) => v > 0)) {
        w.fill(0);
        idx.forEach((i, k) => (w[i] = z[k]));
        break;
      }
      // Move from w towards z as far as w stays non-negative; weights that reach zero leave.
      let alpha = 1;
      idx.forEach((i, k) => {
        if (z[k] <= 0) alpha = Math.min(alpha, w[i] / (w[i] - z[k]));
      });
      idx.forEach((i, k) => {
        w[i] += alpha * (z[k] - w[i]);
        if (w[i] <= 1e-14) {
          w[i] = 0;
          free[i] = 0;
        }
      });
      if (!free.some((f) => f === 1)) throw new Error('simplexLeastSquares: empty active set');
    }
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += w[i];
  for (let i = 0; i < n; i++) w[i] /= sum;
  let loss = 0;
  for (let r = 0; r < m; r++) {
    let e = b[r];
    for (let j = 0; j < n; j++) e -= a[r * n + j] * w[j];
    loss += dd[r] * e * e;
  }
  if (penalty) for (let j = 0; j < n; j++) loss += penalty[j] * w[j];
  return { w, loss };
}

/**
 * Minimises z'H z − 2c'z over the columns in `idx` subject to Σz = 1 (no sign constraint):
 * z = u + ν v with H u = c, H v = 1 and ν chosen so that Σz = 1. H restricted to a subset can be
 * singular (more donors than predictors): a ridge scaled to H's diagonal is added until Cholesky
 * succeeds, which picks the minimum-norm solution among equally good ones.
 */
function solveEqualityQp(h: Float64Array, c: Float64Array, n: number, idx: readonly number[]): number[] {
  const k = idx.length;
  let diag = 0;
  for (const i of idx) diag = Math.max(diag, h[i * n + i]);
  for (let ridge = 0; ; ridge = ridge === 0 ? 1e-13 : ridge * 10) {
    const l = cholesky(h, n, idx, ridge * (diag || 1));
    if (!l) {
      if (ridge > 1) throw new Error('simplexLeastSquares: singular subproblem');
      continue;
    }
    const u = cholSolve(l, k, idx.map((i) => c[i]));
    const v = cholSolve(l, k, idx.map(() => 1));
    const su = u.reduce((s, x) => s + x, 0);
    const sv = v.reduce((s, x) => s + x, 0);
    const nu = (1 - su) / sv;
    return u.map((x, j) => x + nu * v[j]);
  }
}

function cholesky(h: Float64Array, n: number, idx: readonly number[], ridge: number): Float64Array | null {
  const k = idx.length;
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = h[idx[i] * n + idx[j]] + (i === j ? ridge : 0);
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      if (i === j) {
        if (!(s > 1e-300)) return null;
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  // A nearly singular factor makes the solve meaningless: ask for a ridge.
  let minD = Infinity;
  let maxD = 0;
  for (let i = 0; i < k; i++) (minD = Math.min(minD, l[i * k + i])), (maxD = Math.max(maxD, l[i * k + i]));
  if (minD / maxD < 1e-7) return null;
  return l;
}

function cholSolve(l: Float64Array, k: number, rhs: readonly number[]): number[] {
  const y = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    let s = rhs[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * y[p];
    y[i] = s / l[i * k + i];
  }
  const z = new Array<number>(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = y[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * z[p];
    z[i] = s / l[i * k + i];
  }
  return z;
}
