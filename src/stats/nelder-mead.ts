/**
 * Nelder–Mead simplex minimisation (Nelder & Mead, 1965), with the standard coefficients
 * (reflection 1, expansion 2, contraction ½, shrink ½) as in R's `optim(method = "Nelder-Mead")`,
 * which R Synth uses to search predictor importances. Derivative-free; for small, noisy or
 * piecewise-smooth objectives such as a synthetic control's outer loss.
 */
export interface NelderMeadOptions {
  /** Stop when the simplex's values differ by less than this, relative (R's reltol; default 1e-8). */
  readonly relTol?: number;
  /** Largest number of function evaluations (default 500 × dimension). */
  readonly maxEvals?: number;
  /** Initial step along each axis (default 10% of the coordinate, or 0.1 where it is 0). */
  readonly step?: number;
}

export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly evals: number;
  readonly converged: boolean;
}

export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], opts: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const relTol = opts.relTol ?? 1e-8;
  const maxEvals = opts.maxEvals ?? 500 * Math.max(1, n);
  let evals = 0;
  const fx = (x: number[]) => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const pts: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = p[i] !== 0 ? p[i] * (1 + (opts.step ?? 0.1)) : (opts.step ?? 0.1);
    pts.push(p);
  }
  let vals = pts.map(fx);
  let converged = false;
  while (evals < maxEvals) {
    const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
    const sp = order.map((i) => pts[i]);
    const sv = order.map((i) => vals[i]);
    pts.splice(0, pts.length, ...sp);
    vals = sv;
    if (Math.abs(vals[n] - vals[0]) <= relTol * (Math.abs(vals[0]) + relTol)) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    const along = (t: number) => centroid.map((c, j) => c + t * (pts[n][j] - c));
    const xr = along(-1);
    const fr = fx(xr);
    if (fr < vals[0]) {
      const xe = along(-2);
      const fe = fx(xe);
      if (fe < fr) (pts[n] = xe), (vals[n] = fe);
      else (pts[n] = xr), (vals[n] = fr);
    } else if (fr < vals[n - 1]) {
      (pts[n] = xr), (vals[n] = fr);
    } else {
      const outside = fr < vals[n];
      const xc = along(outside ? -0.5 : 0.5);
      const fc = fx(xc);
      if (fc < (outside ? fr : vals[n])) (pts[n] = xc), (vals[n] = fc);
      else {
        for (let i = 1; i <= n; i++) {
          pts[i] = pts[i].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
          vals[i] = fx(pts[i]);
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (vals[i] < vals[best]) best = i;
  return { x: pts[best], value: vals[best], evals, converged };
}
