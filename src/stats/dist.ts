/**
 * Probability distributions the detection statistics need, written to agree with R's `stats`
 * (nmath) to well within the 1e-6 tolerance the references allow:
 *
 * - `pnorm`: W. J. Cody's rational Chebyshev approximation (Math. Comp. 1969; ACM TOMS 715), the
 *   algorithm R's `pnorm` uses, accurate to full double precision in both tails.
 * - `qnorm`: a starting approximation polished by Newton–Halley steps on `pnorm`, so it is the
 *   inverse of the `pnorm` above to machine precision (R uses Wichura's AS 241, same precision).
 * - incomplete gamma and beta ratios by series / Lentz continued fractions (Numerical Recipes §6.2,
 *   §6.4), giving `ppois`, `pnbinom` and Student's `pt`; discrete quantiles by the search R's
 *   `qDiscrete_search` performs (smallest x with F(x) ≥ p·(1 + 2ε)).
 *
 * Pure functions of numbers; no state.
 */

const EPS = 2.220446049250313e-16;
const M_1_SQRT_2PI = 0.398942280401432677939946059934;
const M_SQRT_32 = 5.656854249492380195206754896838;
const LN_SQRT_2PI = 0.918938533204672741780329736406;

// Cody's coefficients (published constants of the algorithm).
const PA = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const PB = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const PC = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const PD = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const PP = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const PQ = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** exp(-x²/2) computed in two parts so the tails keep their relative precision. */
function expHalfSq(x: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5);
}

/** Standard normal lower and upper tail probabilities [P(Z ≤ x), P(Z > x)]. */
export function pnormBoth(x: number): [number, number] {
  if (Number.isNaN(x)) return [NaN, NaN];
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > EPS * 0.5) {
      const xsq = x * x;
      xnum = PA[4] * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + PA[i]) * xsq;
        xden = (xden + PB[i]) * xsq;
      }
    }
    const temp = (x * (xnum + PA[3])) / (xden + PB[3]);
    return [0.5 + temp, 0.5 - temp];
  }
  let small: number;
  if (y <= M_SQRT_32) {
    let xnum = PC[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + PC[i]) * y;
      xden = (xden + PD[i]) * y;
    }
    small = (expHalfSq(y) * (xnum + PC[7])) / (xden + PD[7]);
  } else if (y < 37.5193) {
    const xsq = 1 / (x * x);
    let xnum = PP[5] * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + PP[i]) * xsq;
      xden = (xden + PQ[i]) * xsq;
    }
    let temp = (xsq * (xnum + PP[4])) / (xden + PQ[4]);
    temp = (M_1_SQRT_2PI - temp) / y;
    small = expHalfSq(y) * temp;
  } else {
    small = 0;
  }
  return x > 0 ? [1 - small, small] : [small, 1 - small];
}

/** Normal distribution function, R's `pnorm(q, mean, sd, lower.tail)`. */
export function pnorm(q: number, mean = 0, sd = 1, lowerTail = true): number {
  const [lo, up] = pnormBoth((q - mean) / sd);
  return lowerTail ? lo : up;
}

/** Standard normal density. */
function dnorm0(x: number): number {
  return M_1_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Normal quantile, R's `qnorm(p, mean, sd)` (lower tail). */
export function qnorm(p: number, mean = 0, sd = 1): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // Acklam's rational approximation as a start (relative error 1e-9) ...
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let z: number;
  const plow = 0.02425;
  if (p < plow) {
    const q = Math.sqrt(-2 * Math.log(p));
    z = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - plow) {
    const q = p - 0.5;
    const r = q * q;
    z = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    z = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // ... polished by Halley steps against the tail that keeps precision.
  for (let it = 0; it < 3; it++) {
    const [lo, up] = pnormBoth(z);
    const e = p < 0.5 ? lo - p : (1 - p) - up;
    const u = e / dnorm0(z);
    const step = u / (1 + (z * u) / 2);
    z -= step;
    if (Math.abs(step) < 1e-16 * Math.max(1, Math.abs(z))) break;
  }
  return mean + sd * z;
}

/** log Γ(x) for x > 0: Stirling's series after shifting the argument above 15. */
export function lgamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  let shift = 0;
  let xx = x;
  if (xx < 15) {
    let prod = 1;
    while (xx < 15) {
      prod *= xx;
      xx += 1;
    }
    shift = Math.log(prod);
  }
  const r = 1 / xx;
  const r2 = r * r;
  const series = r * (1 / 12 + r2 * (-1 / 360 + r2 * (1 / 1260 + r2 * (-1 / 1680 + r2 * (1 / 1188 + r2 * (-691 / 360360 + r2 * (1 / 156)))))));
  return (xx - 0.5) * Math.log(xx) - xx + LN_SQRT_2PI + series - shift;
}

const FPMIN = 1e-300;

/** Continued fraction for the incomplete beta ratio (modified Lentz). */
function betacf(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Regularised incomplete beta I_x(a, b) and its complement, [I_x(a,b), 1 − I_x(a,b)], each
 * computed directly on the side where it is small so both keep relative precision.
 */
export function pbetaBoth(x: number, a: number, b: number): [number, number] {
  if (x <= 0) return [0, 1];
  if (x >= 1) return [1, 0];
  const lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  const bt = Math.exp(lbt);
  if (x < (a + 1) / (a + b + 2)) {
    const lo = (bt * betacf(x, a, b)) / a;
    return [lo, 1 - lo];
  }
  const up = (bt * betacf(1 - x, b, a)) / b;
  return [1 - up, up];
}

/** Regularised incomplete gamma [P(a, x), Q(a, x)]. */
export function pgammaBoth(a: number, x: number): [number, number] {
  if (x <= 0) return [0, 1];
  const lpre = a * Math.log(x) - x - lgamma(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 100000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    const p = sum * Math.exp(lpre);
    return [p, 1 - p];
  }
  let b = x + 1 - a;
  let c = 1 / FPMIN;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = b + an / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  const q = Math.exp(lpre) * h;
  return [1 - q, q];
}

/** Poisson distribution function, R's `ppois(q, lambda, lower.tail)`. */
export function ppois(q: number, lambda: number, lowerTail = true): number {
  const x = Math.floor(q + 1e-7);
  if (x < 0) return lowerTail ? 0 : 1;
  if (lambda === 0) return lowerTail ? 1 : 0;
  // P(X ≤ x) = Q(x + 1, λ)
  const [p, qq] = pgammaBoth(x + 1, lambda);
  return lowerTail ? qq : p;
}

/** Negative binomial distribution function, R's `pnbinom(q, size, prob, lower.tail)`. */
export function pnbinom(q: number, size: number, prob: number, lowerTail = true): number {
  const x = Math.floor(q + 1e-7);
  if (x < 0) return lowerTail ? 0 : 1;
  if (size === 0) return lowerTail ? 1 : 0;
  // P(X ≤ x) = I_prob(size, x + 1)
  const [lo, up] = pbetaBoth(prob, size, x + 1);
  return lowerTail ? lo : up;
}

/** Smallest integer x ≥ 0 with cdf(x) ≥ p·(1 + 2ε), found from a normal-approximation start. */
function discreteQuantile(p: number, mean: number, sd: number, cdf: (x: number) => number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 1) return Infinity;
  const target = p * (1 + 2 * EPS);
  let y = Math.max(0, Math.round(mean + sd * qnorm(p)));
  if (!Number.isFinite(y)) y = 0;
  if (cdf(y) >= target) {
    while (y > 0 && cdf(y - 1) >= target) y--;
  } else {
    do y++;
    while (cdf(y) < target);
  }
  return y;
}

/** Poisson quantile, R's `qpois(p, lambda)`. */
export function qpois(p: number, lambda: number): number {
  if (lambda === 0) return 0;
  return discreteQuantile(p, lambda, Math.sqrt(lambda), (x) => ppois(x, lambda));
}

/** Negative binomial quantile, R's `qnbinom(p, size, prob)`. */
export function qnbinom(p: number, size: number, prob: number): number {
  if (prob === 1 || size === 0) return 0;
  const mu = (size * (1 - prob)) / prob;
  return discreteQuantile(p, mu, Math.sqrt(mu / prob), (x) => pnbinom(x, size, prob));
}

/** Student's t distribution function, R's `pt(q, df, lower.tail)`. */
export function pt(q: number, df: number, lowerTail = true): number {
  if (Number.isNaN(q) || !(df > 0)) return NaN;
  if (!Number.isFinite(q)) return (q > 0) === lowerTail ? 1 : 0;
  // P(|T| > |q|) = I_{df/(df+q²)}(df/2, 1/2)
  const x = df / (df + q * q);
  const [tail2] = pbetaBoth(x, df / 2, 0.5);
  const upper = tail2 / 2; // P(T > |q|)
  const positive = q > 0;
  if (lowerTail) return positive ? 1 - upper : upper;
  return positive ? upper : 1 - upper;
}
