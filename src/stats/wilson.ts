/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA 22:209–212; recommended by
 * Brown, Cai & DasGupta 2001, Stat. Sci. 16:101–133), as R's `prop.test(x, n, correct = FALSE)$conf.int`:
 *
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²)
 *
 * with p̂ = x / n and z the standard normal quantile for the confidence level (1.959964 for 95 %).
 * Unlike p̂ ± z·se it stays inside [0, 1] and behaves at x = 0 and x = n. `n` may be a non-integer
 * effective sample size (e.g. Kish's (Σw)²/Σw² for a weighted proportion).
 */
import { qnorm } from './dist.ts';

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** The Wilson interval of x successes in n trials at `level` (default 0.95); null when n = 0. */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval | null {
  if (!(n > 0)) return null;
  if (!(x >= 0 && x <= n)) throw new Error(`wilsonInterval: x = ${x} is not within [0, n = ${n}]`);
  const z = qnorm(1 - (1 - level) / 2);
  const p = x / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  // At x = 0 (x = n) the lower (upper) limit is exactly 0 (1); rounding would leave ~1e-17.
  return { lower: x === 0 ? 0 : Math.max(0, centre - half), upper: x === n ? 1 : Math.min(1, centre + half) };
}
