/**
 * Quasi-Poisson log-linear GLM fitted by iteratively reweighted least squares, a port of R's
 * `glm.fit` (R 4.x, `stats`) with `family = quasipoisson(link = "log")` and the default
 * `glm.control(epsilon = 1e-8, maxit = 25)`: start `mu = y + 0.1`, converge when
 * |dev − dev_old| / (|dev| + 0.1) < ε, halve the step when the deviance is not finite, floor
 * `exp(eta)` at machine epsilon as R's log link does. Each weighted least-squares step is solved
 * by Householder QR with R's rank rule (a column whose remaining norm is under 1e-11 of its own
 * norm is aliased, its coefficient reported as NaN and treated as 0 in predictions).
 *
 * What it returns mirrors what `summary.glm`, `predict.glm(se.fit = TRUE)` and `hatvalues` read
 * from the fitted object: the working weights and QR of the last iteration, so the dispersion
 * (Pearson χ² / residual df), standard errors and leverages are those R reports.
 */

const DBL_EPS = 2.220446049250313e-16;
const EPSILON = 1e-8;
const MAXIT = 25;
const RANK_TOL = 1e-11;

export interface GlmFit {
  readonly converged: boolean;
  /** Coefficients, NaN for aliased columns. */
  readonly coef: Float64Array;
  readonly mu: Float64Array;
  /** Estimated dispersion: Σ w·r² / (n − rank) over positive working weights (NaN when df = 0). */
  readonly dispersion: number;
  readonly dfResidual: number;
  /** Working residuals (y − μ)/μ of the final iteration. */
  readonly workingResiduals: Float64Array;
  /** (X'WX)⁻¹ in the full column space (zero rows/columns for aliased columns), p×p row-major. */
  readonly covUnscaled: Float64Array;
  /** Leverages h_i of the working-weighted design (R's `hatvalues`). */
  hat(): Float64Array;
}

/**
 * Fits log E[y] = X β + offset with prior weights. `X` is n×p row-major.
 */
export function fitQuasiPoisson(
  y: ArrayLike<number>,
  X: Float64Array,
  p: number,
  priorWeights: ArrayLike<number> | null,
  offset: ArrayLike<number> | null,
): GlmFit {
  const n = y.length;
  const { wts, off, eta, A, zw, start, beta, coefold: coefoldBuf, qr } = workspace(n, p);
  for (let i = 0; i < n; i++) {
    wts[i] = priorWeights ? priorWeights[i] : 1;
    off[i] = offset ? offset[i] : 0;
  }
  const mu = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ms = y[i] + 0.1;
    eta[i] = Math.log(ms);
    mu[i] = Math.max(Math.exp(eta[i]), DBL_EPS);
  }
  let devold = deviance(y, mu, wts);
  start.fill(0);
  let coefold: Float64Array | null = null;
  let conv = false;
  const w = new Float64Array(n);
  let haveFit = false;

  for (let iter = 1; iter <= MAXIT; iter++) {
    for (let i = 0; i < n; i++) {
      // For the log link mu.eta(eta) = max(exp(eta), eps) = mu, and the variance is mu.
      const muEta = mu[i];
      const z = eta[i] - off[i] + (y[i] - mu[i]) / muEta;
      w[i] = Math.sqrt(wts[i] * muEta);
      for (let j = 0; j < p; j++) A[i * p + j] = X[i * p + j] * w[i];
      zw[i] = z * w[i];
    }
    qr.decompose(A);
    haveFit = true;
    qr.solve(zw, beta);
    let finite = true;
    for (let j = 0; j < p; j++) if (!Number.isFinite(beta[j]) && !qr.aliased[j]) finite = false;
    if (!finite) break;
    for (let j = 0; j < p; j++) start[j] = qr.aliased[j] ? 0 : beta[j];
    linearPredictor(X, p, start, off, eta, mu);
    let dev = deviance(y, mu, wts);
    if (!Number.isFinite(dev)) {
      if (!coefold) throw new Error('glm: no valid set of coefficients has been found');
      for (let ii = 1; !Number.isFinite(dev); ii++) {
        if (ii > MAXIT) throw new Error('glm: inner loop 1; cannot correct step size');
        for (let j = 0; j < p; j++) start[j] = (start[j] + coefold[j]) / 2;
        linearPredictor(X, p, start, off, eta, mu);
        dev = deviance(y, mu, wts);
      }
    }
    if (Math.abs(dev - devold) / (Math.abs(dev) + 0.1) < EPSILON) {
      conv = true;
      break;
    }
    devold = dev;
    coefoldBuf.set(start);
    coefold = coefoldBuf;
  }
  if (!haveFit) throw new Error('glm: no iterations');

  let rank = 0;
  for (let j = 0; j < p; j++) if (!qr.aliased[j]) rank++;
  let nOk = 0;
  for (let i = 0; i < n; i++) if (wts[i] !== 0) nOk++;
  const dfResidual = nOk - rank;
  let pearson = 0;
  const workingResiduals = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = (y[i] - mu[i]) / mu[i];
    workingResiduals[i] = r;
    const ww = w[i] * w[i];
    if (ww > 0) pearson += ww * r * r;
  }
  const dispersion = dfResidual > 0 ? pearson / dfResidual : NaN;
  const coef = new Float64Array(p);
  for (let j = 0; j < p; j++) coef[j] = qr.aliased[j] ? NaN : start[j];
  const covUnscaled = qr.covUnscaled();
  return {
    converged: conv,
    coef,
    mu,
    dispersion,
    dfResidual,
    workingResiduals,
    covUnscaled,
    hat: () => leverages(X, p, w, covUnscaled),
  };
}

/** h_i = w_i² x_iᵀ (XᵀWX)⁻¹ x_i — the diagonal of Q₁Q₁ᵀ; within 10ε of 1 set to 1, as R's lm.influence. */
function leverages(X: Float64Array, p: number, w: Float64Array, cov: Float64Array): Float64Array {
  const n = w.length;
  const h = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let r = 0; r < p; r++) {
      const xr = X[i * p + r];
      if (xr === 0) continue;
      let s = 0;
      for (let c = 0; c < p; c++) s += cov[r * p + c] * X[i * p + c];
      q += xr * s;
    }
    const hi = w[i] * w[i] * q;
    h[i] = hi > 1 - 10 * DBL_EPS ? 1 : hi;
  }
  return h;
}

interface Workspace {
  readonly wts: Float64Array;
  readonly off: Float64Array;
  readonly eta: Float64Array;
  readonly A: Float64Array;
  readonly zw: Float64Array;
  readonly start: Float64Array;
  readonly beta: Float64Array;
  readonly coefold: Float64Array;
  readonly qr: Qr;
}
const workspaces = new Map<number, Workspace>();

/** Scratch arrays for one (n, p), reused across fits: a national run fits millions of tiny models. */
function workspace(n: number, p: number): Workspace {
  const key = n * 1024 + p;
  let ws = workspaces.get(key);
  if (!ws) {
    if (workspaces.size > 256) workspaces.clear();
    ws = {
      wts: new Float64Array(n),
      off: new Float64Array(n),
      eta: new Float64Array(n),
      A: new Float64Array(n * p),
      zw: new Float64Array(n),
      start: new Float64Array(p),
      beta: new Float64Array(p),
      coefold: new Float64Array(p),
      qr: new Qr(n, p),
    };
    workspaces.set(key, ws);
  }
  return ws;
}

function linearPredictor(X: Float64Array, p: number, beta: Float64Array, off: Float64Array, eta: Float64Array, mu: Float64Array): void {
  const n = eta.length;
  for (let i = 0; i < n; i++) {
    let s = off[i];
    for (let j = 0; j < p; j++) s += X[i * p + j] * beta[j];
    eta[i] = s;
    mu[i] = Math.max(Math.exp(s), DBL_EPS);
  }
}

/** Poisson deviance Σ 2 w (y log(y/μ) − (y − μ)), with y log(y/μ) = 0 at y = 0. */
function deviance(y: ArrayLike<number>, mu: Float64Array, wts: Float64Array): number {
  let d = 0;
  for (let i = 0; i < mu.length; i++) {
    const yi = y[i];
    d += yi > 0 ? 2 * wts[i] * (yi * Math.log(yi / mu[i]) - (yi - mu[i])) : 2 * wts[i] * mu[i];
  }
  return d;
}

/** Householder QR of an n×p matrix (row-major) with R's rule for aliased columns. */
class Qr {
  readonly aliased: boolean[];
  private readonly a: Float64Array;
  private readonly beta: Float64Array;
  private readonly rdiag: Float64Array;
  private readonly cols: number[] = [];
  private readonly work: Float64Array;
  constructor(
    private readonly n: number,
    private readonly p: number,
  ) {
    this.a = new Float64Array(n * p);
    this.beta = new Float64Array(p);
    this.rdiag = new Float64Array(p);
    this.aliased = new Array<boolean>(p).fill(false);
    this.work = new Float64Array(n);
  }

  decompose(src: Float64Array): void {
    const { n, p, a } = this;
    a.set(src);
    this.cols.length = 0;
    let k = 0; // next Householder step (row index of the diagonal)
    for (let j = 0; j < p; j++) {
      let orig = 0;
      for (let i = 0; i < n; i++) orig += a[i * p + j] * a[i * p + j];
      orig = Math.sqrt(orig);
      let norm = 0;
      for (let i = k; i < n; i++) norm += a[i * p + j] * a[i * p + j];
      norm = Math.sqrt(norm);
      if (k >= n || norm < RANK_TOL * orig || orig === 0) {
        this.aliased[j] = true;
        continue;
      }
      this.aliased[j] = false;
      const akk = a[k * p + j];
      const alpha = akk > 0 ? -norm : norm;
      // v = x − alpha e_k, stored in place below the diagonal (v_k kept separately in a[k,j]).
      const vk = akk - alpha;
      a[k * p + j] = vk;
      let vnorm2 = vk * vk;
      for (let i = k + 1; i < n; i++) vnorm2 += a[i * p + j] * a[i * p + j];
      const beta = vnorm2 === 0 ? 0 : 2 / vnorm2;
      for (let jj = j + 1; jj < p; jj++) {
        let s = 0;
        for (let i = k; i < n; i++) s += a[i * p + j] * a[i * p + jj];
        s *= beta;
        for (let i = k; i < n; i++) a[i * p + jj] -= s * a[i * p + j];
      }
      this.beta[j] = beta;
      this.rdiag[j] = alpha;
      this.cols.push(j);
      k++;
    }
  }

  /** Applies Qᵀ to b (length n) in place. */
  private applyQt(b: Float64Array): void {
    const { n, p, a } = this;
    const cols = this.cols;
    for (let k = 0; k < cols.length; k++) {
      const j = cols[k];
      let s = 0;
      for (let i = k; i < n; i++) s += a[i * p + j] * b[i];
      s *= this.beta[j];
      for (let i = k; i < n; i++) b[i] -= s * a[i * p + j];
    }
  }

  /** R entry (row k, column j) for k < rank. */
  private r(k: number, j: number): number {
    return this.cols[k] === j ? this.rdiag[j] : this.a[k * this.p + j];
  }

  /** Least-squares solution into `out` (NaN for aliased columns). */
  solve(rhs: Float64Array, out: Float64Array): void {
    const b = this.work;
    b.set(rhs);
    this.applyQt(b);
    out.fill(NaN);
    const rank = this.cols.length;
    for (let k = rank - 1; k >= 0; k--) {
      const j = this.cols[k];
      let s = b[k];
      for (let kk = k + 1; kk < rank; kk++) s -= this.r(k, this.cols[kk]) * out[this.cols[kk]];
      out[j] = s / this.rdiag[j];
    }
  }

  /** (RᵀR)⁻¹ expanded to p×p with zeros for aliased columns. */
  covUnscaled(): Float64Array {
    const rank = this.cols.length;
    const p = this.p;
    // Rinv (upper triangular, rank×rank)
    const rinv = new Float64Array(rank * rank);
    for (let c = 0; c < rank; c++) {
      rinv[c * rank + c] = 1 / this.rdiag[this.cols[c]];
      for (let r = c - 1; r >= 0; r--) {
        let s = 0;
        for (let m = r + 1; m <= c; m++) s += this.r(r, this.cols[m]) * rinv[m * rank + c];
        rinv[r * rank + c] = -s / this.rdiag[this.cols[r]];
      }
    }
    const out = new Float64Array(p * p);
    for (let r = 0; r < rank; r++)
      for (let c = 0; c < rank; c++) {
        let s = 0;
        for (let m = Math.max(r, c); m < rank; m++) s += rinv[r * rank + m] * rinv[c * rank + m];
        out[this.cols[r] * p + this.cols[c]] = s;
      }
    return out;
  }
}
